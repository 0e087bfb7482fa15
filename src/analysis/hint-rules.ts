// The hint rules, one function per kind of hint over the context computeHints prepares (hints.ts).
import type { Hint, HintContext } from './hint.js';
import { LayerOrigin } from './dockerfile.js';
import { CACHE_RULES, CONTEXT_LEFTOVERS, PACKAGE_MANAGERS, PathRule, SHELLS, TOOLCHAIN_RULES } from './hint-paths.js';
import { FinalFiles, ShadowedBytes } from './waste.js';
import { clipCreatedBy } from '../common/created-by.js';
import { formatBytes } from '../common/units.js';

const MIN_CACHE_BYTES = 64 * 1024;
const MIN_TOOLCHAIN_BYTES = 1024 * 1024;
const MIN_STRIP_BYTES = 64 * 1024;
const LARGE_BASE_BYTES = 10_000_000;
const UPX_MIN_BYTES = 5_000_000;
const MAX_STRIP_HINTS = 10;
const MAX_UPX_HINTS = 3;

export function packageCacheHints({ visible, origins }: HintContext): Hint[] {
  return bytesByRuleAndLayer(visible, CACHE_RULES, origins)
    .filter((total) => total.bytes >= MIN_CACHE_BYTES)
    .map((total) => ({
      kind: 'package-cache',
      severity: 'warning',
      title: `${total.rule.label} left in the image`,
      message: `${where(origins, total.layer)} leaves ${formatBytes(total.bytes)} of ${total.rule.label} (${total.files} files) in the image; ${total.rule.advice}.`,
      savingBytes: total.bytes,
      ...place(origins, total.layer),
    }));
}

/** One toolchain hint per toolchain, pointing at the layer that added most of it. */
export function toolchainHints({ visible, origins }: HintContext): Hint[] {
  const toolchains = new Map<string, { rule: PathRule; layer: number; bytes: number }>();
  for (const total of bytesByRuleAndLayer(visible, TOOLCHAIN_RULES, origins)) {
    const current = toolchains.get(total.rule.label);
    if (!current) toolchains.set(total.rule.label, { rule: total.rule, layer: total.layer, bytes: total.bytes });
    else current.bytes += total.bytes;
  }
  return [...toolchains.values()]
    .filter((toolchain) => toolchain.bytes >= MIN_TOOLCHAIN_BYTES)
    .map((toolchain) => ({
      kind: 'toolchain',
      severity: 'warning',
      title: `${toolchain.rule.label} in the final image`,
      message: `The final image carries ${formatBytes(toolchain.bytes)} of ${toolchain.rule.label}, mostly from ${where(origins, toolchain.layer)}; ${toolchain.rule.advice}.`,
      savingBytes: toolchain.bytes,
      ...place(origins, toolchain.layer),
    }));
}

export function unstrippedBinaryHints({ ownBinaries, origins }: HintContext): Hint[] {
  return ownBinaries
    .slice(0, MAX_STRIP_HINTS)
    .filter(({ binary }) => binary.strippableBytes >= MIN_STRIP_BYTES)
    .map(({ binary, layer }) => ({
      kind: 'unstripped-binary',
      severity: 'warning',
      title: 'Binary with symbols or debug information',
      message: `${binary.path} (${formatBytes(binary.sizeBytes)}, from ${where(origins, layer)}) carries ${formatBytes(binary.strippableBytes)} of ${binary.hasSymbolTable ? 'symbol tables' : 'non-loaded sections'} and debug information; strip it (\`strip --strip-all\`), or for Go build with \`-ldflags '-s -w'\`.`,
      savingBytes: binary.strippableBytes,
      ...place(origins, layer),
    }));
}

export function staticBinaryOnLargeBaseHints({ staticExecutables, baseBytes, origins }: HintContext): Hint[] {
  if (staticExecutables.length === 0 || baseBytes < LARGE_BASE_BYTES) return [];
  const { binary, layer } = staticExecutables[0];
  return [
    {
      kind: 'static-binary-on-large-base',
      severity: 'warning',
      title: 'Static binary on a large base image',
      message: `${binary.path} is statically linked, yet the image sits on a ${formatBytes(baseBytes)} base; \`FROM scratch\` (or a distroless static base) would do and save about ${formatBytes(baseBytes)}.`,
      savingBytes: baseBytes,
      ...place(origins, layer),
    },
  ];
}

