// The docker argv that starts the smoke container hardened: read-only root, every writable path (/tmp and
// each VOLUME the image declares) a tmpfs inside the memory limit, no swap, no capabilities, a capped log,
// published on 127.0.0.1 only.
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const MIB = 1024 * 1024;

export const SMOKE_LIMITS = {
  memory: '512m',
  memoryBytes: 512 * MIB,
  pids: 256,
  tmpfsSize: '64m',
  tmpfsBytes: 64 * MIB,
  cpus: '1',
  /** The json-file log driver keeps at most logMaxFiles files of logMaxSize: a chatty container stops there. */
  logMaxSize: '1m',
  logMaxFiles: 2,
} as const;

/**
 * Pure: the `--tmpfs` values that cover the image's VOLUMEs, or why one cannot be covered. Without them each
 * VOLUME gets an anonymous volume on the host's disk, writable despite --read-only. The engine skips the
 * anonymous volume only when a tmpfs sits at exactly the path it cleans the VOLUME to, so the paths are cleaned
 * the same way (Go's filepath.Clean). The tmpfs sizes add up to the memory limit at most.
 */
export function volumeCovers(volumes: string[]): { tmpfs: string[] } | { refused: string } {
  const cleaned = new Set<string>();
  for (const declared of volumes) {
    const shown = JSON.stringify(declared);
    if (!declared.startsWith('/')) return { refused: `the image declares VOLUME ${shown}, which is not an absolute path` };
    if (/[\u0000-\u001f\u007f,:]/.test(declared))
      return { refused: `the image declares VOLUME ${shown}, a path with a control character, "," or ":" that a tmpfs mount cannot name` };
    const clean = path.posix.normalize(declared).replace(/(.)\/+$/, '$1');
    if (clean === '/') return { refused: `the image declares VOLUME ${shown}, the whole filesystem` };
    if (clean !== '/tmp') cleaned.add(clean); // /tmp is a tmpfs already
  }
  if (cleaned.size === 0) return { tmpfs: [] };
  const shareBytes = Math.floor((SMOKE_LIMITS.memoryBytes - SMOKE_LIMITS.tmpfsBytes) / cleaned.size);
  const sizeMib = Math.floor(Math.min(SMOKE_LIMITS.tmpfsBytes, shareBytes) / MIB);
  if (sizeMib < 1)
    return {
      refused: `the image declares ${cleaned.size} volumes; in the ${SMOKE_LIMITS.memory} memory limit each would get less than 1 MiB`,
    };
  return { tmpfs: [...cleaned].sort().map((dir) => `${dir}:rw,nosuid,nodev,size=${sizeMib}m`) };
}

export interface SmokeRun {
  imageId: string;
  containerName: string;
  containerPort: number;
  hostPort: number;
  /** KEY=VALUE pairs from smoke-env. */
  env: string[];
  /** `--tmpfs` values that cover the image's VOLUMEs (volumeCovers). */
  volumeTmpfs: string[];
  /** `image-size-gate.owner=<hostname>:<pid>` (ownerLabel). */
  ownerLabel: string;
}

/** Pure: the docker argv that starts the smoke container with the hardened settings, published on 127.0.0.1 only. */
export function smokeRunArgv(run: SmokeRun): string[] {
  const argv = ['run', '--detach', '--name', run.containerName, '--label', 'image-size-gate=smoke', '--label', run.ownerLabel];
  argv.push('--read-only', '--tmpfs', `/tmp:rw,nosuid,nodev,size=${SMOKE_LIMITS.tmpfsSize}`);
  for (const tmpfs of run.volumeTmpfs) argv.push('--tmpfs', tmpfs);
  argv.push('--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
  // tmpfs pages count against the memory limit; with swap equal to the limit none of them can go to disk either.
  argv.push('--memory', SMOKE_LIMITS.memory, '--memory-swap', SMOKE_LIMITS.memory, '--pids-limit', String(SMOKE_LIMITS.pids));
  argv.push('--cpus', SMOKE_LIMITS.cpus);
  argv.push(
    '--log-driver',
    'json-file',
    '--log-opt',
    `max-size=${SMOKE_LIMITS.logMaxSize}`,
    '--log-opt',
    `max-file=${SMOKE_LIMITS.logMaxFiles}`,
  );
  argv.push('--publish', `127.0.0.1:${run.hostPort}:${run.containerPort}`);
  for (const pair of run.env) argv.push('--env', pair);
  argv.push(run.imageId);
  return argv;
}

export function smokeContainerName(): string {
  return `image-size-gate-smoke-${process.pid}-${randomBytes(4).toString('hex')}`;
}
