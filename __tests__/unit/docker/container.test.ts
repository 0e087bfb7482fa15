import { lastErrorLine } from '../../../src/exec/process.js';
import {
  dockerRunFailure,
  mainProcess,
  orphanedContainers,
  ownerLabel,
  parseContainerState,
  parseOwnedContainers,
} from '../../../src/docker/container.js';

// stderr of `docker run --detach` as captured from the docker 28.2 client in front of a Docker 20.10 engine.
const RUN_STDERR = {
  missingGroup:
    "docker: Error response from daemon: unable to find group svc: no matching entries in group file\n\nRun 'docker run --help' for more information\n",
  missingUser:
    "docker: Error response from daemon: unable to find user svc: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n",
  missingCommand:
    'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nope": stat /nope: no such file or directory: unknown\n\nRun \'docker run --help\' for more information\n',
  notExecutable:
    'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\n\nRun \'docker run --help\' for more information\n',
  portTaken:
    "docker: Error response from daemon: driver failed programming external connectivity on endpoint isg-h-e4 (8237c9ce72398f2c5237edad318002d8ab736893f584973b6bdd954cf2868115): Bind for 127.0.0.1:39999 failed: port is already allocated\n\nRun 'docker run --help' for more information\n",
};

describe("lastErrorLine skips the client's usage trailer and its error prefixes", () => {
  test.each([
    [RUN_STDERR.missingGroup, 'unable to find group svc: no matching entries in group file'],
    ["Error response from daemon: No such container: x\n\nRun 'docker rm --help' for more information\n", 'No such container: x'],
    ["unknown flag: --nope\nSee 'docker run --help'.\n", 'unknown flag: --nope'],
  ])('%j', (stderr, expected) => {
    expect(lastErrorLine(stderr)).toBe(expected);
  });
});

describe("dockerRunFailure gives Docker's own reason", () => {
  test.each([
    [RUN_STDERR.missingGroup, 'unable to find group svc: no matching entries in group file'],
    [RUN_STDERR.missingUser, 'unable to find user svc: no matching entries in passwd file'],
    [RUN_STDERR.missingCommand, 'exec: "/nope": stat /nope: no such file or directory'],
    [RUN_STDERR.notExecutable, 'exec: "/etc/passwd": permission denied'],
    [RUN_STDERR.portTaken, expect.stringMatching(/^driver failed .*port is already allocated$/)],
    ['', 'docker run failed without saying why'],
  ])('%j', (stderr, expected) => {
    expect(dockerRunFailure(stderr)).toEqual(expected);
  });

  test('the wording of older runc versions (written from their source, not captured here)', () => {
    const older =
      'docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/nope": stat /nope: no such file or directory: unknown.\n';
    expect(dockerRunFailure(older)).toBe('exec: "/nope": stat /nope: no such file or directory: unknown.');
  });
});

test('ownerLabel names the host and the process', () => {
  expect(ownerLabel('runner-7', 4242)).toBe('image-size-gate.owner=runner-7:4242');
  expect(ownerLabel()).toMatch(new RegExp(`^image-size-gate\\.owner=[^:]+:${process.pid}$`));
});

describe('parseContainerState', () => {
  test('state and host mounts (tmpfs mounts are not listed by the engine)', () => {
    const text =
      '{"state":{"Status":"exited","Running":false,"ExitCode":137,"OOMKilled":true},"mounts":[{"Type":"volume","Name":"9d9b","Destination":"/data","RW":true}]}';
    expect(parseContainerState(text)).toEqual({ status: 'exited', exitCode: 137, oomKilled: true, hostMounts: ['volume at /data'] });
    expect(parseContainerState('{"state":{"Status":"running","ExitCode":0,"OOMKilled":false},"mounts":[]}').hostMounts).toEqual([]);
    expect(parseContainerState('{"state":{"Status":"running"},"mounts":null}').hostMounts).toEqual([]);
  });
});

describe('mainProcess', () => {
  test("the process whose parent is outside the container, from docker top's columns", () => {
    const top = [
      'PID                 PPID                UID                 GID',
      '12073               12053               65534               65534',
      '12100               12073               65534               65534',
      '12101               12100               0                   0',
    ].join('\n');
    expect(mainProcess(top)).toEqual({ pid: 12073, uid: 65534, gid: 65534 });
  });
  test('nothing readable is undefined', () => {
    expect(mainProcess('PID PPID UID GID\n')).toBeUndefined();
    expect(mainProcess('Error: container is not running')).toBeUndefined();
  });
});

describe('orphaned containers', () => {
  const listed = ['abc123 runner-7:100', 'def456 runner-7:200', 'fed789 other-host:100', '0a0a0a ', 'bad line'].join('\n');
  test('parseOwnedContainers keeps rows with a readable owner', () => {
    expect(parseOwnedContainers(listed)).toEqual([
      { id: 'abc123', hostname: 'runner-7', pid: 100 },
      { id: 'def456', hostname: 'runner-7', pid: 200 },
      { id: 'fed789', hostname: 'other-host', pid: 100 },
    ]);
  });
  test('only containers of this host whose owner is gone', () => {
    const alive = new Set([200]);
    const orphans = orphanedContainers(parseOwnedContainers(listed), 'runner-7', (pid) => alive.has(pid));
    expect(orphans.map((orphan) => orphan.id)).toEqual(['abc123']);
  });
});