export function upxHints({ staticExecutables, origins }: HintContext): Hint[] {
  return staticExecutables
    .filter(({ binary }) => binary.sizeBytes >= UPX_MIN_BYTES)
    .slice(0, MAX_UPX_HINTS)
    .map(({ binary, layer }) => ({
      kind: 'upx',
      severity: 'info',
      title: 'UPX could pack a large static binary',
      message: `${binary.path} is ${formatBytes(binary.sizeBytes)}; UPX typically packs such binaries to 30-50% of their size, at the cost of decompressing on every start (often 50-200 ms, and more memory). Measure with max-startup-time before adopting it.`,
      ...place(origins, layer),
    }));
}

/** Files a .dockerignore should keep out, in COPY/ADD layers of the image's own build. */
export function dockerignoreHints({ visible, origins }: HintContext): Hint[] {
  const ignorable = new Map<number, { bytes: number; files: number; kinds: Set<string> }>();
  for (const [path, file] of visible) {
    const origin = origins[file.layer];
    if (!origin?.own || !/^(COPY|ADD)\b/.test(origin.instruction?.keyword ?? origin.createdBy)) continue;
    const kind = CONTEXT_LEFTOVERS.find((candidate) => candidate.pattern.test(path))?.kind;
    if (!kind) continue;
    const total = ignorable.get(file.layer) ?? { bytes: 0, files: 0, kinds: new Set<string>() };
    total.bytes += file.sizeBytes;
    total.files += 1;
    total.kinds.add(kind);
    ignorable.set(file.layer, total);
  }
  return [...ignorable]
    .filter(([, total]) => total.bytes > 0)
    .map(([layer, total]) => ({
      kind: 'dockerignore',
      severity: 'warning',
      title: 'Build-context files that a .dockerignore should keep out',
      message: `${where(origins, layer)} copies ${total.files} files (${formatBytes(total.bytes)}) of ${[...total.kinds].join(', ')} into the image; list them in .dockerignore.`,
      savingBytes: total.bytes,
      ...place(origins, layer),
    }));
}

export function noDockerignoreHints({ contextHasDockerignore }: HintContext): Hint[] {
  if (contextHasDockerignore !== false) return [];
  return [
    {
      kind: 'no-dockerignore',
      severity: 'info',
      title: 'No .dockerignore in the build context',
      message:
        'The build context has no .dockerignore, so every file in it (.git, local node_modules, build output) is sent to the builder and can end up in COPY layers.',
    },
  ];
}

/** deleted-later and rewritten-later, one hint per group of shadowed bytes, in the groups' order (largest first). */
export function shadowedFileHints({ reclaimable, origins }: HintContext): Hint[] {
  return reclaimable.groups
    .filter((group) => origins[group.shadowedByLayer]?.own && group.bytes >= MIN_CACHE_BYTES)
    .map((group) => (group.how === 'deleted' ? deletedLaterHint(group, origins) : rewrittenLaterHint(group, origins)));
}

function deletedLaterHint(group: ShadowedBytes, origins: LayerOrigin[]): Hint {
  const examples = group.examples.map((example) => example.path).join(', ');
  return {
    kind: 'deleted-later',
    severity: 'warning',
    title: 'Files written in one layer and deleted in a later one',
    message: `${where(origins, group.writtenInLayer)} writes ${formatBytes(group.bytes)} (${group.fileCount} files, e.g. ${examples}) that ${where(origins, group.shadowedByLayer)} deletes; the bytes stay in the earlier layer. Write and delete them in one RUN, or use a build stage.`,
    savingBytes: group.bytes,
    layerIndex: group.shadowedByLayer,
    line: lineOf(origins, group.shadowedByLayer) ?? lineOf(origins, group.writtenInLayer),
  };
}

