// Pure: what to do about the bytes. Each hint names the layer (and Dockerfile line, when known) it
// concerns and estimates what it would save, from bytes the final image really holds.
import { ElfFinding, ScannedLayer } from './archive.js';
import { LayerOrigin } from './dockerfile.js';
import { Reclaimable, VisibleFile } from './waste.js';
import { formatBytes } from '../units.js';

export type HintKind =
  | 'package-cache'
  | 'toolchain'
  | 'unstripped-binary'
  | 'static-binary-on-large-base'
  | 'upx'
  | 'dockerignore'
  | 'no-dockerignore'
  | 'deleted-later'
  | 'rewritten-later'
  | 'attack-surface';

export interface Hint {
  kind: HintKind;
  severity: 'warning' | 'info';
  title: string;
  message: string;
  /** Estimated bytes a fix would save (undefined for informational hints). */
  savingBytes?: number;
  layerIndex?: number;
  /** 1-based Dockerfile line, when the gate built the image and matched the layer. */
  line?: number;
}

export interface HintInput {
  layers: ScannedLayer[];
  origins: LayerOrigin[];
  reclaimable: Reclaimable;
  /** Whether the build context has a .dockerignore (undefined when the gate did not build). */
  contextHasDockerignore?: boolean;
}

interface PathRule {
  label: string;
  pattern: RegExp;
  advice: string;
}

const CACHE_RULES: PathRule[] = [
  {
    label: 'apt package lists',
    pattern: /^\/var\/lib\/apt\/lists\/(?!lock$|partial\/?$)/,
    advice: 'end the same RUN with `rm -rf /var/lib/apt/lists/*`',
  },
  {
    label: 'apt package cache',
    pattern: /^\/var\/cache\/apt\/.+/,
    advice: 'run `apt-get clean` in the same RUN, or use `RUN --mount=type=cache,target=/var/cache/apt`',
  },
  { label: 'apk cache', pattern: /^\/var\/cache\/apk\/.+/, advice: 'use `apk add --no-cache`' },
  { label: 'pip cache', pattern: /^\/(root|home\/[^/]+)\/\.cache\/pip\/.+/, advice: 'use `pip install --no-cache-dir`' },
  {
    label: 'npm cache',
    pattern: /^\/(root|home\/[^/]+)\/\.npm\/.+/,
    advice: 'run `npm cache clean --force` in the same RUN, or use a cache mount',
  },
  {
    label: 'yarn cache',
    pattern: /^\/(usr\/local\/share|root|home\/[^/]+)\/\.cache\/yarn\/.+/,
    advice: 'run `yarn cache clean` in the same RUN, or use a cache mount',
  },
  {
    label: 'Go build cache',
    pattern: /^\/(root|home\/[^/]+)\/\.cache\/go-build\/.+/,
    advice: 'build in a separate stage, or use `RUN --mount=type=cache,target=/root/.cache/go-build`',
  },
  {
    label: 'Go module cache',
    pattern: /^\/(root\/go|go)\/pkg\/mod\/.+/,
    advice: 'build in a separate stage so the module cache stays behind',
  },
];

