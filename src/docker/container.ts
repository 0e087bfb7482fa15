// The containers the gate makes: their labels, their removal (async, and at once from a signal handler),
// what Docker says when one does not start, what it logs and which user its main process runs as, and the
// clean-up of containers whose owner process was killed.
import os from 'node:os';
import { lastErrorLine, runProcessNow } from '../exec/process.js';
import { Docker } from './exec.js';

/** The label every container of the gate carries, valued `<hostname>:<pid>` of the process that made it. */
export const OWNER_LABEL_KEY = 'image-size-gate.owner';
/** Longest a removal may take before the gate stops waiting for it. */
const REMOVE_TIMEOUT_MS = 15_000;

/** `<hostname>:<pid>`: which process on which machine made a container. */
export function ownerId(hostname: string = os.hostname(), pid: number = process.pid): string {
  return `${hostname}:${pid}`;
}

/** `image-size-gate.owner=<hostname>:<pid>`, for `docker run --label` / `docker create --label`. */
export function ownerLabel(hostname: string = os.hostname(), pid: number = process.pid): string {
  return `${OWNER_LABEL_KEY}=${ownerId(hostname, pid)}`;
}

/** Removes a container and its anonymous volumes; true when there was one to remove. */
export async function removeContainer(docker: Docker, name: string): Promise<boolean> {
  const removed = await docker.run(['rm', '--force', '--volumes', name], { allowFailure: true, timeoutMs: REMOVE_TIMEOUT_MS });
  return removed.exitCode === 0;
}

/** The same, synchronously: for signal handlers, where the process may be gone before a promise settles. */
export function removeContainerNow(docker: Docker, name: string): void {
  runProcessNow(docker.binary, ['rm', '--force', '--volumes', name], { timeoutMs: REMOVE_TIMEOUT_MS });
}

/** Removes every container labelled with this owner; returns their ids. */
export async function removeContainersOwnedBy(docker: Docker, owner: string): Promise<string[]> {
  const listed = await docker.run(['ps', '--all', '--quiet', '--filter', `label=${OWNER_LABEL_KEY}=${owner}`], {
    allowFailure: true,
    timeoutMs: REMOVE_TIMEOUT_MS,
  });
  const ids = listed.exitCode === 0 ? listed.stdout.toString('utf8').split(/\s+/).filter(Boolean) : [];
  const removed = await Promise.all(ids.map((id) => removeContainer(docker, id)));
  return ids.filter((_id, index) => removed[index]);
}

/** The same, synchronously, for signal handlers. */
export function removeContainersOwnedByNow(docker: Docker, owner: string): void {
  const filter = `label=${OWNER_LABEL_KEY}=${owner}`;
  const listed = runProcessNow(docker.binary, ['ps', '--all', '--quiet', '--filter', filter], {
    timeoutMs: REMOVE_TIMEOUT_MS,
    keepStdout: true,
  });
  const ids = listed.exitCode === 0 ? listed.stdout.split(/\s+/).filter(Boolean) : [];
  if (ids.length > 0) runProcessNow(docker.binary, ['rm', '--force', '--volumes', ...ids], { timeoutMs: REMOVE_TIMEOUT_MS });
}

/**
 * Pure: Docker's own reason why `docker run` did not start a container, from the client's stderr. The client
 * prefixes its lines with "docker: " and ends with a "Run 'docker run --help'" trailer; the runtime wraps the
 * reason in its call chain ("failed to create shim task: OCI runtime create failed: ...: unknown").
 */
export function dockerRunFailure(stderr: string): string {
  const line = lastErrorLine(stderr);
  const runtime = /(?:unable to start container process|starting container process caused):\s*(.+)$/.exec(line);
  const reason = runtime ? runtime[1].replace(/: unknown(?=$|:)/, '') : line;
  return reason || 'docker run failed without saying why';
}

export interface ContainerState {
  status: string;
  exitCode: number;
  oomKilled: boolean;
  /** Where the engine mounted a volume or a host path (tmpfs mounts are not listed). */
  hostMounts: string[];
}

