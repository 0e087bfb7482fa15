// Content addressing: the digest of bytes held in memory, and a pass-through stream that hashes and counts a blob
// as it flows and fails at its end when the bytes are not the ones asked for (or at once when there are too many).
import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/** The algorithm of a digest that isDigest accepted: `sha256` or `sha512`. */
function algorithmOf(digest: string): string {
  return digest.slice(0, digest.indexOf(':'));
}

/** The digest of `bytes` computed with the algorithm of `like` (sha256 unless it names sha512). */
export function digestOf(bytes: Buffer, like = 'sha256:'): string {
  const algorithm = algorithmOf(like);
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Why a blob's bytes were refused: too many, too few, or the wrong ones. */
export class ContentMismatch extends Error {}

/**
 * Hashes and counts what passes through. More bytes than `expectedSizeBytes` fail at once (nothing past the bound
 * is passed on); at the end, a short count or a different digest fails the stream instead of ending it.
 */
export class DigestCheck extends Transform {
  private readonly hash;
  private receivedBytes = 0;

  constructor(
    private readonly expectedDigest: string,
    private readonly expectedSizeBytes?: number,
    /** Turns any error of the stream (its own, or its source's) into the one its reader sees. */
    private readonly describeError: (error: Error) => Error = (error) => error,
  ) {
    super();
    this.hash = createHash(algorithmOf(expectedDigest));
  }

  /** Bytes that have passed so far. */
  get bytesSeen(): number {
    return this.receivedBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.receivedBytes += chunk.length;
    if (this.expectedSizeBytes !== undefined && this.receivedBytes > this.expectedSizeBytes) {
      callback(new ContentMismatch(`the registry sent more than the ${this.expectedSizeBytes} bytes the manifest lists`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    callback(error ? this.describeError(error) : error);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expectedSizeBytes !== undefined && this.receivedBytes !== this.expectedSizeBytes) {
      callback(new ContentMismatch(`the registry sent ${this.receivedBytes} bytes where the manifest lists ${this.expectedSizeBytes}`));
      return;
    }
    const actual = `${algorithmOf(this.expectedDigest)}:${this.hash.digest('hex')}`;
    if (actual !== this.expectedDigest) {
      callback(
        new ContentMismatch(`the bytes the registry sent have the digest ${actual}: the content is corrupt or not the one asked for`),
      );
      return;
    }
    callback();
  }
}
