import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { SmokeOptions } from '../../../src/inputs/options.js';
import { BackgroundWork } from '../../../src/common/background.js';
import { Docker } from '../../../src/docker/exec.js';
import { smokeRunArgv, volumeCovers } from '../../../src/docker/smoke-run.js';
import { BODY_READ_CAP_BYTES, httpGet, ProbeError } from '../../../src/smoke/probe.js';
import { chooseSmokePort, freeLoopbackPort, judgeAnswer, noAnswerFailure, runSmokeTest, stateProblem } from '../../../src/smoke/smoke.js';

const smoke: SmokeOptions = { mode: 'auto', path: '/', expectStatus: 200, timeoutMs: 30_000, env: [] };

describe('chooseSmokePort', () => {
  test('smoke-port wins over EXPOSE', () => {
    expect(chooseSmokePort({ ...smoke, port: 9000 }, ['8080/tcp'])).toEqual({ port: 9000, source: 'smoke-port' });
  });
  test('the lowest EXPOSEd TCP port otherwise', () => {
    expect(chooseSmokePort(smoke, ['9090/tcp', '53/udp', '8080/tcp'])).toEqual({ port: 8080, source: 'EXPOSE' });
  });
  test('auto skips without a TCP port, saying why', () => {
    expect(chooseSmokePort(smoke, [])).toEqual({ skip: 'the image EXPOSEs no port and smoke-port is not set' });
    expect(chooseSmokePort(smoke, ['53/udp'])).toEqual({ skip: 'the image EXPOSEs only non-TCP ports (53/udp) and smoke-port is not set' });
  });
  test('true without a TCP port is an error that says what to set', () => {
    expect(() => chooseSmokePort({ ...smoke, mode: 'true' }, [])).toThrow('set smoke-port');
    expect(() => chooseSmokePort({ ...smoke, mode: 'true' }, ['53/udp'])).toThrow('non-TCP');
  });
  test('false never runs', () => {
    expect(chooseSmokePort({ ...smoke, mode: 'false', port: 80 }, ['80/tcp'])).toEqual({ skip: 'smoke is false' });
  });
});

const RUN = {
  imageId: 'sha256:abc',
  containerName: 'isg-1',
  containerPort: 8080,
  hostPort: 40123,
  env: ['PORT=8080'],
  volumeTmpfs: ['/data:rw,nosuid,nodev,size=64m'],
  ownerLabel: 'image-size-gate.owner=runner-7:4242',
};

test('smokeRunArgv hardens the container, keeps its writes and logs off the disk, and publishes on loopback only', () => {
  const argv = smokeRunArgv(RUN);
  const joined = argv.join(' ');
  for (const flag of [
    '--label image-size-gate=smoke --label image-size-gate.owner=runner-7:4242',
    '--read-only',
    '--tmpfs /tmp:rw,nosuid,nodev,size=64m',
    '--tmpfs /data:rw,nosuid,nodev,size=64m',
    '--cap-drop ALL',
    '--security-opt no-new-privileges',
    '--memory 512m --memory-swap 512m',
    '--pids-limit 256',
    '--log-driver json-file --log-opt max-size=1m --log-opt max-file=2',
    '--publish 127.0.0.1:40123:8080',
    '--env PORT=8080',
  ]) {
    expect(joined).toContain(flag);
  }
  expect(joined).not.toMatch(/--privileged|--network host|docker\.sock|--volume|-v /);
  expect(argv.at(-1)).toBe('sha256:abc');
});

