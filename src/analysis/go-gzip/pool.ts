// Worker threads that measure layers' compressed sizes with the Go models while the main thread reads the archive:
// each layer is pinned to one worker (its compressor's state lives there), layers go to the least busy worker, so
// several compress at once on several cores. The bundles ship the worker as dist/gzip-worker; where it is not
// there (the unit tests run the sources) the same sizer runs on the main thread, with the same result.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GoGzipGeneration, GoGzipSizer } from './sizer.js';
import type { FromWorker, ToWorker } from './worker.js';

/** What the layer reader needs of a compressed-size measurement. */
export interface LayerSizer {
  write(chunk: Buffer): void;
  /** Back-pressure: a promise to wait for when compression is behind, else undefined. */
  ready(): Promise<void> | undefined;
  /** The layer's gzip size in bytes, once all of it is compressed. */
  finish(): Promise<number>;
}

/** Bytes a layer may have waiting in its worker before the reader is held back. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
const MAX_WORKERS = 4;

class InlineSizer implements LayerSizer {
  private readonly sizer: GoGzipSizer;
  constructor(generation: GoGzipGeneration) {
    this.sizer = new GoGzipSizer(generation);
  }
  write(chunk: Buffer): void {
    this.sizer.write(chunk);
  }
  ready(): undefined {
    return undefined;
  }
  finish(): Promise<number> {
    return Promise.resolve(this.sizer.finish());
  }
}

interface Pending {
  bytes: number;
  wake?: () => void;
  done: (bytes: number) => void;
  fail: (error: Error) => void;
}

/** One worker thread and the layers open on it. */
class GoGzipThread {
  private readonly worker: Worker;
  readonly open = new Map<number, Pending>();

  constructor(file: string) {
    this.worker = new Worker(file);
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the compression worker stopped (exit ${code})`)));
  }

  get pendingBytes(): number {
    let total = 0;
    for (const pending of this.open.values()) total += pending.bytes;
    return total;
  }

  sizer(id: number, generation: GoGzipGeneration): LayerSizer {
    let finished: Promise<number> | undefined;
    const pending: Pending = { bytes: 0, done: () => undefined, fail: () => undefined };
    const result = new Promise<number>((resolve, reject) => {
      pending.done = resolve;
      pending.fail = reject;
    });
    result.catch(() => undefined);
    this.open.set(id, pending);
    // A worker with layers open keeps the process alive; an idle one does not.
    this.worker.ref();
    this.post({ kind: 'open', id, generation });
    return {
      write: (chunk) => {
        const copy = new Uint8Array(chunk);
        pending.bytes += copy.length;
        this.worker.postMessage({ kind: 'write', id, chunk: copy } satisfies ToWorker, [copy.buffer]);
      },
      ready: () => (pending.bytes <= MAX_PENDING_BYTES ? undefined : new Promise<void>((resolve) => (pending.wake = resolve))),
      finish: () => {
        if (!finished) {
          this.post({ kind: 'finish', id });
          finished = result;
        }
        return finished;
      },
    };
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    const pending = this.open.get(message.id);
    if (!pending) return;
    if (message.kind === 'taken') {
      pending.bytes -= message.bytes;
      if (pending.wake && pending.bytes <= MAX_PENDING_BYTES / 2) {
        pending.wake();
        pending.wake = undefined;
      }
      return;
    }
    this.open.delete(message.id);
    if (this.open.size === 0) this.worker.unref();
    if (message.kind === 'size') pending.done(message.bytes);
    else pending.fail(new Error(`measuring a layer's compressed size failed: ${message.message}`));
  }

  private failAll(error: Error): void {
    for (const pending of this.open.values()) {
      pending.wake?.();
      pending.fail(error);
    }
    this.open.clear();
  }
}

/** The workers of this process, made on first use; layers go to the least busy. */
export class GoGzipPool {
  private static shared?: GoGzipPool;
  private readonly threads: GoGzipThread[] = [];
  private nextId = 1;

  private constructor(private readonly workerFile: string | undefined) {}

  /** The process's pool: threads from the bundled worker when it is there, else sizers on the main thread. */
  static get(): GoGzipPool {
    if (!GoGzipPool.shared) {
      const here = path.dirname(fileURLToPath(import.meta.url));
      const bundled = path.join(here, '..', 'gzip-worker', 'index.js');
      GoGzipPool.shared = new GoGzipPool(existsSync(bundled) ? bundled : undefined);
    }
    return GoGzipPool.shared;
  }

  /** A sizer for one layer's tar, compressed as the engine built with that Go generation pushes it. */
  open(generation: GoGzipGeneration): LayerSizer {
    if (!this.workerFile) return new InlineSizer(generation);
    const size = Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
    if (this.threads.length < size && this.threads.every((thread) => thread.open.size > 0))
      this.threads.push(new GoGzipThread(this.workerFile));
    const load = (thread: GoGzipThread) => thread.open.size * MAX_PENDING_BYTES + thread.pendingBytes;
    const idlest = this.threads.reduce((best, thread) => (load(thread) < load(best) ? thread : best));
    return idlest.sizer(this.nextId++, generation);
  }
}
