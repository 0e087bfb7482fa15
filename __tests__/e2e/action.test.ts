// The bundled action (dist/main/index.js), run as the runner runs it, against the real Docker engine.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCleanEngine } from '../support/clean-engine.js';
import { docker, expectedSizeBytes, gateContainers, removeImages, runAction } from '../support/e2e.js';

useCleanEngine();

describe('the passing example (Go on scratch, non-root)', () => {
  test('passes, and every output agrees with Docker', async () => {
    const run = await runAction({ context: 'examples/go-scratch', 'max-size': '25MB', 'max-startup-time': '5s' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const { outputs } = run;
    expect(outputs.passed).toBe('true');
    const inspected = docker(['image', 'inspect', '--format', '{{.Id}} {{len .RootFS.Layers}} {{.Config.User}}', outputs['image-id']]);
    expect(`${outputs['image-id']} ${outputs.layers} ${outputs.user}`).toBe(inspected);
    // The size is the layers' own bytes on every engine: 4,460,581 B for this example on the classic and
    // the containerd image store alike.
    expect(Number(outputs.size)).toBe(expectedSizeBytes(outputs['image-id']));
    expect(outputs['non-root']).toBe('true');
    const startupMs = Number(outputs['startup-ms']);
    expect(startupMs).toBeGreaterThan(0);
    expect(startupMs).toBeLessThan(5000);
    expect(run.summary).toContain('image-size-gate: examples/go-scratch/Dockerfile passed');
    expect(run.summary).toMatch(/\| Smoke test \| HTTP 200 \| .* \| ✅ pass \| GET \/ on port 8080 answered as expected \|/);
    // Under a second in ms, over it in seconds (2.00 s).
    expect(run.summary).toContain(startupMs < 1000 ? `${startupMs} ms` : `${(startupMs / 1000).toFixed(2)} s`);
    // The build log went to a collapsed group, with workflow commands stopped around it.
    expect(run.stdout).toMatch(/::group::Build the image: examples\/go-scratch\/Dockerfile \((classic|buildx) builder\)/);
    expect(run.stdout).not.toContain('PR image');
    expect(run.stdout).toMatch(/::stop-commands::[0-9a-f]{32}\n[\s\S]*::[0-9a-f]{32}::/);
    const report = JSON.parse(readFileSync(outputs.report, 'utf8'));
    expect(report).toMatchObject({ passed: true, image: { id: outputs['image-id'], sizeBytes: Number(outputs.size), nonRoot: true } });
    expect(report.checks.map((check: { id: string; verdict: string }) => `${check.id}:${check.verdict}`)).toEqual([
      'size:pass',
      'compressed-size:info',
      'layers:info',
      'non-root:pass',
      'smoke:pass',
      'startup:pass',
      'efficiency:info',
      'wasted-size:info',
    ]);
  });

  test('max-size: 1MB fails the step with passed=false, and still writes the summary and outputs', async () => {
    const run = await runAction({ context: 'examples/go-scratch', 'max-size': '1MB' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs.size)).toBeGreaterThan(1_000_000);
    expect(run.stdout).toMatch(
      /::error::image-size-gate: examples\/go-scratch\/Dockerfile failed Size \(uncompressed\) \(the image is 3\.\d\d MB over max-size\)/,
    );
    expect(run.summary).toContain('❌ image-size-gate: examples/go-scratch/Dockerfile failed 1 check');
    expect(run.stdout).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  test('a MiB budget is judged and printed in binary units', async () => {
    const run = await runAction({ context: 'examples/go-scratch', 'max-size': '4MiB', smoke: 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.summary).toMatch(
      /\| Size \(uncompressed\) \| 4\.25 MiB \(4,4\d\d,\d{3} B\) \| 4\.00 MiB \| \d+ KiB over \| ❌ fail \| the image is \d+ KiB over max-size \|/,
    );
  });
});

describe('the failing example (Go on Debian, root)', () => {
  test('fails on size and on require-non-root, and says so', async () => {
    const run = await runAction({ context: 'examples/go-debian-root', 'max-size': '25MB' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['non-root']).toBe('false');
    expect(run.outputs.passed).toBe('false');
    expect(run.outputs.user).toBe('');
    expect(run.summary).toContain('no USER is set, so the container runs as root (uid 0); add a USER with a non-zero uid');
    expect(run.summary).toMatch(/\| Size \(uncompressed\) \| 15\d MB/);
  });

  test('require-non-root: false lets a root image pass when its other budgets pass', async () => {
    const run = await runAction({ context: 'examples/go-debian-root', 'require-non-root': 'false' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['non-root']).toBe('false');
    expect(run.outputs.passed).toBe('true');
  });
});

describe('gating an image that is already built', () => {
  test('image: takes a local tag instead of building, and leaves the tag alone', async () => {
    const built = await runAction({ context: 'examples/go-scratch', tag: 'image-size-gate-e2e/prebuilt:1', smoke: 'false' });
    expect(built.exitCode).toBe(0);
    try {
      const run = await runAction({
        image: 'image-size-gate-e2e/prebuilt:1',
        'max-size': '25MB',
        'smoke-path': '/healthz',
        'smoke-expect-body': 'ok',
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['image-id']).toBe(built.outputs['image-id']);
      expect(run.stdout).not.toContain('::group::Build');
      expect(run.summary).toContain('GET /healthz on port 8080 answered as expected');
      expect(docker(['image', 'inspect', '--format', '{{.Id}}', 'image-size-gate-e2e/prebuilt:1'])).toBe(built.outputs['image-id']);
    } finally {
      removeImages(['image-size-gate-e2e/prebuilt:1']);
    }
  });
});

describe('the post step', () => {
  test('removes a smoke container that a killed main step left behind, and is quiet when there is none', async () => {
    const name = `image-size-gate-smoke-e2e-post-${process.pid}`;
    docker(['create', '--label', 'image-size-gate=smoke', '--name', name, 'image-size-gate/busybox:latest', 'sleep', '60']);
    const post = await runAction({}, { entry: (await import('../support/e2e.js')).POST_ENTRY, env: { 'STATE_smoke-container': name } });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Removed the smoke container ${name}`);
    expect(gateContainers()).toEqual([]);
    const idle = await runAction({}, { entry: (await import('../support/e2e.js')).POST_ENTRY });
    expect(idle.exitCode).toBe(0);
    expect(idle.stdout).toBe('');
  });
});

describe('secrets', () => {
  test('no docker call the gate makes (build, run, save...) sees the github-token or the runner tokens', async () => {
    // A docker on PATH before the real one that writes down each call's arguments and environment.
    const shimDir = mkdtempSync(path.join(tmpdir(), 'isg-docker-shim-'));
    const log = path.join(shimDir, 'calls.log');
    const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shimDir, 'docker'), `#!/bin/sh\n{ echo "--- docker $1"; env; } >> '${log}'\nexec '${realDocker}' "$@"\n`);
    chmodSync(path.join(shimDir, 'docker'), 0o755);
    const secrets = {
      'github-token': 'ghs_e2eInputToken0123456789',
      GITHUB_TOKEN: 'ghs_e2eEnvToken0123456789',
      ACTIONS_RUNTIME_TOKEN: 'e2eRuntimeToken0123456789',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'e2eIdToken0123456789',
    };
    try {
      const run = await runAction(
        { context: 'examples/go-scratch', 'github-token': secrets['github-token'], 'smoke-env': 'GREETING=hello' },
        {
          env: {
            PATH: `${shimDir}:${process.env.PATH}`,
            GITHUB_TOKEN: secrets.GITHUB_TOKEN,
            ACTIONS_RUNTIME_TOKEN: secrets.ACTIONS_RUNTIME_TOKEN,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: secrets.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
          },
        },
      );
      expect(run.exitCode).toBe(0);
      const calls = readFileSync(log, 'utf8');
      // buildx builds through `docker buildx`, the classic builder through `docker build`.
      expect(calls).toMatch(/--- docker (build|buildx)\n/);
      for (const call of ['run', 'save', 'rm']) expect(calls).toContain(`--- docker ${call}\n`);
      for (const secret of Object.values(secrets)) expect(calls).not.toContain(secret);
      // The environment did reach the shim: the absence of the secrets is the gate's doing.
      expect(calls).toContain(`PATH=${shimDir}:`);
    } finally {
      rmSync(shimDir, { recursive: true, force: true });
    }
  });
});

test('the report file lands in RUNNER_TEMP by default', async () => {
  const run = await runAction({ context: 'examples/go-scratch', smoke: 'false' });
  expect(path.dirname(run.outputs.report)).toBe(run.runnerTemp);
  expect(path.basename(run.outputs.report)).toMatch(/^image-size-gate-\d+-[0-9a-f]{12}\.json$/);
  expect(existsSync(run.outputs.report)).toBe(true);
});

describe('untrusted text from the Dockerfile, the image and the build', () => {
  const hostile = '</details><img src=x onerror=alert(1)> @everyone | x';
  test('takes no effect in the comment, the summary or the log', async () => {
    const { makeContext, BUSYBOX } = await import('../support/e2e.js');
    const context = makeContext({
      Dockerfile: [
        `FROM ${BUSYBOX}`,
        `LABEL description="${hostile}"`,
        // Build output that tries to issue workflow commands.
        `RUN echo '::set-output name=passed::true' && echo '::error::injected by the build' && echo '::add-mask::x'`,
        // A file whose path carries HTML, a mention and table pipes, written and then deleted (so a hint names it).
        `RUN mkdir -p '/data/</details><img src=x onerror=alert(1)>@everyone|x' && head -c 300000 /dev/urandom > '/data/</details><img src=x onerror=alert(1)>@everyone|x/::set-output name=passed::true'`,
        `RUN rm -rf /data`,
        'USER 65534',
        '',
      ].join('\n'),
      '.dockerignore': 'Dockerfile\n',
    });
    let imageId = '';
    try {
      const run = await runAction({ context: context.dir, name: hostile, smoke: 'false', 'max-size': '1MB' });
      imageId = run.outputs['image-id'];
      expect(run.exitCode).toBe(1);
      // Workflow commands from the build only ever appear between ::stop-commands:: and its token.
      let stopToken: string | undefined;
      for (const line of run.stdout.split('\n')) {
        const start = /^::stop-commands::([0-9a-f]+)$/.exec(line);
        if (start) stopToken = start[1];
        else if (stopToken && line === `::${stopToken}::`) stopToken = undefined;
        else if (!stopToken) expect(line).not.toMatch(/injected by the build|^::set-output name=passed::true|^::add-mask::/);
      }
      expect(stopToken).toBeUndefined();
      const outputs = [run.outputs['comment-body'], run.summary];
      for (const text of outputs) {
        expect(text).not.toMatch(/<img|@everyone|onerror=alert\(1\)>/);
        expect((text.match(/<\/details>/g) ?? []).length).toBe((text.match(/<details>/g) ?? []).length);
        // Every table row has exactly the cells its header promised: no pipe from the name or a path split a row.
        let headerCells = 0;
        for (const line of text.split('\n')) {
          if (!line.startsWith('| ')) {
            headerCells = 0;
            continue;
          }
          const cells = line.split('|').length;
          if (headerCells === 0) headerCells = cells;
          else expect(`${cells} cells: ${line}`).toBe(`${headerCells} cells: ${line}`);
        }
      }
      expect(run.outputs['comment-body']).toContain('**&#60;/details&#62;&#60;img src=x onerror=alert(1)&#62; &#64;everyone &#124; x**');
      expect(run.outputs.passed).toBe('false');
    } finally {
      context.cleanup();
      removeImages([imageId]);
    }
  });
});

describe('baseline: an image reference', () => {
  test('a local image is measured as the baseline; one that cannot be read from its registry is a warning, not a failure', async () => {
    const gate = { context: 'examples/go-scratch', smoke: 'false' };
    const baselineSize = expectedSizeBytes('image-size-gate/busybox:latest');
    const run = await runAction({ ...gate, baseline: 'image-size-gate/busybox:latest' });
    expect(run.exitCode).toBe(0);
    expect(Number(run.outputs['baseline-size'])).toBe(baselineSize);
    expect(Number(run.outputs['size-delta'])).toBe(Number(run.outputs.size) - baselineSize);
    expect(run.summary).toContain('### Against the baseline: `image-size-gate/busybox:latest`');

    const missing = await runAction({ ...gate, baseline: '127.0.0.1:1/no-such:1', 'max-increase': '5%' });
    expect(missing.exitCode).toBe(0);
    expect(missing.outputs['baseline-size']).toBe('');
    // Not in the engine: read from its registry (no pull), which nothing answers on 127.0.0.1:1.
    expect(missing.stdout).toContain('Baseline image 127.0.0.1:1/no-such:1 is not in the engine: reading it from its registry (no pull)');
    expect(missing.stdout).toMatch(
      /::warning::No baseline: baseline: could not read 127\.0\.0\.1:1\/no-such:1 from its registry: registry 127\.0\.0\.1:1, repository no-such: manifest "1": .*(refused|ECONNREFUSED)/,
    );
    expect(missing.summary).toMatch(
      /\| Growth against baseline \| — \| \+5% \| — \| ⏭️ skipped \| not measured: the baseline could not be measured/,
    );
  });
});