describe('volumeCovers', () => {
  test.each([
    [[], []],
    [['/data'], ['/data:rw,nosuid,nodev,size=64m']],
    // Cleaned as the engine cleans them, or the engine would still make the anonymous volume.
    [['/data/'], ['/data:rw,nosuid,nodev,size=64m']],
    [
      ['/a//b', '/x/../y', '/var/lib/app/.'],
      ['/a/b:rw,nosuid,nodev,size=64m', '/var/lib/app:rw,nosuid,nodev,size=64m', '/y:rw,nosuid,nodev,size=64m'],
    ],
    [['/tmp', '/tmp/'], []],
    [['/data', '/data/'], ['/data:rw,nosuid,nodev,size=64m']],
    [['/with space/€'], ['/with space/€:rw,nosuid,nodev,size=64m']],
  ])('%j is covered by %j', (volumes, tmpfs) => {
    expect(volumeCovers(volumes)).toEqual({ tmpfs });
  });

  test('many volumes share what the memory limit leaves after /tmp', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `/v${index}`);
    const covers = volumeCovers(twenty);
    expect('tmpfs' in covers && covers.tmpfs.every((value) => value.endsWith(',size=22m'))).toBe(true);
    expect(volumeCovers(Array.from({ length: 449 }, (_, index) => `/v${index}`))).toEqual({
      refused: 'the image declares 449 volumes; in the 512m memory limit each would get less than 1 MiB',
    });
  });

  test.each([
    ['data', 'not an absolute path'],
    ['/a,size=100g', 'a control character, "," or ":"'],
    ['/a:ro', 'a control character, "," or ":"'],
    ['/a\nb', 'a control character'],
    ['/a\u007fb', 'a control character'],
    ['/', 'the whole filesystem'],
    ['/..', 'the whole filesystem'],
    ['//', 'the whole filesystem'],
  ])('%j is refused (%s)', (volume, reason) => {
    const covers = volumeCovers(['/ok', volume]);
    expect('refused' in covers && covers.refused).toContain(reason);
    expect('refused' in covers && covers.refused).toContain(JSON.stringify(volume));
  });
});

describe('judgeAnswer', () => {
  test('status and body', () => {
    expect(judgeAnswer({ status: 200, body: 'ok', truncated: false }, smoke)).toBeUndefined();
    expect(judgeAnswer({ status: 404, body: '', truncated: false }, smoke)).toBe('answered HTTP 404, expected 200');
    expect(judgeAnswer({ status: 200, body: 'hello', truncated: false }, { ...smoke, expectBody: 'ok' })).toContain(
      'does not contain "ok"',
    );
    expect(judgeAnswer({ status: 302, body: '', truncated: false, location: '/login' }, smoke)).toContain('redirect to /login');
  });
});

describe('httpGet against a local server', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/hang') {
        response.writeHead(200);
        response.write('partial');
        return; // never ends
      }
      if (request.url === '/endless') {
        response.writeHead(200);
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (response.write(chunk)) {
            /* keep writing until the socket pushes back */
          }
        };
        response.on('drain', pump);
        response.on('close', () => response.off('drain', pump));
        pump();
        return;
      }
      if (request.url === '/redirect') {
        response.writeHead(301, { location: '/elsewhere' });
        response.end();
        return;
      }
      response.end('fine');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('reads a normal answer', async () => {
    await expect(httpGet(port, '/', 2000)).resolves.toMatchObject({ status: 200, body: 'fine', truncated: false });
  });
  test('a response that hangs mid-body fails at the request time-out, saying the answer began', async () => {
    await expect(httpGet(port, '/hang', 300)).rejects.toMatchObject({
      kind: 'timeout',
      message: 'HTTP 200 came, but the body did not end within 300 ms',
    });
  });
  test('an endless body is cut at the read cap', async () => {
    const answer = await httpGet(port, '/endless', 5000);
    expect(answer.truncated).toBe(true);
    expect(Buffer.byteLength(answer.body)).toBe(BODY_READ_CAP_BYTES);
  });
  test('a redirect is not followed', async () => {
    await expect(httpGet(port, '/redirect', 2000)).resolves.toMatchObject({ status: 301, location: '/elsewhere' });
  });
});

