// Faults and bad input, end to end: each ends in a one-line reason, the right exit code, no stack trace,
// and nothing left behind.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, buildImage, docker, errorLine, gateContainers, runAction, RunOptions, withContext } from '../support/e2e.js';

const TAGS = {
  exits: 'image-size-gate-e2e/exits:1',
  silent: 'image-size-gate-e2e/silent:1',
  httpd: 'image-size-gate-e2e/httpd:1',
  udp: 'image-size-gate-e2e/udp:1',
  numericUser: 'image-size-gate-e2e/uid:1',
  namedUser: 'image-size-gate-e2e/nobody:1',
  ghostUser: 'image-size-gate-e2e/ghost:1',
  rootByName: 'image-size-gate-e2e/toor:1',
  cgi: 'image-size-gate-e2e/cgi:1',
};

const CGI_SCRIPTS = {
  // Headers and a first line, then nothing: a server that hangs mid-response.
  'www/cgi-bin/hang': '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho partial\nsleep 600\n',
  // A body that never ends.
  'www/cgi-bin/endless':
    '#!/bin/sh\necho "Content-Type: text/plain"\necho\nwhile :; do echo 0123456789012345678901234567890123456789012345678901234567890123456789; done\n',
  // A redirect (a complete response, as busybox httpd passes through CGI output that starts with HTTP/).
  'www/cgi-bin/redirect': '#!/bin/sh\nprintf "HTTP/1.0 302 Found\\r\\nLocation: /login\\r\\n\\r\\n"\n',
  'www/index.html': 'ok\n',
};

