// Running the bundled entries the way the GitHub runner does (INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and GITHUB_STATE files), and small helpers around the real Docker engine.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listingBytes } from './oci-oracle.js';

export const REPO_ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
export const MAIN_ENTRY = path.join(REPO_ROOT, 'dist/main/index.js');
export const POST_ENTRY = path.join(REPO_ROOT, 'dist/post/index.js');
export const CLI_ENTRY = path.join(REPO_ROOT, 'dist/cli/index.js');
/** The sub-actions image-size-gate/plan and image-size-gate/report. */
export const PLAN_ENTRY = path.join(REPO_ROOT, 'dist/plan/index.js');
export const REPORT_ENTRY = path.join(REPO_ROOT, 'dist/report-step/index.js');
export const E2E_TIMEOUT_MS = 600_000;
/** The Node that runs the bundles: GitHub runs `using: node24` actions on Node 24 (DIST_NODE selects it here). */
export const DIST_NODE = process.env.DIST_NODE || process.execPath;

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  runnerTemp: string;
  /** When the process was started and when it ended (Date.now()), to tell runs that overlapped. */
  startedAtMs: number;
  endedAtMs: number;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (`name<<DELIMITER\nvalue\nDELIMITER`). */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const valueLines: string[] = [];
    index += 1;
    while (index < lines.length && lines[index] !== delimiter) valueLines.push(lines[index++]);
    values[name] = valueLines.join('\n');
  }
  return values;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  entry?: string;
  /** Run as this uid (and gid), like a runner user outside the docker group. */
  asUser?: number;
  /** Called with the child once it is running (e.g. to signal it). */
  onSpawn?: (child: ReturnType<typeof spawn>, output: { stdout: string; stderr: string }) => void;
}

/** Runs an action entry as the runner does and collects what it wrote. */
export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'isg-runner-'));
  const outputFile = path.join(runnerTemp, 'output');
  const summaryFile = path.join(runnerTemp, 'summary');
  const stateFile = path.join(runnerTemp, 'state');
  for (const file of [outputFile, summaryFile, stateFile]) {
    writeFileSync(file, '');
    if (options.asUser !== undefined) chmodSync(file, 0o666);
  }
  if (options.asUser !== undefined) chmodSync(runnerTemp, 0o777);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    // The engine under test (scripts/setup-docker.sh prints these for the modern engines).
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: stateFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
    GITHUB_ACTIONS: 'true',
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const startedAtMs = Date.now();
  const child = spawn(DIST_NODE, [options.entry ?? MAIN_ENTRY], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.asUser !== undefined ? { uid: options.asUser, gid: options.asUser } : {}),
  });
  const collected = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (collected.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (collected.stderr += chunk.toString()));
  options.onSpawn?.(child, collected);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    exitCode,
    startedAtMs,
    endedAtMs: Date.now(),
    stdout: collected.stdout,
    stderr: collected.stderr,
    outputs: parseCommandFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    state: parseCommandFile(readFileSync(stateFile, 'utf8')),
    runnerTemp,
  };
}

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(DIST_NODE, [CLI_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { exitCode, stdout, stderr };
}

export function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Every container that carries the gate's label, running or not. */
export function gateContainers(): string[] {
  const text = docker(['ps', '--all', '--quiet', '--filter', 'label=image-size-gate']);
  return text === '' ? [] : text.split('\n');
}

/** Every container and tagged image, to compare before and after a test run. */
export function engineSnapshot(): { containers: string[]; images: string[] } {
  const containers = docker(['ps', '--all', '--quiet', '--no-trunc']).split('\n').filter(Boolean).sort();
  const images = docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])
    .split('\n')
    .filter((line) => line && !line.includes('<none>'))
    .sort();
  return { containers, images };
}

