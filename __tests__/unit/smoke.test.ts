import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SmokeOptions } from '../../src/inputs.js';
import { BackgroundWork } from '../../src/background.js';
import { Docker } from '../../src/docker/exec.js';
import {
  BODY_READ_CAP_BYTES,
  chooseSmokePort,
  freeLoopbackPort,
  httpGet,
  judgeAnswer,
  runSmokeTest,
  smokeRunArgv,
} from '../../src/smoke.js';

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

test('smokeRunArgv hardens the container and publishes on loopback only', () => {
  const argv = smokeRunArgv('sha256:abc', 'isg-1', 8080, 40123, ['PORT=8080']);
  const joined = argv.join(' ');
  for (const flag of [
    '--read-only',
    '--cap-drop ALL',
    '--security-opt no-new-privileges',
    '--memory 512m',
    '--pids-limit 256',
    '--publish 127.0.0.1:40123:8080',
    '--env PORT=8080',
  ]) {
    expect(joined).toContain(flag);
  }
  expect(joined).not.toMatch(/--privileged|--network host|docker\.sock|--volume|-v /);
  expect(argv.at(-1)).toBe('sha256:abc');
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
  test('a response that hangs mid-body fails at the request time-out', async () => {
    await expect(httpGet(port, '/hang', 300)).rejects.toThrow('no complete answer within 300 ms');
  });
  test('an endless body is cut at the read cap', async () => {
    const answer = await httpGet(port, '/endless', 5000);
    expect(answer.truncated).toBe(true);
    expect(Buffer.byteLength(answer.body)).toBe(BODY_READ_CAP_BYTES);
  });
  test('a redirect is not followed', async () => {
    await expect(httpGet(port, '/redirect', 2000)).resolves.toMatchObject({ status: 301, location: '/elsewhere' });
  });
  test('nothing listening is an error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpGet(closedPort, '/', 1000)).rejects.toThrow(/ECONNREFUSED/);
  });
});

/**
 * A stand-in for the docker client in front of runSmokeTest: `run` "starts the container" by listening on the
 * host port the gate published, after `startupMs`; `rm` stops it. It can refuse the first ports as taken.
 */
function fakeDocker(options: { startupMs: number; takenAttempts?: number }) {
  const calls: string[][] = [];
  let servers: http.Server[] = [];
  let refusals = options.takenAttempts ?? 0;
  const ok = (stdout = '') => ({ exitCode: 0, stdout: Buffer.from(stdout), stderr: '' });
  const docker = {
    run: async (args: string[]) => {
      calls.push(args);
      if (args[0] === 'run') {
        if (refusals > 0) {
          refusals -= 1;
          return {
            exitCode: 125,
            stdout: Buffer.alloc(0),
            stderr:
              'docker: Error response from daemon: driver failed programming external connectivity: Bind for 127.0.0.1:1 failed: port is already allocated.',
          };
        }
        const hostPort = Number(args[args.indexOf('--publish') + 1].split(':')[1]);
        const server = http.createServer((_request, response) => response.end('ok'));
        servers.push(server);
        setTimeout(() => server.listen(hostPort, '127.0.0.1'), options.startupMs);
        return ok('container-id\n');
      }
      if (args[0] === 'rm') {
        await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
        servers = [];
      }
      return ok();
    },
    text: async () => 'running 0 false',
  };
  return { docker: docker as unknown as Docker, calls };
}

describe('runSmokeTest, with a stand-in for docker', () => {
  test('times the start from docker run to the first good answer on a host port the gate picked, and removes the container', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 150 });
    const result = await runSmokeTest(docker, 'sha256:abc', 8080, smoke);
    expect(result.passed).toBe(true);
    expect(result.startupMs).toBeGreaterThanOrEqual(150);
    expect(result.startupMs).toBeLessThan(1000);
    expect(calls.map((call) => call[0])).toEqual(['run', 'rm']);
    expect(calls[0][calls[0].indexOf('--publish') + 1]).toMatch(/^127\.0\.0\.1:\d+:8080$/);
  });

  test('a host port taken in the meantime: the failed container is removed and the start retried on a new port', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 10, takenAttempts: 2 });
    const result = await runSmokeTest(docker, 'sha256:abc', 8080, smoke);
    expect(result.passed).toBe(true);
    expect(calls.map((call) => call[0])).toEqual(['run', 'rm', 'run', 'rm', 'run', 'rm']);
  });

  test("three taken ports in a row: the smoke test fails with docker's own reason", async () => {
    const { docker } = fakeDocker({ startupMs: 10, takenAttempts: 3 });
    const result = await runSmokeTest(docker, 'sha256:abc', 8080, smoke);
    expect(result.passed).toBe(false);
    expect(result.failure).toMatch(/^docker run failed: .*port is already allocated/);
  });

  test('with background work, the removal is handed over instead of awaited', async () => {
    const { docker, calls } = fakeDocker({ startupMs: 10 });
    const background = new BackgroundWork();
    await runSmokeTest(docker, 'sha256:abc', 8080, smoke, { background });
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
