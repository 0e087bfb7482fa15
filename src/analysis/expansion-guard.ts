// The decompression guard: how far one compressed layer blob (gzip or zstd) may expand while it is read. The
// image is the pull request author's, so a layer may be a bomb (a few MB of gzip that hold many GB of zeros):
// past either bound the blob's decompression is stopped at once, so the time and memory it costs are bounded by
// the limit, not by the bomb. Plain layer tars are not decompressed and are never held to it.
import { formatBytes } from '../common/units.js';
import type { ExpansionLimits } from '../inputs/options.js';

export type { ExpansionLimits } from '../inputs/options.js';

/**
 * Real layers compress 2 to 10 times; gzip cannot compress more than about 1032 to 1. 100 leaves room for layers
 * of very compressible files (text, zero-filled files) and still stops a gzip bomb at a tenth of what it holds.
 */
export const DEFAULT_MAX_EXPANSION_RATIO = 100;
/** Larger than the largest layers of real images (CUDA and machine learning layers are under 10 GB). */
export const DEFAULT_MAX_EXPANDED_BYTES = 20_000_000_000;
/** The ratio applies only past this many uncompressed bytes: a small, very compressible layer never trips it. */
export const RATIO_FLOOR_BYTES = 256 * 1024 * 1024;

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = {
  maxRatio: DEFAULT_MAX_EXPANSION_RATIO,
  maxBytes: DEFAULT_MAX_EXPANDED_BYTES,
};

/** Which bound a layer passed, and the uncompressed bytes it allowed. */
export interface ExpansionBound {
  kind: 'ratio' | 'size';
  limitBytes: number;
}

/**
 * Pure: whether a layer blob of `compressedBytes` has expanded too far after `uncompressedBytes`: the bound it
 * passed (the absolute one first), or undefined while it is within both.
 */
export function expansionBound(limits: ExpansionLimits, compressedBytes: number, uncompressedBytes: number): ExpansionBound | undefined {
  if (uncompressedBytes > limits.maxBytes) return { kind: 'size', limitBytes: limits.maxBytes };
  const ratioLimit = Math.max(RATIO_FLOOR_BYTES, limits.maxRatio * compressedBytes);
  if (uncompressedBytes > ratioLimit) return { kind: 'ratio', limitBytes: ratioLimit };
  return undefined;
}

/** Pure: the bound in words, with the input that sets it. */
export function describeBound(bound: ExpansionBound, limits: ExpansionLimits, compressedBytes: number): string {
  if (bound.kind === 'size') return `max-layer-expanded-size ${formatBytes(limits.maxBytes)}`;
  const floor = bound.limitBytes === RATIO_FLOOR_BYTES ? ', once past 256 MiB' : '';
  return `max-layer-expansion ${limits.maxRatio}: more than ${limits.maxRatio} times its ${formatBytes(compressedBytes)} compressed blob${floor}`;
}

/**
 * A layer blob that expanded past a bound: its decompression was stopped, so nothing that depends on the layer
 * (sizes, waste, files, user) can be known. `where` names the layer once the scan knows its place in the image.
 */
export class LayerExpansionError extends Error {
  where: string;

  constructor(
    /** The blob's name in the archive (`blobs/sha256/<hex>`). */
    readonly member: string,
    readonly format: string,
    readonly bound: ExpansionBound,
    readonly limits: ExpansionLimits,
    readonly compressedBytes: number,
  ) {
    super('');
    this.where = `layer ${digestOf(member)}`;
    this.message = this.describe();
  }

  /** Names the layer by its place in the image (`layer 2 of 3 (sha256:...)`). */
  locate(index: number, count: number): void {
    this.where = `layer ${index + 1} of ${count} (${digestOf(this.member)})`;
    this.message = this.describe();
  }

  private describe(): string {
    const which = describeBound(this.bound, this.limits, this.compressedBytes);
    return (
      `${this.where} expands past ${formatBytes(this.bound.limitBytes)} (${which}): its ${this.format} decompression was stopped there, ` +
      'so the figures that depend on it cannot be known and the image is not judged; raise the limit if the layer is genuine'
    );
  }
}

/** `sha256:<first 12 hex>` of a blob path, or the member's name when it is none. */
function digestOf(member: string): string {
  const match = /^blobs\/([a-z0-9]+)\/([a-f0-9]{12})[a-f0-9]*$/.exec(member);
  return match ? `${match[1]}:${match[2]}` : member;
}
