// What the engine answered when the probe container (an entrypoint that does not exist) was started: the
// user refused by the daemon or by runc, or accepted (the entrypoint then not found). The stderr lines are
// those Docker 28.5.2 and 20.10.24 printed here.
import { classifyStartAnswer } from '../../../src/docker/start-probe.js';

const ABSENT = '/.image-size-gate-user-probe-never-exists';

describe('classifyStartAnswer', () => {
  test.each([
    ['the daemon refuses a name too large for a number', 'Error response from daemon: uids and gids must be in range 0-2147483647\n'],
    [
      'runc refuses a uid of 2^32 from /etc/passwd',
      'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to setup user: uids and gids must be in range 0-2147483647: unknown\n',
    ],
    ['a user that is not in /etc/passwd', 'Error response from daemon: unable to find user app: no matching entries in passwd file\n'],
  ])("%s: refused, in the runtime's words", (_name, stderr) => {
    const answer = classifyStartAnswer(1, stderr);
    expect(answer.kind).toBe('refused');
    expect(answer).toHaveProperty('message', expect.stringMatching(/uids and gids|unable to find user/));
    expect(JSON.stringify(answer)).not.toContain('failed to create shim task');
  });

  test('the user accepted: the start fails only on the absent entrypoint', () => {
    const stderr = `Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${ABSENT}": stat ${ABSENT}: no such file or directory: unknown\n`;
    expect(classifyStartAnswer(1, stderr)).toEqual({ kind: 'started' });
  });

  test('anything else is unknown, and says why', () => {
    expect(classifyStartAnswer(1, 'Error response from daemon: cgroups: cannot find cgroup mount destination\n')).toEqual({
      kind: 'unknown',
      message: 'cgroups: cannot find cgroup mount destination',
    });
    expect(classifyStartAnswer(0, '').kind).toBe('unknown');
  });
});
