// Pure: what to do about the bytes. Each hint names the layer (and Dockerfile line, when known) it
// concerns and estimates what it would save, from bytes the final image really holds. Each kind of hint
// is one rule in HINT_RULES (the rules are in hint-rules.ts), a function over a context computed once.
import { TOOLCHAIN_RULES } from './hint-paths.js';
import {
  attackSurfaceHints,
  dockerignoreHints,
  noDockerignoreHints,
  packageCacheHints,
  shadowedFileHints,
  staticBinaryOnLargeBaseHints,
  toolchainHints,
  unstrippedBinaryHints,
  upxHints,
} from './hint-rules.js';
import { Hint, HintContext, HintInput } from './hint.js';
import { buildPackageHints, devDependencyHints, packageExtrasHints, pythonBuildToolHints, pythonBytecodeHints } from './package-hints.js';

type HintRule = (context: HintContext) => Hint[];

/** Path-based toolchain hints that the build-packages hint says better, by package, when it is given. */
const SAID_BY_BUILD_PACKAGES = new Set(['C/C++ compiler in the final image', 'C headers in the final image']);

export function computeHints(input: HintInput): Hint[] {
  const context = hintContext(input);
  const hints = HINT_RULES.flatMap((rule) => rule(context));
  const byPackage = hints.some((hint) => hint.kind === 'build-packages');
  // Sorted by saving, largest first; hints that save nothing measurable last, in the rules' order.
  return hints
    .filter((hint) => !(byPackage && hint.kind === 'toolchain' && SAID_BY_BUILD_PACKAGES.has(hint.title)))
    .sort((a, b) => (b.savingBytes ?? -1) - (a.savingBytes ?? -1));
}

function hintContext(input: HintInput): HintContext {
  const { layers, origins } = input;
  const visible = input.reclaimable.visible;
  const ownBinaries = layers.flatMap((layer, index) =>
    origins[index]?.own
      ? layer.elfBinaries
          // A toolchain's own binaries are covered by the toolchain hint.
          .filter((binary) => visible.get(binary.path)?.layer === index && !TOOLCHAIN_RULES.some((rule) => rule.pattern.test(binary.path)))
          .map((binary) => ({ binary, layer: index }))
      : [],
  );
  // Most strippable bytes first: the strip hints list the worst, and the static-binary hints take this order too.
  ownBinaries.sort((a, b) => b.binary.strippableBytes - a.binary.strippableBytes);
  const staticExecutables = ownBinaries.filter(
    ({ binary }) => binary.isStatic === true && (visible.get(binary.path)?.mode ?? 0) & 0o111 && !/\.so(\.|$)/.test(binary.path),
  );
  const baseBytes = layers.reduce(
    (sum, layer, index) => (origins[index]?.own ? sum : sum + layer.entries.reduce((total, entry) => total + entry.sizeBytes, 0)),
    0,
  );
  return { ...input, visible, ownBinaries, staticExecutables, baseBytes };
}

// ---------------------------------------------------------------------------------------------------
// The rules, in the order their hints are listed when they save the same bytes

const HINT_RULES: HintRule[] = [
  packageCacheHints,
  toolchainHints,
  buildPackageHints,
  devDependencyHints,
  pythonBuildToolHints,
  packageExtrasHints,
  pythonBytecodeHints,
  unstrippedBinaryHints,
  staticBinaryOnLargeBaseHints,
  upxHints,
  dockerignoreHints,
  noDockerignoreHints,
  shadowedFileHints,
  attackSurfaceHints,
];
