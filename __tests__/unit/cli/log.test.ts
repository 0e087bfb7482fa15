import { jest } from '@jest/globals';
import { terminalLog } from '../../../src/cli/log.js';
import { HOSTILE } from '../../support/hostile-text.js';

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
