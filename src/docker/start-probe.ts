// Asking this engine whether it starts an image as its USER, without running anything of the image: a
// container whose entrypoint does not exist is created hardened and started. The engine resolves the user
// (the daemon's lookup, then the runtime's) before it looks for the entrypoint, so the error it answers with
// says which step stopped it. The container is always removed.
import { randomBytes } from 'node:crypto';
import { ownerLabel, dockerRunFailure } from './container.js';
import { Docker } from './exec.js';
import { volumeCovers } from './smoke-run.js';

/** A path no image has: the start fails on it once the user has been set up. */
const ABSENT_ENTRYPOINT = '/.image-size-gate-user-probe-never-exists';
const PROBE_TIMEOUT_MS = 30_000;

export type StartAnswer = { kind: 'refused'; message: string } | { kind: 'started' } | { kind: 'unknown'; message: string };

/**
 * Pure: what `docker start` of the probe said. The daemon (moby/sys/user) or runc (setupUser) refusing the
 * user; or the user accepted and the absent entrypoint not found (runc's exec, or the daemon's own check).
 */
export function classifyStartAnswer(exitCode: number, stderr: string): StartAnswer {
  const reason = dockerRunFailure(stderr);
  if (exitCode === 0) return { kind: 'unknown', message: 'the start succeeded, though its entrypoint does not exist' };
  if (/uids and gids must be in range|unable to (?:setup|find) (?:user|group)|no matching entries in (?:passwd|group) file/i.test(stderr))
    return { kind: 'refused', message: reason };
  if (stderr.includes(ABSENT_ENTRYPOINT) && /no such file or directory|not found/i.test(stderr)) return { kind: 'started' };
  return { kind: 'unknown', message: reason };
}

/** Creates, starts and removes a probe container of the image (its VOLUMEs covered by tmpfs, no network). */
export async function probeUserStart(
  docker: Docker,
  imageId: string,
  options: { volumes?: string[]; onContainer?: (name: string) => void } = {},
): Promise<StartAnswer> {
  const covers = volumeCovers(options.volumes ?? []);
  if ('refused' in covers) return { kind: 'unknown', message: `the gate does not create a container of it: ${covers.refused}` };
  const name = `image-size-gate-user-${process.pid}-${randomBytes(4).toString('hex')}`;
  options.onContainer?.(name);
  const argv = ['create', '--name', name, '--label', 'image-size-gate=user-probe', '--label', ownerLabel()];
  argv.push('--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
  argv.push('--memory', '64m', '--pids-limit', '16', ...covers.tmpfs.flatMap((cover) => ['--tmpfs', cover]));
  argv.push('--entrypoint', ABSENT_ENTRYPOINT, '--', imageId);
  try {
    const created = await docker.run(argv, { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
    if (created.exitCode !== 0) return { kind: 'unknown', message: dockerRunFailure(created.stderr) };
    const started = await docker.run(['start', name], { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
    return classifyStartAnswer(started.exitCode, started.stderr);
  } finally {
    await docker.run(['rm', '--force', '--volumes', name], { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
  }
}