function buildTags(): void {
  buildImage(
    TAGS.exits,
    `FROM ${BUSYBOX}\nUSER 65534\nEXPOSE 8080\nCMD ["sh", "-c", "echo starting; echo 'fatal: missing DATABASE_URL' >&2; exit 3"]\n`,
  );
  buildImage(TAGS.silent, `FROM ${BUSYBOX}\nUSER 65534\nEXPOSE 8080\nCMD ["sleep", "600"]\n`);
  buildImage(TAGS.httpd, `FROM ${BUSYBOX}\nCOPY www /www\nUSER 65534\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`, {
    'www/index.html': 'hello from busybox\n',
  });
  buildImage(TAGS.udp, `FROM ${BUSYBOX}\nUSER 65534\nEXPOSE 5353/udp\nCMD ["sleep", "600"]\n`);
  buildImage(TAGS.numericUser, `FROM ${BUSYBOX}\nUSER 4242:4242\n`);
  buildImage(TAGS.namedUser, `FROM ${BUSYBOX}\nUSER nobody\n`);
  buildImage(TAGS.ghostUser, `FROM ${BUSYBOX}\nUSER ghost\n`);
  buildImage(
    TAGS.cgi,
    `FROM ${BUSYBOX}\nCOPY www /www\nRUN chmod 755 /www/cgi-bin/*\nUSER 65534\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
    CGI_SCRIPTS,
  );
  buildImage(TAGS.rootByName, `FROM ${BUSYBOX}\nRUN echo 'toor:x:0:0::/:/bin/sh' >> /etc/passwd\nUSER toor\n`);
}

useCleanEngine({ images: Object.values(TAGS), setup: buildTags });

/** Sends SIGINT (or SIGTERM), as the runner does on cancellation, once `ready` says the run has reached the point to test. */
function interruptWhen(
  ready: (output: { stdout: string; stderr: string }) => boolean,
  signal: NodeJS.Signals = 'SIGINT',
): RunOptions['onSpawn'] {
  return (child, output) => {
    const poll = setInterval(() => {
      if (!ready(output)) return;
      clearInterval(poll);
      child.kill(signal);
    }, 100);
    child.on('close', () => clearInterval(poll));
  };
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('smoke-test faults', () => {
  test('a container that exits at once: its exit code and the last lines of its own log', async () => {
    const run = await runAction({ image: TAGS.exits });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('the container stopped before answering (status exited, exit code 3)');
    expect(run.summary).toContain('fatal: missing DATABASE_URL');
    expect(run.summary).toContain('Last lines of the container log');
  });

  test('a container that never listens fails at smoke-timeout', async () => {
    const started = Date.now();
    const run = await runAction({ image: TAGS.silent, 'smoke-timeout': '2s' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('nothing answered on port 8080 within 2000 ms');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a wrong status shows what it answered', async () => {
    const run = await runAction({ image: TAGS.httpd, 'smoke-path': '/missing', 'smoke-timeout': '5s' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('the last one answered HTTP 404, expected 200');
    expect(run.summary).toContain('Last answer body');
  });

  test('a wrong body is named, and a right one passes', async () => {
    const wrong = await runAction({ image: TAGS.httpd, 'smoke-expect-body': 'goodbye', 'smoke-timeout': '5s' });
    expect(wrong.exitCode).toBe(1);
    expect(errorLine(wrong.stdout)).toContain('the body does not contain "goodbye"');
    const right = await runAction({ image: TAGS.httpd, 'smoke-expect-body': 'hello from busybox' });
    expect(right.exitCode).toBe(0);
    expect(Number(right.outputs['startup-ms'])).toBeGreaterThan(0);
  });

  test('a container that accepts the request but hangs mid-response fails at the time-out, without waiting for it forever', async () => {
    const started = Date.now();
    const run = await runAction({ image: TAGS.cgi, 'smoke-path': '/cgi-bin/hang', 'smoke-timeout': '6s' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toMatch(
      /nothing answered on port 8080 within 6000 ms \(last attempt: HTTP 200 came, but the body did not end within \d+ ms\)/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('an endless body is read up to the cap, then judged', async () => {
    const passing = await runAction({ image: TAGS.cgi, 'smoke-path': '/cgi-bin/endless', 'smoke-timeout': '10s' });
    expect(passing.exitCode).toBe(0);
    const failing = await runAction({
      image: TAGS.cgi,
      'smoke-path': '/cgi-bin/endless',
      'smoke-expect-body': 'never-there',
      // Long enough for a slow docker run (2 to 3 s on a loaded machine) to leave time for probes.
      'smoke-timeout': '8s',
    });
    expect(failing.exitCode).toBe(1);
    expect(errorLine(failing.stdout)).toContain('the body does not contain "never-there"');
  });

  test('a redirect is not followed, and the answer names where it pointed', async () => {
    const run = await runAction({ image: TAGS.cgi, 'smoke-path': '/cgi-bin/redirect', 'smoke-timeout': '8s' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('answered HTTP 302 (a redirect to /login; the probe does not follow redirects), expected 200');
  });

  test('smoke: true with no EXPOSE and no smoke-port says what to set', async () => {
    const run = await runAction({ image: TAGS.numericUser, smoke: 'true' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('smoke is true but the image EXPOSEs no port and smoke-port is not set; set smoke-port');
    expect(run.outputs.passed).toBe('false');
  });

  test('a UDP-only image: auto skips (saying why), true fails, a UDP smoke-port is refused', async () => {
    const auto = await runAction({ image: TAGS.udp });
    expect(auto.exitCode).toBe(0);
    expect(auto.summary).toContain('not run: the image EXPOSEs only non-TCP ports (5353/udp)');
    const forced = await runAction({ image: TAGS.udp, smoke: 'true' });
    expect(forced.exitCode).toBe(1);
    const udpPort = await runAction({ image: TAGS.udp, 'smoke-port': '5353/udp' });
    expect(udpPort.exitCode).toBe(1);
    expect(errorLine(udpPort.stdout)).toContain('input smoke-port: "5353/udp" is not a TCP port');
  });

  test.each(['SIGINT', 'SIGTERM'] as const)(
    'cancelled mid-smoke (%s): the container is removed at once and the step fails',
    async (signal) => {
      const started = Date.now();
      const run = await runAction(
        { image: TAGS.silent, 'smoke-timeout': '120s' },
        { onSpawn: interruptWhen(() => gateContainers().length > 0, signal) },
      );
      expect(run.exitCode).toBe(1);
      expect(errorLine(run.stdout)).toContain(`cancelled (${signal})`);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(gateContainers()).toEqual([]);
    },
  );
});

describe('users, resolved as the kernel would', () => {
  test.each([
    [TAGS.numericUser, 'true', '4242:4242'],
    [TAGS.namedUser, 'true', 'nobody'],
    [TAGS.ghostUser, 'false', 'ghost'],
    [TAGS.rootByName, 'false', 'toor'],
  ])('%s: non-root=%s', async (image, nonRoot, user) => {
    const run = await runAction({ image, smoke: 'false' });
    expect(run.outputs['non-root']).toBe(nonRoot);
    expect(run.outputs.user).toBe(user);
    expect(run.exitCode).toBe(nonRoot === 'true' ? 0 : 1);
  });

  test('without the layer analysis, the name is resolved from a stopped container the same way', async () => {
    const named = await runAction({ image: TAGS.namedUser, smoke: 'false', analyze: 'false' });
    expect(named.outputs['non-root']).toBe('true');
    const ghost = await runAction({ image: TAGS.ghostUser, smoke: 'false', analyze: 'false' });
    expect(ghost.outputs['non-root']).toBe('false');
    expect(ghost.summary).toContain('USER "ghost" is not in the image');
  });

  test('a name missing from passwd says the container cannot start', async () => {
    const run = await runAction({ image: TAGS.ghostUser, smoke: 'false' });
    expect(run.summary).toContain('USER &#34;ghost&#34; is not in the image'.replace(/&#34;/g, '"'));
  });
});

describe('build and image faults', () => {
  test('a missing Dockerfile names the path and the input to set', () =>
    withContext({ 'main.go': 'package main' }, async (dir) => {
      const run = await runAction({ context: dir });
      expect(run.exitCode).toBe(1);
      expect(errorLine(run.stdout)).toBe(
        `::error::image-size-gate: build: Dockerfile "${dir}/Dockerfile" was not found; set dockerfile to its path (e.g. dockerfile: ${dir}/Dockerfile) or image to a built image`,
      );
      expect(run.outputs.passed).toBe('false');
    }));

  test('a missing context is named', async () => {
    const run = await runAction({ context: 'no/such/dir' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('build: context "no/such/dir" is not a directory');
  });

  test('a failing build shows the failing step output and fails with one line', () =>
    withContext(
      { Dockerfile: `FROM ${BUSYBOX}\nRUN echo fine\nRUN echo 'compiling...' && echo 'error: missing semicolon' >&2 && exit 7\n` },
      async (dir) => {
        const run = await runAction({ context: dir });
        expect(run.exitCode).toBe(1);
        expect(errorLine(run.stdout)).toMatch(
          /^::error::image-size-gate: build: docker build failed: .*(returned a non-zero code: 7|exit code: 7)/,
        );
        const failingStep = run.stdout.slice(run.stdout.lastIndexOf('::endgroup::'));
        expect(failingStep).toContain('error: missing semicolon');
        expect(failingStep).not.toContain('RUN echo fine');
        expectNoStackTrace(run.stdout + run.stderr);
      },
    ));

  test('an image that does not exist', async () => {
    const run = await runAction({ image: 'image-size-gate-e2e/does-not-exist:nope' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('image: image "image-size-gate-e2e/does-not-exist:nope" does not exist locally');
    expectNoStackTrace(run.stdout + run.stderr);
  });

  test('no Docker engine: says so and what to do', async () => {
    const run = await runAction({ image: TAGS.httpd }, { env: { DOCKER_HOST: 'unix:///tmp/image-size-gate-no-such.sock' } });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toMatch(
      /docker: the Docker engine is not reachable \(.*\); start the Docker engine \(dockerd\) or set DOCKER_HOST/,
    );
  });

  test('permission denied on the Docker socket', async () => {
    const run = await runAction({ image: TAGS.httpd }, { env: { HOME: '/tmp' }, asUser: 65534 });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toMatch(
      /docker: the Docker engine is not reachable \(.*permission denied.*\); add this user to the docker group or run as root/,
    );
  });

  test('cancelled mid-build (SIGINT): the build stops and leaves no container and no temp directory behind', () =>
    withContext({ Dockerfile: `FROM ${BUSYBOX}\nRUN echo building && sleep 120\n` }, async (dir) => {
      const containersBefore = docker(['ps', '--all', '--quiet']);
      const buildDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('image-size-gate-build-'));
      const buildDirsBefore = buildDirs();
      const started = Date.now();
      const run = await runAction({ context: dir }, { onSpawn: interruptWhen((output) => output.stdout.includes('building')) });
      expect(run.exitCode).toBe(1);
      expect(errorLine(run.stdout)).toContain('cancelled (SIGINT)');
      expect(Date.now() - started).toBeLessThan(60_000);
      // The classic builder removes its build container once the client is gone; give it a moment.
      for (let attempt = 0; attempt < 50 && docker(['ps', '--all', '--quiet']) !== containersBefore; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(docker(['ps', '--all', '--quiet'])).toBe(containersBefore);
      expect(buildDirs().filter((name) => !buildDirsBefore.includes(name))).toEqual([]);
    }));

  test('no docker client on PATH', async () => {
    const run = await runAction({ image: TAGS.httpd }, { env: { PATH: '/nonexistent' } });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('the docker client "docker" is not installed or not on PATH');
  });

  test.each([
    ['max-size', '25 megs', 'input max-size: "25 megs" has an unknown unit "megs"; expected e.g. 25MB, 24MiB or 25000000'],
    ['smoke-expect-status', 'abc', 'input smoke-expect-status: "abc" is not an HTTP status; expected e.g. 200'],
    ['max-layers', '-3', 'input max-layers: "-3" is not a whole number of 0 or more; expected e.g. 10'],
    ['max-startup-time', '5', 'input max-startup-time: "5" is not a duration with a unit; expected e.g. 1s or 800ms'],
  ])('malformed %s=%j is named before anything runs', async (name, value, message) => {
    const run = await runAction({ image: TAGS.httpd, [name]: value });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toBe(`::error::image-size-gate: ${message}`);
    expect(run.stdout).not.toContain('Docker engine');
  });
});

test('docker itself is left as it was', () => {
  expect(docker(['ps', '--all', '--quiet', '--filter', 'label=image-size-gate'])).toBe('');
});
