import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Docker, DockerError } from '../../../src/docker/exec.js';
import { ByteTail, LineSplitter, LineTail } from '../../../src/exec/bounded-output.js';
import { isRunning } from '../../support/runner.js';
import { detectDeathSignalLauncher, lastErrorLine, ProcessStartError, runProcess, streamProcess } from '../../../src/exec/process.js';

function split(chunks: (string | Buffer)[], maxLineBytes?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), maxLineBytes);
  for (const chunk of chunks) splitter.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  test.each([
    [['a\nb\n'], ['a', 'b']],
    [['a\r\nb\r\n'], ['a', 'b']],
    [['no newline at the end'], ['no newline at the end']],
    [
      ['sp', 'lit\nacr', 'oss\r', '\nchunks'],
      ['split', 'across', 'chunks'],
    ],
    [['\n\n'], ['', '']],
    // A bare CR is no line end here: it stays in the line, for the log to neutralise.
    [['a\rb\n'], ['a\rb']],
  ])('%j -> %j', (chunks, lines) => {
    expect(split(chunks)).toEqual(lines);
  });

  test('a multi-byte character split across chunks is decoded whole', () => {
    const euro = Buffer.from('€\n');
    expect(split([euro.subarray(0, 1), euro.subarray(1)])).toEqual(['€']);
  });

  test('a line over the limit is cut, marked, and the next line is whole', () => {
    const lines = split(['x'.repeat(10), 'y'.repeat(10), '\nnext\n'], 8);
    expect(lines).toEqual(['xxxxxxxx [line cut: 12 B more not shown]', 'next']);
  });

  test('a long line inside one chunk is cut too', () => {
    expect(split([`${'z'.repeat(20)}\nshort\n`], 8)).toEqual(['zzzzzzzz [line cut: 12 B more not shown]', 'short']);
  });

  test('a 64 MB line without a newline is read in linear time and bounded memory', () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const started = performance.now();
    for (let index = 0; index < 1024; index += 1) splitter.write(chunk);
    splitter.end();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines).toHaveLength(1);
    expect(lines[0].length).toBeLessThan(64 * 1024 + 100);
    expect(lines[0].endsWith('x [line cut: 67.0 MB more not shown]')).toBe(true);
  });
});

describe('ByteTail', () => {
  test.each([
    [['abc'], 'abc'],
    [['abcdef', 'gh'], 'defgh'],
    [['ab', 'cd', 'ef', 'gh'], 'defgh'],
    [['abcdefghijk'], 'ghijk'],
    [['abcde'], 'abcde'],
  ])('%j keeps %s', (chunks, tail) => {
    const bytes = new ByteTail(5);
    for (const chunk of chunks) bytes.write(Buffer.from(chunk));
    expect(bytes.toBuffer().toString()).toBe(tail);
  });
});

describe('LineTail', () => {
  test('keeps the last lines in order and counts the others', () => {
    const tail = new LineTail(3);
    for (let index = 1; index <= 7; index += 1) tail.push(`line ${index}`);
    expect(tail.lines()).toEqual(['line 5', 'line 6', 'line 7']);
    expect(tail.droppedLines).toBe(4);
  });
});

describe('lastErrorLine', () => {
  test.each([
    [
      "docker: Error response from daemon: unable to find user svc: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n",
      'unable to find user svc: no matching entries in passwd file',
    ],
    ['Error response from daemon: No such image: nope:1\n', 'No such image: nope:1'],
    [
      'DEPRECATED: The legacy builder is deprecated\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n',
      '',
    ],
    [
      'fatal: not a git repository (or any of the parent directories): .git\n',
      'not a git repository (or any of the parent directories): .git',
    ],
    ['fatal: invalid reference: abc\nhint: use --force\r\n', 'invalid reference: abc'],
    ["See 'docker run --help'.\n", ''],
    [
      "fatal: 'origin' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n",
      'Could not read from remote repository.',
    ],
    ['a\rb', 'b'],
    ['', ''],
  ])('%j -> %j', (stderr, line) => {
    expect(lastErrorLine(stderr)).toBe(line);
  });

  test('a very long line is cut', () => {
    expect(lastErrorLine(`Error: ${'x'.repeat(5000)}`)).toHaveLength(2001);
  });
});

