// A hostile image against the smoke test, end to end: it cannot write to the runner's disk through a VOLUME,
// Docker's own reason is given when the container cannot start, a killed CLI's container does not outlive the
// next CLI start, and two runs sharing RUNNER_TEMP keep their own reports.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCleanEngine } from '../support/clean-engine.js';
import {
  BUSYBOX,
  buildImage,
  CLI_ENTRY,
  DIST_NODE,
  docker,
  errorLine,
  gateContainers,
  REPO_ROOT,
  runAction,
  runCli,
} from '../support/e2e.js';

const TAGS = {
  // Writes 600 MB into its VOLUME before it serves: on the host's disk, unless the gate covers the VOLUME.
  filler: 'image-size-gate-e2e/volume-filler:1',
  // The user exists, the group does not: Docker refuses to start it.
  missingGroup: 'image-size-gate-e2e/missing-group:1',
  silent: 'image-size-gate-e2e/contained-silent:1',
  httpd: 'image-size-gate-e2e/contained-httpd:1',
};
const MB = 1_000_000;

function buildTags(): void {
  const www = { 'www/index.html': 'ok\n' };
  buildImage(
    TAGS.filler,
    [
      `FROM ${BUSYBOX}`,
      'COPY www /www',
      'RUN mkdir -p /data && chown 65534:65534 /data',
      'VOLUME /data',
      'USER 65534',
      'EXPOSE 8080',
      'CMD ["sh", "-c", "dd if=/dev/zero of=/data/fill bs=1M count=600; echo dd exit $?; exec httpd -f -p 8080 -h /www"]',
      '',
    ].join('\n'),
    www,
  );
  buildImage(
    TAGS.missingGroup,
    `FROM ${BUSYBOX}\nCOPY www /www\nRUN echo 'svc:x:10001:10001::/:/bin/sh' >> /etc/passwd\nUSER svc:svc\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
    www,
  );
  buildImage(TAGS.silent, `FROM ${BUSYBOX}\nUSER 65534\nEXPOSE 8080\nCMD ["sleep", "600"]\n`);
  buildImage(TAGS.httpd, `FROM ${BUSYBOX}\nCOPY www /www\nUSER 65534\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`, www);
}

useCleanEngine({ images: Object.values(TAGS), setup: buildTags, volumes: true });

test("an image that writes 600 MB into its VOLUME does not fill the runner's disk", async () => {
  const root = docker(['info', '--format', '{{.DockerRootDir}}']);
  const freeBytes = () => {
    const stats = statfsSync(root);
    return stats.bavail * stats.bsize;
  };
  const freeBefore = freeBytes();
  let lowestFree = freeBefore;
  const hostMounts: string[] = [];
  const run = await runAction(
    { image: TAGS.filler, analyze: 'false', 'smoke-timeout': '60s' },
    {
      // Watched while it runs: the volume would be removed with the container, and the space given back.
      onSpawn: (child) => {
        const watch = setInterval(() => {
          lowestFree = Math.min(lowestFree, freeBytes());
          for (const id of gateContainers()) {
            try {
              const mounts = docker(['container', 'inspect', '--format', '{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}', id]);
              if (mounts !== '') hostMounts.push(mounts);
            } catch {
              // removed between the listing and the inspection
            }
          }
        }, 100);
        child.on('close', () => clearInterval(watch));
      },
    },
  );
  expect(hostMounts).toEqual([]);
  // Other work on the machine moves the figure a little; 600 MB on the disk would move it a lot.
  expect(freeBefore - lowestFree).toBeLessThan(300 * MB);
  // The writes stopped at the tmpfs (its size is within the memory limit); the server then answered.
  expect(run.outputs.passed).toBe('true');
  expect(run.stdout).toContain('Smoke test answered HTTP 200');
});

test("a container Docker refuses to start (USER svc:svc with no group svc) reports Docker's own line", async () => {
  const run = await runAction({ image: TAGS.missingGroup, analyze: 'false' });
  expect(run.exitCode).toBe(1);
  expect(run.summary).toContain('docker run failed: unable to find group svc');
  expect(run.summary).not.toContain("Run 'docker run --help'");
  expect(errorLine(run.stdout)).toContain('docker run failed: unable to find group svc');
});

test("a killed CLI's smoke container is removed by the next CLI start on this host", async () => {
  const killed = spawn(DIST_NODE, [CLI_ENTRY, '--quiet', '--analyze', 'false', '--smoke-timeout', '120s', '--image', TAGS.silent], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => killed.on('close', resolve));
  try {
    for (let attempt = 0; attempt < 600 && gateContainers().length === 0; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateContainers()).toHaveLength(1);
  } finally {
    killed.kill('SIGKILL'); // no handler runs: the container stays
    await exited;
  }
  expect(gateContainers()).toHaveLength(1);
  const owner = docker(['container', 'inspect', '--format', '{{index .Config.Labels "image-size-gate.owner"}}', gateContainers()[0]]);
  expect(owner).toMatch(new RegExp(`:${killed.pid}$`));

  const next = await runCli(['--quiet', '--analyze', 'false', '--image', TAGS.httpd]);
  expect(next.exitCode).toBe(0);
  expect(next.stderr).toContain(`image-size-gate: removed 1 container(s) left by killed earlier runs (pid ${killed.pid})`);
});

test('two action runs sharing one RUNNER_TEMP keep their own reports', async () => {
  const shared = mkdtempSync(path.join(tmpdir(), 'isg-shared-runner-temp-'));
  try {
    const inputs = { image: TAGS.httpd, analyze: 'false', smoke: 'false' };
    const env = { RUNNER_TEMP: shared, GITHUB_ACTION: 'gate' };
    const [first, second] = await Promise.all([
      runAction({ ...inputs, name: 'first' }, { env }),
      runAction({ ...inputs, name: 'second' }, { env }),
    ]);
    expect(first.outputs.report).not.toBe(second.outputs.report);
    expect(readdirSync(shared).sort()).toEqual([path.basename(first.outputs.report), path.basename(second.outputs.report)].sort());
    expect(JSON.parse(readFileSync(first.outputs.report, 'utf8')).name).toBe('first');
    expect(JSON.parse(readFileSync(second.outputs.report, 'utf8')).name).toBe('second');
    for (const run of [first, second]) rmSync(run.runnerTemp, { recursive: true, force: true });
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});