/** Pure: the state and host mounts from `{"state": .State, "mounts": .Mounts}` as inspect prints them. */
export function parseContainerState(text: string): ContainerState {
  const raw = JSON.parse(text) as {
    state: { Status?: string; ExitCode?: number; OOMKilled?: boolean };
    mounts: { Type?: string; Destination?: string }[] | null;
  };
  return {
    status: raw.state.Status ?? 'unknown',
    exitCode: raw.state.ExitCode ?? -1,
    oomKilled: raw.state.OOMKilled === true,
    hostMounts: (raw.mounts ?? []).map((mount) => `${mount.Type ?? 'mount'} at ${mount.Destination ?? '?'}`),
  };
}

export async function containerState(docker: Docker, name: string): Promise<ContainerState> {
  const text = await docker.text(['container', 'inspect', '--format', '{"state":{{json .State}},"mounts":{{json .Mounts}}}', name], {
    timeoutMs: 30_000,
  });
  return parseContainerState(text);
}

/** The last lines of a container's log (untrusted text), each cut to `maxLineChars`. */
export async function containerLogTail(docker: Docker, name: string, lines = 20, maxLineChars = 500): Promise<string[]> {
  // The log driver caps what is stored (see the smoke argv); --tail caps what is read back.
  const logs = await docker.run(['logs', '--tail', String(lines), name], { allowFailure: true, timeoutMs: 30_000 });
  const text = logs.stdout.toString('utf8') + logs.stderr;
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars)}… (cut at ${maxLineChars} characters)` : line));
}

export interface ProcessIds {
  pid: number;
  uid: number;
  gid: number;
}

/**
 * Pure: the container's main process from `docker top NAME -o pid,ppid,uid,gid`: the one whose parent is
 * not in the container (the lowest pid if several are).
 */
export function mainProcess(topOutput: string): ProcessIds | undefined {
  const rows = topOutput
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((fields) => fields.length === 4 && fields.every((field) => Number.isInteger(field) && field >= 0));
  const pids = new Set(rows.map(([pid]) => pid));
  const roots = rows.filter(([, ppid]) => !pids.has(ppid)).sort((a, b) => a[0] - b[0]);
  if (roots.length === 0) return undefined;
  const [pid, , uid, gid] = roots[0];
  return { pid, uid, gid };
}

/**
 * The uid and gid the container's main process really runs as. `docker top` runs ps where the engine runs,
 * so this works with a remote engine too; under user-namespace remapping or rootless Docker the ids are the
 * engine host's, not the container's.
 */
export async function mainProcessIds(docker: Docker, name: string): Promise<ProcessIds | undefined> {
  const top = await docker.run(['top', name, '-o', 'pid,ppid,uid,gid'], { allowFailure: true, timeoutMs: 30_000 });
  return top.exitCode === 0 ? mainProcess(top.stdout.toString('utf8')) : undefined;
}

export interface OwnedContainer {
  id: string;
  hostname: string;
  pid: number;
}

/** Pure: the rows of `docker ps --format '{{.ID}} {{.Label "image-size-gate.owner"}}'` with a readable owner. */
export function parseOwnedContainers(psOutput: string): OwnedContainer[] {
  return psOutput.split(/\r?\n/).flatMap((line) => {
    const match = /^(\w+) (\S+):(\d+)$/.exec(line.trim());
    return match ? [{ id: match[1], hostname: match[2], pid: Number(match[3]) }] : [];
  });
}

/** Pure: the containers made on this host by a process that no longer exists. */
export function orphanedContainers(owned: OwnedContainer[], hostname: string, isAlive: (pid: number) => boolean): OwnedContainer[] {
  return owned.filter((container) => container.hostname === hostname && !isAlive(container.pid));
}

/** Whether a process with this pid exists (one we may not signal still exists). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the containers a killed gate process on this host left behind; returns them. */
export async function removeOrphanedContainers(
  docker: Docker,
  hostname: string = os.hostname(),
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<OwnedContainer[]> {
  const listed = await docker.run(
    ['ps', '--all', '--filter', `label=${OWNER_LABEL_KEY}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL_KEY}"}}`],
    {
      allowFailure: true,
      timeoutMs: 30_000,
    },
  );
  if (listed.exitCode !== 0) return [];
  const orphans = orphanedContainers(parseOwnedContainers(listed.stdout.toString('utf8')), hostname, isAlive);
  await Promise.all(orphans.map((orphan) => removeContainer(docker, orphan.id)));
  return orphans;
}
