// What the inputs become: the typed, validated options the gate runs with (read.ts makes them from the inputs,
// config/options.ts from a config file's entry). Types only.
import { ParsedSize } from '../common/units.js';

export type SmokeMode = 'auto' | 'true' | 'false';

export type BaselineSpec = { kind: 'auto' } | { kind: 'none' } | { kind: 'image'; reference: string };
export type CommentMode = 'always' | 'changed' | 'failure' | 'never';
export type IncreaseBudget = { kind: 'percent'; fraction: number; text: string } | { kind: 'bytes'; bytes: number; text: string };

export interface Budgets {
  maxSize?: ParsedSize;
  maxLayers?: number;
  requireNonRoot: boolean;
  maxStartupMs?: number;
  maxCompressedSize?: ParsedSize;
  /** 0..1 */
  minEfficiency?: number;
  maxWastedSize?: ParsedSize;
  /** The largest layer's own bytes. */
  maxLayerSize?: ParsedSize;
  /** Each installed package's bytes, but those allowLargePackages names. */
  maxPackageSize?: ParsedSize;
  /** `name` or `ecosystem:name`. */
  allowLargePackages?: string[];
  maxIncrease?: IncreaseBudget;
  allowIncreaseLabel?: string;
}

/** How far one compressed layer blob may expand while it is read (analysis/expansion-guard.ts applies them). */
export interface ExpansionLimits {
  /** Uncompressed bytes may be at most this many times the blob's compressed bytes (once past a floor). */
  maxRatio: number;
  /** Uncompressed bytes of one layer. */
  maxBytes: number;
}

export interface SmokeOptions {
  mode: SmokeMode;
  port?: number;
  path: string;
  expectStatus: number;
  expectBody?: string;
  timeoutMs: number;
  env: string[];
}

export interface GateOptions {
  context: string;
  dockerfile?: string;
  target?: string;
  buildArgs: string[];
  /** `os/arch[/variant]` to build (empty: the engine's own). */
  platforms: string[];
  /** A named buildx builder. */
  builder?: string;
  image?: string;
  /** A docker save tar, an OCI archive or an OCI layout directory to gate instead of an engine's image. */
  archive?: string;
  name?: string;
  tag?: string;
  budgets: Budgets;
  smoke: SmokeOptions;
  /** Read the layers (docker save) for compressed size, waste and hints. */
  analyze: boolean;
  /** How far one compressed layer blob may expand while it is read (max-layer-expansion, max-layer-expanded-size). */
  layerExpansion: ExpansionLimits;
  reportFile?: string;
  baseline: BaselineSpec;
  comment: CommentMode;
  /** Reading images straight from registries: explicit credentials (else the Docker config's), plain-HTTP hosts. */
  registry: { username?: string; password?: string; insecureRegistries: string[] };
  /** The size history branch (absent: off), and the branches whose pushes are recorded (empty: the default branch). */
  history?: { branch: string; recordBranches: string[] };
}

export type InputReader = (name: string) => string;
