import { jest } from '@jest/globals';
import { createActionLog } from '../../../src/action/log.js';
import { HOSTILE } from '../../support/hostile-text.js';
import { liveCommands, runnerLines } from '../../support/runner.js';

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
