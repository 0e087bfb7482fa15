// What a hint is (its kind, severity, the layer and line it concerns, what a fix would save), and what the rules
// in hint-rules.ts read to make one. Types and the list of kinds only: hints.ts runs the rules.
import { ElfFinding, ScannedLayer } from './archive.js';
import { LayerOrigin } from './dockerfile.js';
import { FinalFiles, Reclaimable } from './waste.js';
import type { PackageView } from '../packages/view.js';

/** Every kind of hint: a report's reader takes these and no other. */
export const HINT_KINDS = [
  'package-cache',
  'toolchain',
  'unstripped-binary',
  'static-binary-on-large-base',
  'upx',
  'dockerignore',
  'no-dockerignore',
  'deleted-later',
  'rewritten-later',
  'attack-surface',
  'dev-dependencies',
  'package-extras',
  'python-bytecode',
  'python-build-tools',
  'build-packages',
] as const;

export type HintKind = (typeof HINT_KINDS)[number];

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
  /** The installed packages and the devDependencies shipped (absent in callers that do not compute them). */
  packageView?: PackageView;
}

export interface LayerBinary {
  binary: ElfFinding;
  layer: number;
}

/** What the rules read: the input, and the figures more than one rule needs, computed once. */
export interface HintContext extends HintInput {
  visible: FinalFiles;
  /** ELF binaries the image's own layers put in the final filesystem, toolchains' own left out; most strippable bytes first. */
  ownBinaries: LayerBinary[];
  /** Those of ownBinaries that are statically linked, executable and not shared libraries. */
  staticExecutables: LayerBinary[];
  /** Bytes of the base image's layers. */
  baseBytes: number;
}