/** A raw TCP server on 127.0.0.1 that does `onConnection` with each connection; returns its port and a closer. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('httpGet says what happened when there is no answer', () => {
  test('connection refused: nothing listens yet', async () => {
    const closedPort = await freeLoopbackPort();
    const failure = httpGet(closedPort, '/', 1000);
    await expect(failure).rejects.toBeInstanceOf(ProbeError);
    await expect(failure).rejects.toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/^connection refused after \d+ ms: nothing listens on the port yet$/),
    });
  });

  test.each([
    [
      'accepted and closed without a byte',
      (socket: net.Socket) => socket.end(),
      'closed',
      /^the connection was closed without an answer after \d+ ms$/,
    ],
    ['reset', (socket: net.Socket) => socket.resetAndDestroy(), 'reset', /^the connection was reset after \d+ ms$/],
    [
      'an answer that is not HTTP',
      (socket: net.Socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'),
      'not-http',
      /^the answer was not HTTP \(.+\) after \d+ ms$/,
    ],
    [
      'headers, then the connection ends mid-body',
      (socket: net.Socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort'),
      'incomplete',
      /^HTTP 200 came, then the connection ended before the body did, after \d+ ms$/,
    ],
  ])('%s', async (_name, behave, kind, message) => {
    const server = await rawServer((socket) => socket.once('data', () => behave(socket)));
    try {
      await expect(httpGet(server.port, '/', 2000)).rejects.toMatchObject({ kind, message: expect.stringMatching(message) });
    } finally {
      await server.close();
    }
  });

  test('connected, but nothing comes back: the time-out says so', async () => {
    const server = await rawServer(() => undefined);
    try {
      await expect(httpGet(server.port, '/', 200)).rejects.toMatchObject({
        kind: 'timeout',
        message: 'connected, but no answer came within 200 ms',
      });
    } finally {
      await server.close();
    }
  });

  test('a path Node itself refuses to send is a failure, not a crash', async () => {
    await expect(httpGet(1, '/€', 200)).rejects.toMatchObject({ kind: 'other', message: expect.stringContaining('unescaped characters') });
  });
});

describe('noAnswerFailure', () => {
  test('when docker run took all the time, it says so', () => {
    expect(noAnswerFailure(8080, 2000, 2400.4)).toBe(
      'nothing answered on port 8080 within 2000 ms (docker run itself took 2400 ms, so no probe could be made; a longer smoke-timeout gives the container time)',
    );
  });

  test("a closed or reset connection mentions Docker's proxy; others stand alone", () => {
    expect(noAnswerFailure(8080, 2000, new ProbeError('closed', 3, 'the connection was closed without an answer after 3 ms'))).toBe(
      "nothing answered on port 8080 within 2000 ms (last attempt: the connection was closed without an answer after 3 ms; Docker's proxy accepts on the published port, then drops the connection while nothing in the container listens)",
    );
    expect(
      noAnswerFailure(8080, 2000, new ProbeError('refused', 1, 'connection refused after 1 ms: nothing listens on the port yet')),
    ).toBe('nothing answered on port 8080 within 2000 ms (last attempt: connection refused after 1 ms: nothing listens on the port yet)');
  });
});

describe('stateProblem', () => {
  const running = { status: 'running', exitCode: 0, oomKilled: false, hostMounts: [] };
  test('running without host storage is fine', () => expect(stateProblem(running)).toBeUndefined());
  test('stopped, killed by the memory limit', () => {
    expect(stateProblem({ ...running, status: 'exited', exitCode: 137, oomKilled: true })).toBe(
      'the container stopped before answering (status exited, exit code 137, killed for exceeding the 512m memory limit)',
    );
  });
  test('storage on the host disk is a failure even while running', () => {
    expect(stateProblem({ ...running, hostMounts: ['volume at /data'] })).toContain("storage on the host's disk (volume at /data)");
  });
});

/**
 * A stand-in for the docker client in front of runSmokeTest: `run` "starts the container" by listening on the
 * host port the gate published, after `startupMs`; `rm` stops it. It can refuse the first ports as taken, refuse
 * to start at all, and report host mounts the engine made.
 */
function fakeDocker(options: { startupMs: number; takenAttempts?: number; runStderr?: string; hostMounts?: string }) {
  const calls: string[][] = [];
  let servers: http.Server[] = [];
  const timers: NodeJS.Timeout[] = [];
  let refusals = options.takenAttempts ?? 0;
  const ok = (stdout = '') => ({ exitCode: 0, stdout: Buffer.from(stdout), stderr: '' });
  const refused = (stderr: string) => ({ exitCode: 125, stdout: Buffer.alloc(0), stderr });
  const docker = {
    run: async (args: string[]) => {
      calls.push(args);
      if (args[0] === 'run') {
        if (options.runStderr) return refused(options.runStderr);
        if (refusals > 0) {
          refusals -= 1;
          return refused(
            'docker: Error response from daemon: driver failed programming external connectivity: Bind for 127.0.0.1:1 failed: port is already allocated.',
          );
        }
        const hostPort = Number(args[args.indexOf('--publish') + 1].split(':')[1]);
        const server = http.createServer((_request, response) => response.end('ok'));
        servers.push(server);
        timers.push(setTimeout(() => server.listen(hostPort, '127.0.0.1'), options.startupMs));
        return ok('container-id\n');
      }
      if (args[0] === 'top') return ok('PID PPID UID GID\n4100 4080 10001 10002\n4101 4100 10001 10002\n');
      if (args[0] === 'rm') {
        timers.forEach(clearTimeout);
        await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
        servers = [];
      }
      return ok();
    },
    text: async (args: string[]) => {
      calls.push(args);
      return `{"state":{"Status":"running","ExitCode":0,"OOMKilled":false},"mounts":${options.hostMounts ?? '[]'}}`;
    },
  };
  return { docker: docker as unknown as Docker, calls };
}