/** A build context in a temp dir with the given files; removed by `cleanup`. */
export function makeContext(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'isg-context-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Calls `use` with the directory of a build context of these files (see makeContext); removes it after. */
export async function withContext<T>(files: Record<string, string>, use: (dir: string) => Promise<T>): Promise<T> {
  const context = makeContext(files);
  try {
    return await use(context.dir);
  } finally {
    context.cleanup();
  }
}

/** The small shell image scripts/setup-docker.sh makes from Debian's busybox-static. */
export const BUSYBOX = 'image-size-gate/busybox:latest';

/** Builds a throw-away image from a Dockerfile text (tagged `tag`, which the caller removes). */
export function buildImage(tag: string, dockerfile: string, files: Record<string, string> = {}): string {
  const context = makeContext({ Dockerfile: dockerfile, ...files });
  try {
    execFileSync('docker', ['build', '--quiet', '--tag', tag, context.dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    return docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
  } finally {
    context.cleanup();
  }
}

/**
 * The one way the tests remove images (tags or ids; empty ones are passed over). Their untagged parents stay,
 * and one already gone is no error. The list may hold a parent and its child in any order (the classic
 * builder's intermediate images, which `docker images` orders by a creation time to the second): when one
 * command cannot remove them all, they are removed one by one in passes, each child before its parent, and
 * an image that no pass can remove fails the test with the engine's reason.
 */
export function removeImages(images: Iterable<string>): void {
  let remaining = [...new Set(images)].filter(Boolean);
  if (remaining.length === 0) return;
  if (spawnSync('docker', ['image', 'rm', '--force', '--no-prune', ...remaining], { stdio: 'ignore' }).status === 0) return;
  while (remaining.length > 0) {
    const refused = new Map<string, string>();
    for (const image of remaining) {
      const removal = spawnSync('docker', ['image', 'rm', '--force', '--no-prune', image], { encoding: 'utf8' });
      if (removal.status !== 0 && !/no such image/i.test(removal.stderr)) refused.set(image, removal.stderr.trim());
    }
    if (refused.size === remaining.length) {
      throw new Error(`the engine kept these images: ${[...refused].map(([image, why]) => `${image} (${why})`).join('; ')}`);
    }
    remaining = [...refused.keys()];
  }
}

/** The one-line ::error:: the action printed. */
export function errorLine(stdout: string): string {
  const lines = stdout.split('\n').filter((line) => line.startsWith('::error::'));
  expect(lines).toHaveLength(1);
  return lines[0];
}

/** The engine under test: its image store decides whether `docker image inspect .Size` is the layers' own bytes. */
export function engineImageStore(): 'classic' | 'containerd' {
  const status = docker(['info', '--format', '{{json .DriverStatus}}']);
  return status.includes('io.containerd.snapshotter') ? 'containerd' : 'classic';
}

/**
 * The oracle for the uncompressed size, by GNU tar rather than our reader: `docker save`, then for every
 * layer manifest.json lists (the image's own platform), the sizes of regular files plus the byte lengths of
 * symlink targets. On the classic store this equals `docker image inspect .Size` to the byte.
 */
export function layerBytesByGnuTar(reference: string): number {
  return listingBytes(layerListings(reference));
}

/** `tar --list --verbose` of every layer manifest.json lists, by GNU tar (compressed blobs or plain tars alike). */
export function layerListings(reference: string): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'isg-save-'));
  try {
    execFileSync('sh', ['-c', 'docker save "$1" | tar -x -C "$2"', 'sh', reference, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
    return manifest[0].Layers.map((layer) =>
      execFileSync('tar', ['--list', '--verbose', '--quoting-style=literal', '--file', path.join(dir, layer)], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
        .split('\n')
        .filter(Boolean),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure the gate reports as the image's size, by the oracle for this engine (inspect .Size where it means that). */
export function expectedSizeBytes(reference: string): number {
  const bytes = layerBytesByGnuTar(reference);
  if (engineImageStore() === 'classic') {
    const inspected = Number(docker(['image', 'inspect', '--format', '{{.Size}}', reference]));
    if (inspected !== bytes) throw new Error(`the oracle disagrees with inspect .Size on the classic store: ${bytes} != ${inspected}`);
  }
  return bytes;
}
