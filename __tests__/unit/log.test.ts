import { jest } from '@jest/globals';
import { terminalLog } from '../../src/cli.js';
import { createActionLog } from '../../src/main.js';
import { visibleControlChars } from '../../src/report/escape.js';
import { liveCommands, runnerLines } from '../support/runner.js';

/**
 * Text an image, a build or a container controls, each trying to put a workflow command at the start of a line
 * the runner reads: after CR, LF, CRLF, the Unicode separators, NEL, or a terminal sequence.
 */
const HOSTILE = [
  'app\r::error title=x::injected by a bare CR',
  'app\n::error::injected by LF',
  'app\r\n::set-output name=passed::true',
  'app\u2028::error::injected by LS',
  'app\u2029::error::injected by PS',
  'app\u0085::error::injected by NEL',
  'app\u000b::error::injected by VT',
  'app\u000c::error::injected by FF',
  'app\u001b[2K\r::error::injected after erasing the line',
  'app\r\r\n\n\r::add-mask::x',
];

async function captureStdout(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    await work();
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}

describe('visibleControlChars', () => {
  test.each([
    ['plain text, € and emoji 🐳', 'plain text, € and emoji 🐳'],
    ['a\rb\nc\td', 'a\\rb\\nc\\td'],
    ['\u0000\u001b[31m\u007f', '\\x00\\x1b[31m\\x7f'],
    ['\u0085\u009b', '\\x85\\x9b'],
    ['\u2028\u2029', '\\u2028\\u2029'],
  ])('case %#', (text, shown) => {
    expect(visibleControlChars(text)).toBe(shown);
  });

  test('leaves no character at which a line could end', () => {
    for (const text of HOSTILE) expect(runnerLines(visibleControlChars(text))).toHaveLength(1);
  });
});

describe('the action log, replayed through the runner line splitting', () => {
  const actionLog = createActionLog();

  test('no hostile byte in a message, a warning or a group name starts a command', async () => {
    const output = await captureStdout(async () => {
      for (const text of HOSTILE) {
        actionLog.info(`User "${text}"`);
        actionLog.warning(`No baseline: ${text}`);
        await actionLog.group(`Build ${text}`, async () => undefined);
      }
    });
    const commands = liveCommands(output);
    expect(commands.length).toBe(HOSTILE.length * 3);
    for (const command of commands) expect(command).toMatch(/^::(warning|group|endgroup)::/);
    expect(output).not.toMatch(/\r/);
  });

  test('untrusted lines stay inside their stop-commands block, bare CRs included', async () => {
    const output = await captureStdout(async () => {
      const stream = actionLog.untrusted();
      for (const text of HOSTILE) stream.line(text);
      stream.line('::endgroup::');
      stream.end();
      // Too late: the block has ended, so this line must not be written at all.
      stream.line('::error::after the end');
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(liveCommands(output)).toEqual([]);
    expect(output).toContain('injected by a bare CR');
    expect(output).not.toContain('after the end');
    // A bare CR became a line break of its own inside the block, so what the runner shows is what was written.
    expect(output).not.toMatch(/\r/);
  });

  test('a cancelled run ends the blocks still open, so its failure line is a command again', async () => {
    const output = await captureStdout(async () => {
      const log = createActionLog();
      log.untrusted().line('::error::from the build');
      log.endUntrustedBlocks();
      process.stdout.write('::error::image-size-gate: cancelled (SIGINT)\n');
    });
    expect(liveCommands(output)).toEqual(['::error::image-size-gate: cancelled (SIGINT)']);
  });

  test('a stream gives its lines in order, in one block', async () => {
    const output = await captureStdout(async () => {
      const stream = actionLog.untrusted();
      for (let index = 0; index < 3000; index += 1) stream.line(`line ${index}`);
      stream.end();
    });
    const lines = runnerLines(output);
    expect(lines[0]).toMatch(/^::stop-commands::[0-9a-f]{32}$/);
    expect(lines.slice(1, 3001)).toEqual(Array.from({ length: 3000 }, (_, index) => `line ${index}`));
    expect(lines[3001]).toBe(`::${lines[0].slice('::stop-commands::'.length)}::`);
  });
});

describe('the CLI log', () => {
  test('writes no control character but the newlines it ends lines with', async () => {
    const chunks: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    try {
      const log = terminalLog(false);
      for (const text of HOSTILE) {
        log.info(text);
        log.warning(text);
        await log.group(text, async () => undefined);
        const stream = log.untrusted();
        stream.line(`\u001b[91m${text}\u001b[0m`);
        stream.end();
      }
    } finally {
      write.mockRestore();
    }
    const output = chunks.join('');
    expect(output.split('\n')).toHaveLength(HOSTILE.length * 4 + 1);
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    // Colour sequences from the build are dropped, not shown.
    expect(output).not.toContain('[91m');
  });
});
