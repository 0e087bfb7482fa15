// The worker thread that runs the Go gzip size models (bundled on its own into dist/gzip-worker by
// scripts/package.mjs): it keeps one GoGzipSizer per layer the pool opened on it, takes their bytes in order,
// and answers each layer's total when it is finished, and how many bytes it has taken, so the pool can hold
// the reader back when compression falls behind.
import { parentPort } from 'node:worker_threads';
import { GoGzipGeneration, GoGzipSizer } from './sizer.js';

export type ToWorker =
  | { kind: 'open'; id: number; generation: GoGzipGeneration }
  | { kind: 'write'; id: number; chunk: Uint8Array }
  | { kind: 'finish'; id: number };

export type FromWorker =
  | { kind: 'taken'; id: number; bytes: number }
  | { kind: 'size'; id: number; bytes: number }
  | { kind: 'failed'; id: number; message: string };

/** Serves a pool: every message is about one layer's sizer, by its id. */
export function serveGoGzip(port: NonNullable<typeof parentPort>): void {
  const sizers = new Map<number, GoGzipSizer>();
  port.on('message', (message: ToWorker) => {
    try {
      if (message.kind === 'open') sizers.set(message.id, new GoGzipSizer(message.generation));
      else if (message.kind === 'write') {
        sizers.get(message.id)!.write(message.chunk);
        port.postMessage({ kind: 'taken', id: message.id, bytes: message.chunk.length } satisfies FromWorker);
      } else {
        const bytes = sizers.get(message.id)!.finish();
        sizers.delete(message.id);
        port.postMessage({ kind: 'size', id: message.id, bytes } satisfies FromWorker);
      }
    } catch (error) {
      sizers.delete(message.id);
      port.postMessage({ kind: 'failed', id: message.id, message: (error as Error).message } satisfies FromWorker);
    }
  });
}

if (parentPort) serveGoGzip(parentPort);