const IMAGE = { id: 'sha256:abc', volumes: [] };

describe('runSmokeTest, with a stand-in for docker', () => {
  test('times the start from docker run to the first good answer on a host port the gate picked, and removes the container', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 150 });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result.passed).toBe(true);
    expect(result.startupMs).toBeGreaterThanOrEqual(150);
    expect(result.startupMs).toBeLessThan(1000);
    expect(calls.map((call) => call[0])).toEqual(['run', 'top', 'container', 'rm']);
    expect(calls[0][calls[0].indexOf('--publish') + 1]).toMatch(/^127\.0\.0\.1:\d+:8080$/);
  });

  test('once it answered, the uid and gid its main process really runs as', async () => {
    const { docker } = fakeDocker({ startupMs: 10 });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result).toMatchObject({ passed: true, runtimeUid: 10001, runtimeGid: 10002 });
  });

  test("the image's VOLUMEs become tmpfs mounts; one that cannot be covered keeps the container from starting", async () => {
    const covered = fakeDocker({ startupMs: 10 });
    await runSmokeTest(covered.docker, { id: 'sha256:abc', volumes: ['/data/'] }, 8080, smoke);
    expect(covered.calls[0].join(' ')).toContain('--tmpfs /data:rw,nosuid,nodev,size=64m');
    const refused = fakeDocker({ startupMs: 10 });
    const result = await runSmokeTest(refused.docker, { id: 'sha256:abc', volumes: ['/data:/etc'] }, 8080, smoke);
    expect(result.passed).toBe(false);
    expect(result.failure).toBe(
      `the container was not started: the image declares VOLUME "/data:/etc", a path with a control character, "," or ":" that a tmpfs mount cannot name, so its writes could not be kept off the runner's disk`,
    );
    expect(refused.calls).toEqual([]);
  });

  test('storage the engine put on the host disk after all fails the smoke test', async () => {
    const { docker } = fakeDocker({ startupMs: 10, hostMounts: '[{"Type":"volume","Destination":"/data"}]' });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result.passed).toBe(false);
    expect(result.startupMs).toBeUndefined();
    expect(result.failure).toContain("storage on the host's disk (volume at /data)");
  });

  test("a container docker refuses to start: Docker's own line, not the client's usage trailer", async () => {
    const { docker, calls } = fakeDocker({
      startupMs: 10,
      runStderr:
        "docker: Error response from daemon: unable to find group svc: no matching entries in group file\n\nRun 'docker run --help' for more information\n",
    });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result.failure).toBe('docker run failed: unable to find group svc: no matching entries in group file');
    expect(calls.map((call) => call[0])).toEqual(['run', 'rm']);
  });

  test('a host port taken in the meantime: the failed container is removed and the start retried on a new port', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 10, takenAttempts: 2 });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result.passed).toBe(true);
    expect(calls.map((call) => call[0])).toEqual(['run', 'rm', 'run', 'rm', 'run', 'top', 'container', 'rm']);
  });

  test("three taken ports in a row: the smoke test fails with docker's own reason", async () => {
    const { docker } = fakeDocker({ startupMs: 10, takenAttempts: 3 });
    const result = await runSmokeTest(docker, IMAGE, 8080, smoke);
    expect(result.passed).toBe(false);
    expect(result.failure).toMatch(/^docker run failed: driver failed .*port is already allocated/);
  });

  test('nothing answering until the deadline: the last probe failure that says something', async () => {
    const { docker } = fakeDocker({ startupMs: 60_000 });
    const result = await runSmokeTest(docker, IMAGE, 8080, { ...smoke, timeoutMs: 300 });
    expect(result.passed).toBe(false);
    expect(result.failure).toMatch(/^nothing answered on port 8080 within 300 ms \(last attempt: connection refused after \d+ ms/);
  });

  test('with background work, the removal is handed over instead of awaited', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 10 });
    const background = new BackgroundWork();
    await runSmokeTest(docker, IMAGE, 8080, smoke, { background });
    expect(calls.at(-1)?.[0]).toBe('rm');
    expect(background.size).toBe(1);
    await background.drain();
  });
});

test('freeLoopbackPort gives a port that can be listened on', async () => {
  const port = await freeLoopbackPort();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  expect((server.address() as AddressInfo).port).toBe(port);
  await new Promise((resolve) => server.close(resolve));
});