const TOOLCHAIN_RULES: PathRule[] = [
  {
    label: 'Go toolchain',
    pattern: /^\/usr\/(lib\/go(-[\d.]+)?|local\/go|share\/go(-[\d.]+)?)\//,
    advice: 'build in a separate stage and copy only the binary',
  },
  {
    label: 'C/C++ compiler',
    pattern: /^\/usr\/(lib|libexec)\/gcc\/|^\/usr\/bin\/(gcc|g\+\+|cc|c\+\+|cpp|x86_64-linux-gnu-(gcc|g\+\+|cpp))(-\d+)?$/,
    advice: 'build in a separate stage; the final image needs only the runtime libraries',
  },
  { label: 'C headers', pattern: /^\/usr\/include\//, advice: 'install -dev packages only in a build stage' },
  {
    label: 'Rust toolchain',
    pattern: /^\/(root|usr\/local)\/(\.rustup|rustup|\.cargo|cargo)\//,
    advice: 'build in a separate stage and copy only the binary',
  },
  {
    label: 'Java compiler (JDK)',
    pattern: /^\/usr\/lib\/jvm\/[^/]+\/(bin\/javac|lib\/ct\.sym|jmods\/)/,
    advice: 'run on a JRE, or a jlink-ed runtime, not a JDK',
  },
];

const SHELLS = /^\/(usr\/)?bin\/(sh|bash|dash|ash|busybox|zsh)$/;
const PACKAGE_MANAGERS = /^\/(usr\/)?s?bin\/(apt|apt-get|dpkg|apk|yum|dnf|rpm|pip3?|npm)$/;

function lineOf(origins: LayerOrigin[], layer: number | undefined): number | undefined {
  return layer === undefined ? undefined : origins[layer]?.instruction?.line;
}

function where(origins: LayerOrigin[], layer: number): string {
  const origin = origins[layer];
  const line = origin?.instruction?.line;
  const step = origin?.createdBy ? `\`${origin.createdBy.slice(0, 80)}${origin.createdBy.length > 80 ? '…' : ''}\`` : `layer ${layer + 1}`;
  return line ? `line ${line} (${step})` : step;
}

/** Sums visible bytes by (rule, layer), for the image's own layers. */
function bytesByRuleAndLayer(visible: Map<string, VisibleFile>, rules: PathRule[], origins: LayerOrigin[]) {
  const totals = new Map<string, { rule: PathRule; layer: number; bytes: number; files: number }>();
  for (const [path, file] of visible) {
    if (!origins[file.layer]?.own || file.sizeBytes === 0) continue;
    const rule = rules.find((candidate) => candidate.pattern.test(path));
    if (!rule) continue;
    const key = `${rule.label}|${file.layer}`;
    const total = totals.get(key) ?? { rule, layer: file.layer, bytes: 0, files: 0 };
    total.bytes += file.sizeBytes;
    total.files += 1;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => b.bytes - a.bytes);
}

const MIN_CACHE_BYTES = 64 * 1024;
const MIN_TOOLCHAIN_BYTES = 1024 * 1024;
const MIN_STRIP_BYTES = 64 * 1024;
const LARGE_BASE_BYTES = 10_000_000;
const UPX_MIN_BYTES = 5_000_000;

export function computeHints(input: HintInput): Hint[] {
  const { layers, origins, reclaimable } = input;
  const visible = reclaimable.visible;
  const hints: Hint[] = [];

  for (const total of bytesByRuleAndLayer(visible, CACHE_RULES, origins)) {
    if (total.bytes < MIN_CACHE_BYTES) continue;
    hints.push({
      kind: 'package-cache',
      severity: 'warning',
      title: `${total.rule.label} left in the image`,
      message: `${where(origins, total.layer)} leaves ${formatBytes(total.bytes)} of ${total.rule.label} (${total.files} files) in the image; ${total.rule.advice}.`,
      savingBytes: total.bytes,
      layerIndex: total.layer,
      line: lineOf(origins, total.layer),
    });
  }

  // One toolchain hint per toolchain, pointing at the layer that added most of it.
  const toolchains = new Map<string, { rule: PathRule; layer: number; bytes: number; layerBytes: number }>();
  for (const total of bytesByRuleAndLayer(visible, TOOLCHAIN_RULES, origins)) {
    const current = toolchains.get(total.rule.label);
    if (!current) toolchains.set(total.rule.label, { rule: total.rule, layer: total.layer, bytes: total.bytes, layerBytes: total.bytes });
    else current.bytes += total.bytes;
  }
  for (const toolchain of toolchains.values()) {
    if (toolchain.bytes < MIN_TOOLCHAIN_BYTES) continue;
    hints.push({
      kind: 'toolchain',
      severity: 'warning',
      title: `${toolchain.rule.label} in the final image`,
      message: `The final image carries ${formatBytes(toolchain.bytes)} of ${toolchain.rule.label}, mostly from ${where(origins, toolchain.layer)}; ${toolchain.rule.advice}.`,
      savingBytes: toolchain.bytes,
      layerIndex: toolchain.layer,
      line: lineOf(origins, toolchain.layer),
    });
  }

  const ownBinaries: { binary: ElfFinding; layer: number }[] = [];
  layers.forEach((layer, index) => {
    if (!origins[index]?.own) return;
    for (const binary of layer.elfBinaries) {
      // A toolchain's own binaries are covered by the toolchain hint.
      if (visible.get(binary.path)?.layer === index && !TOOLCHAIN_RULES.some((rule) => rule.pattern.test(binary.path)))
        ownBinaries.push({ binary, layer: index });
    }
  });
  for (const { binary, layer } of ownBinaries.sort((a, b) => b.binary.strippableBytes - a.binary.strippableBytes).slice(0, 10)) {
    if (binary.strippableBytes < MIN_STRIP_BYTES) continue;
    hints.push({
      kind: 'unstripped-binary',
      severity: 'warning',
      title: 'Binary with symbols or debug information',
      message: `${binary.path} (${formatBytes(binary.sizeBytes)}, from ${where(origins, layer)}) carries ${formatBytes(binary.strippableBytes)} of ${binary.hasSymbolTable ? 'symbol tables' : 'non-loaded sections'} and debug information; strip it (\`strip --strip-all\`), or for Go build with \`-ldflags '-s -w'\`.`,
      savingBytes: binary.strippableBytes,
      layerIndex: layer,
      line: lineOf(origins, layer),
    });
  }

  const baseBytes = layers.reduce(
    (sum, layer, index) => (origins[index]?.own ? sum : sum + layer.entries.reduce((total, entry) => total + entry.sizeBytes, 0)),
    0,
  );
  const staticExecutables = ownBinaries.filter(
    ({ binary }) => binary.isStatic === true && (visible.get(binary.path)?.mode ?? 0) & 0o111 && !/\.so(\.|$)/.test(binary.path),
  );
  if (staticExecutables.length > 0 && baseBytes >= LARGE_BASE_BYTES) {
    const { binary, layer } = staticExecutables[0];
    hints.push({
      kind: 'static-binary-on-large-base',
      severity: 'warning',
      title: 'Static binary on a large base image',
      message: `${binary.path} is statically linked, yet the image sits on a ${formatBytes(baseBytes)} base; \`FROM scratch\` (or a distroless static base) would do and save about ${formatBytes(baseBytes)}.`,
      savingBytes: baseBytes,
      layerIndex: layer,
      line: lineOf(origins, layer),
    });
  }
  for (const { binary, layer } of staticExecutables.filter(({ binary }) => binary.sizeBytes >= UPX_MIN_BYTES).slice(0, 3)) {
    hints.push({
      kind: 'upx',
      severity: 'info',
      title: 'UPX could pack a large static binary',
      message: `${binary.path} is ${formatBytes(binary.sizeBytes)}; UPX typically packs such binaries to 30-50% of their size, at the cost of decompressing on every start (often 50-200 ms, and more memory). Measure with max-startup-time before adopting it.`,
      layerIndex: layer,
      line: lineOf(origins, layer),
    });
  }

  // Files a .dockerignore should keep out, in COPY/ADD layers of the image's own build.
  const ignorable = new Map<number, { bytes: number; files: number; kinds: Set<string> }>();
  for (const [path, file] of visible) {
    const origin = origins[file.layer];
    if (!origin?.own || !/^(COPY|ADD)\b/.test(origin.instruction?.keyword ?? origin.createdBy)) continue;
    const kind = /\/\.git\//.test(path)
      ? '.git'
      : /\/node_modules\//.test(path)
        ? 'node_modules'
        : /\/(tests?|__tests__|spec)\//.test(path)
          ? 'tests'
          : /\/(docs?)\/|\.md$/i.test(path)
            ? 'docs'
            : undefined;
    if (!kind) continue;
    const total = ignorable.get(file.layer) ?? { bytes: 0, files: 0, kinds: new Set<string>() };
    total.bytes += file.sizeBytes;
    total.files += 1;
    total.kinds.add(kind);
    ignorable.set(file.layer, total);
  }
  for (const [layer, total] of ignorable) {
    if (total.bytes === 0) continue;
    hints.push({
      kind: 'dockerignore',
      severity: 'warning',
      title: 'Build-context files that a .dockerignore should keep out',
      message: `${where(origins, layer)} copies ${total.files} files (${formatBytes(total.bytes)}) of ${[...total.kinds].join(', ')} into the image; list them in .dockerignore.`,
      savingBytes: total.bytes,
      layerIndex: layer,
      line: lineOf(origins, layer),
    });
  }
  if (input.contextHasDockerignore === false) {
    hints.push({
      kind: 'no-dockerignore',
      severity: 'info',
      title: 'No .dockerignore in the build context',
      message:
        'The build context has no .dockerignore, so every file in it (.git, local node_modules, build output) is sent to the builder and can end up in COPY layers.',
    });
  }

  for (const group of reclaimable.groups) {
    if (!origins[group.shadowedByLayer]?.own || group.bytes < MIN_CACHE_BYTES) continue;
    const examples = group.examples.map((example) => example.path).join(', ');
    hints.push(
      group.how === 'deleted'
        ? {
            kind: 'deleted-later',
            severity: 'warning',
            title: 'Files written in one layer and deleted in a later one',
            message: `${where(origins, group.writtenInLayer)} writes ${formatBytes(group.bytes)} (${group.fileCount} files, e.g. ${examples}) that ${where(origins, group.shadowedByLayer)} deletes; the bytes stay in the earlier layer. Write and delete them in one RUN, or use a build stage.`,
            savingBytes: group.bytes,
            layerIndex: group.shadowedByLayer,
            line: lineOf(origins, group.shadowedByLayer) ?? lineOf(origins, group.writtenInLayer),
          }
        : {
            kind: 'rewritten-later',
            severity: 'warning',
            title: 'Files copied again by a later layer',
            message: `${where(origins, group.shadowedByLayer)} rewrites ${group.fileCount} files (${formatBytes(group.bytes)}, e.g. ${examples}) from ${where(origins, group.writtenInLayer)}, so both copies are stored (a chmod or chown in a later RUN does this); set ownership and modes where the files are written (COPY --chown/--chmod).`,
            savingBytes: group.bytes,
            layerIndex: group.shadowedByLayer,
            line: lineOf(origins, group.shadowedByLayer),
          },
    );
  }

  const shells: string[] = [];
  const managers: string[] = [];
  const setuid: { path: string; sizeBytes: number }[] = [];
  for (const [path, file] of visible) {
    if (SHELLS.test(path)) shells.push(path);
    if (PACKAGE_MANAGERS.test(path)) managers.push(path);
    if (file.kind === 'file' && file.mode & 0o4000) setuid.push({ path, sizeBytes: file.sizeBytes });
  }
  if (shells.length + managers.length + setuid.length > 0) {
    const parts = [
      shells.length ? `a shell (${shells.sort().slice(0, 4).join(', ')})` : '',
      managers.length ? `a package manager (${managers.sort().slice(0, 4).join(', ')})` : '',
      setuid.length
        ? `${setuid.length} setuid binaries (${formatBytes(setuid.reduce((sum, file) => sum + file.sizeBytes, 0))}: ${setuid
            .map((file) => file.path)
            .sort()
            .slice(0, 5)
            .join(', ')})`
        : '',
    ].filter(Boolean);
    hints.push({
      kind: 'attack-surface',
      severity: 'info',
      title: 'Attack surface in the final image',
      message: `The final image contains ${parts.join(', ')}. A distroless or scratch base leaves them out.`,
    });
  }

  return hints.sort((a, b) => (b.savingBytes ?? -1) - (a.savingBytes ?? -1));
}
