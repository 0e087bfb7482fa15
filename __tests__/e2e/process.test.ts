// The process layer against the real engine: children die with a gate killed outright, a hostile build log is
// read in bounded time and memory, and no byte from the image reaches the log as a workflow command.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isRunning, liveCommands } from '../support/runner.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, CLI_ENTRY, DIST_NODE, docker, makeContext, removeImages, REPO_ROOT, runAction } from '../support/e2e.js';

useCleanEngine();

/** The command lines of a process's living children, by pid. */
function childrenOf(pid: number): Map<number, string> {
  const children = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parent) === pid && state !== 'Z')
        children.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a CLI killed outright (SIGKILL) mid docker save leaves no docker save running', async () => {
  const gate = spawn(DIST_NODE, [CLI_ENTRY, '--quiet', '--smoke', 'false', '--image', 'debian:bookworm-slim'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => gate.on('close', resolve));
  let savePid: number | undefined;
  for (let attempt = 0; attempt < 600 && savePid === undefined; attempt += 1) {
    await sleep(50);
    savePid = [...childrenOf(gate.pid ?? -1)].find(([, command]) => / save /.test(` ${command} `))?.[0];
  }
  expect(savePid).toBeDefined();
  gate.kill('SIGKILL');
  await exited;
  let running = true;
  for (let attempt = 0; attempt < 50 && running; attempt += 1) {
    await sleep(100);
    running = isRunning(savePid ?? -1);
  }
  if (running) process.kill(savePid ?? -1, 'SIGKILL');
  expect(running).toBe(false);
});

test('a build that prints one 40 MB line without a newline: the line is cut, the run takes seconds', async () => {
  const context = makeContext({ Dockerfile: `FROM ${BUSYBOX}\nRUN echo ${Date.now()} && head -c 40000000 /dev/zero | tr '\\0' x\n` });
  let imageId = '';
  try {
    const started = Date.now();
    const run = await runAction({ context: context.dir, smoke: 'false', analyze: 'false', 'require-non-root': 'false' });
    imageId = run.outputs['image-id'];
    expect(run.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    // BuildKit clips a step's output at 200 KiB/s itself, so less of the line reaches the gate there.
    expect(run.stdout).toMatch(/\[line cut: [\d.]+ [kM]B more not shown\]/);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(70 * 1024);
  } finally {
    context.cleanup();
    removeImages([imageId]);
  }
});

test('a USER with a bare CR and a workflow command issues no command', async () => {
  const context = makeContext({ Dockerfile: `FROM ${BUSYBOX}\nARG U\nUSER $U\n` });
  let imageId = '';
  try {
    const run = await runAction({ context: context.dir, smoke: 'false', 'build-args': 'U=app\r::error title=x::injected by USER' });
    imageId = run.outputs['image-id'];
    expect(docker(['image', 'inspect', '--format', '{{json .Config.User}}', imageId])).toBe('"app\\r::error title=x::injected by USER"');
    // Only the gate's own commands: groups, its annotations and its one failure line.
    for (const command of liveCommands(run.stdout))
      expect(command).toMatch(/^::(group|endgroup|warning|notice|error)(::| file=| title=image-size-gate)/);
    expect(liveCommands(run.stdout).filter((command) => command.startsWith('::error title=x'))).toEqual([]);
    expect(run.stdout).toContain('app\\r::error title=x::injected by USER');
  } finally {
    context.cleanup();
    removeImages([imageId]);
  }
});