/** What a package install rewrites: the package managers' databases, logs and caches, and the linker's cache. */
const PACKAGE_STATE =
  /^\/(var\/lib\/dpkg\/|lib\/apk\/db\/|usr\/lib\/apk\/db\/|var\/lib\/apt\/|var\/cache\/debconf\/|var\/log\/(dpkg\.log|apt\/|alternatives\.log)|var\/lib\/rpm\/|var\/cache\/ldconfig\/|etc\/ld\.so\.cache$)/;

/** Why a later layer stores a second copy: a package install rewriting the package database, a chmod or chown, or both. */
function rewriteCause(group: ShadowedBytes): { cause: string; advice: string } {
  const state = group.examples.filter((example) => PACKAGE_STATE.test(example.path)).length;
  const install = 'a package install in a later layer rewrites the package database and its logs';
  const installAdvice = 'install the packages in one RUN (or in a build stage)';
  const chmod = 'a chmod or chown in a later RUN does this';
  const chmodAdvice = 'set ownership and modes where the files are written (COPY --chown/--chmod)';
  if (state === group.examples.length) return { cause: install, advice: installAdvice };
  if (state === 0) return { cause: chmod, advice: chmodAdvice };
  return {
    cause: `${install}, and a chmod or chown in a later RUN rewrites the files it touches`,
    advice: `${installAdvice}; ${chmodAdvice}`,
  };
}

function rewrittenLaterHint(group: ShadowedBytes, origins: LayerOrigin[]): Hint {
  const examples = group.examples.map((example) => example.path).join(', ');
  const { cause, advice } = rewriteCause(group);
  return {
    kind: 'rewritten-later',
    severity: 'warning',
    title: 'Files copied again by a later layer',
    message: `${where(origins, group.shadowedByLayer)} rewrites ${group.fileCount} files (${formatBytes(group.bytes)}, e.g. ${examples}) from ${where(origins, group.writtenInLayer)}, so both copies are stored (${cause}); ${advice}.`,
    savingBytes: group.bytes,
    ...place(origins, group.shadowedByLayer),
  };
}

export function attackSurfaceHints({ visible }: HintContext): Hint[] {
  const shells: string[] = [];
  const managers: string[] = [];
  const setuid: { path: string; sizeBytes: number }[] = [];
  for (const [path, file] of visible) {
    if (SHELLS.test(path)) shells.push(path);
    if (PACKAGE_MANAGERS.test(path)) managers.push(path);
    if (file.kind === 'file' && file.mode & 0o4000) setuid.push({ path, sizeBytes: file.sizeBytes });
  }
  const setuidBytes = setuid.reduce((sum, file) => sum + file.sizeBytes, 0);
  const parts = [
    shells.length ? `a shell (${firstSorted(shells, 4)})` : '',
    managers.length ? `a package manager (${firstSorted(managers, 4)})` : '',
    setuid.length
      ? `${setuid.length} setuid binaries (${formatBytes(setuidBytes)}: ${firstSorted(
          setuid.map((file) => file.path),
          5,
        )})`
      : '',
  ].filter(Boolean);
  if (parts.length === 0) return [];
  return [
    {
      kind: 'attack-surface',
      severity: 'info',
      title: 'Attack surface in the final image',
      message: `The final image contains ${parts.join(', ')}. A distroless or scratch base leaves them out.`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// What the rules share

function firstSorted(paths: string[], count: number): string {
  return [...paths].sort().slice(0, count).join(', ');
}

function lineOf(origins: LayerOrigin[], layer: number): number | undefined {
  return origins[layer]?.instruction?.line;
}

/** The layer a hint concerns, and its Dockerfile line when known. */
export function place(origins: LayerOrigin[], layer: number): { layerIndex: number; line: number | undefined } {
  return { layerIndex: layer, line: lineOf(origins, layer) };
}

/** A layer in words: its Dockerfile line and instruction, or its created_by. */
export function where(origins: LayerOrigin[], layer: number): string {
  const origin = origins[layer];
  const line = origin?.instruction?.line;
  const step = origin?.createdBy ? `\`${clipCreatedBy(origin.createdBy)}\`` : `layer ${layer + 1}`;
  return line ? `line ${line} (${step})` : step;
}

/** Sums visible bytes by (rule, layer), for the image's own layers. */
function bytesByRuleAndLayer(visible: FinalFiles, rules: PathRule[], origins: LayerOrigin[]) {
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