describe('runProcess', () => {
  test('keeps the beginning of stdout up to the cap and says it was cut', async () => {
    const result = await runProcess('sh', ['-c', 'head -c 100000 /dev/zero'], { maxStdoutBytes: 1000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toHaveLength(1000);
    expect(result.stdoutCut).toBe(true);
  });

  test('keeps the end of stderr', async () => {
    const result = await runProcess('sh', ['-c', 'yes x | head -c 100000 >&2; echo the reason >&2; exit 3'], { maxStderrBytes: 100 });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toHaveLength(100);
    expect(lastErrorLine(result.stderr)).toBe('the reason');
  });

  test('with onLine, gives each line and keeps no stdout', async () => {
    const lines: string[] = [];
    const result = await runProcess('sh', ['-c', 'printf "one\\ntwo"; echo three >&2'], {
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    });
    expect(lines.sort()).toEqual(['stderr:three', 'stdout:one', 'stdout:two']);
    expect(result.stdout).toHaveLength(0);
  });

  test('passes stdin, the working directory and extra environment, never the secrets', async () => {
    const saved = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = 'secret-value';
    try {
      const result = await runProcess('sh', ['-c', 'cat; pwd; echo "$EXTRA/${GITHUB_TOKEN:-none}"'], {
        stdin: 'in\n',
        cwd: '/',
        env: { EXTRA: 'x' },
      });
      expect(result.stdout.toString()).toBe('in\n/\nx/none\n');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved;
    }
  });

  test('kills a call at its time-out and says so', async () => {
    const started = performance.now();
    const result = await runProcess('sleep', ['10'], { timeoutMs: 100 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('a command that is not installed is a ProcessStartError with ENOENT, with or without the launcher', async () => {
    const launcher = detectDeathSignalLauncher();
    for (const options of [{}, { launcher }]) {
      const error = await runProcess('image-size-gate-no-such-command', [], options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProcessStartError);
      expect((error as ProcessStartError).code).toBe('ENOENT');
    }
  });

  test('holds a running child in `live` and lets it go when it ends', async () => {
    const live = new Set<import('node:child_process').ChildProcess>();
    const running = runProcess('sleep', ['0.2'], { live });
    expect(live.size).toBe(1);
    await running;
    expect(live.size).toBe(0);
  });

  test('streamProcess streams stdout and settles with the end of stderr', async () => {
    const { stdout, finished } = streamProcess('sh', ['-c', 'head -c 300000 /dev/zero; echo done >&2']);
    let bytes = 0;
    for await (const chunk of stdout) bytes += (chunk as Buffer).length;
    const result = await finished;
    expect(bytes).toBe(300000);
    expect(result.stderr).toBe('done\n');
  });
});

describe('the launcher', () => {
  const launcher = detectDeathSignalLauncher();
  (launcher ? test : test.skip)('kills the child when its parent is killed outright', async () => {
    // A parent Node process starts `sleep` through the launcher, prints its pid, and is then SIGKILLed.
    const script = `const { spawn } = await import('node:child_process');
      const child = spawn(${JSON.stringify(launcher?.[0])}, ${JSON.stringify([...(launcher ?? []).slice(1), 'sleep', '30'])}, { stdio: 'ignore' });
      console.log(child.pid); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (data: Buffer) => resolve(Number(data.toString()))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isRunning(pid)).toBe(true);
    parent.kill('SIGKILL');
    let alive = true;
    for (let attempt = 0; attempt < 50 && alive; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      alive = isRunning(pid);
    }
    if (alive) process.kill(pid, 'SIGKILL');
    expect(alive).toBe(false);
  });
});

describe('Docker', () => {
  let directory: string;
  let fakeDocker: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'isg-process-test-'));
    fakeDocker = path.join(directory, 'docker');
    // A stand-in client: `ok` prints, `fail` fails the way docker does, `big` prints more than the cap.
    writeFileSync(
      fakeDocker,
      [
        '#!/bin/sh',
        'case "$1" in',
        '  ok) echo "  out  " ;;',
        '  fail) echo "docker: Error response from daemon: it broke" >&2; echo >&2; echo "Run \'docker run --help\' for more information" >&2; exit 125 ;;',
        '  big) head -c 5000 /dev/zero ;;',
        'esac',
      ].join('\n'),
    );
    chmodSync(fakeDocker, 0o755);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('text() trims the output', async () => {
    expect(await new Docker(fakeDocker).text(['ok'])).toBe('out');
  });

  test('a failure is a DockerError with docker own reason; allowFailure returns it instead', async () => {
    const docker = new Docker(fakeDocker);
    const error = await docker.run(['fail']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).message).toBe('it broke');
    expect((error as DockerError).exitCode).toBe(125);
    expect((await docker.run(['fail'], { allowFailure: true })).exitCode).toBe(125);
  });

  test('output over the cap fails the call, or is returned cut with allowFailure', async () => {
    const docker = new Docker(fakeDocker);
    await expect(docker.text(['big'], { maxStdoutBytes: 1024 })).rejects.toThrow(
      'docker big printed more than the 1.00 KiB of output the gate reads',
    );
    const result = await docker.run(['big'], { maxStdoutBytes: 1024, allowFailure: true });
    expect(result.stdoutCut).toBe(true);
    expect(result.stdout).toHaveLength(1024);
  });

  test('a client that is not installed is named', async () => {
    await expect(new Docker(path.join(directory, 'no-docker')).run(['version'])).rejects.toThrow(
      `the docker client "${path.join(directory, 'no-docker')}" is not installed or not on PATH`,
    );
  });
});
