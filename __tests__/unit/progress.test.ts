import { jest } from '@jest/globals';
import { GateLog } from '../../src/gate.js';
import { progressReporter } from '../../src/measure.js';

test('progress is logged every few seconds, the wait for the first byte included, and stops when told', () => {
  jest.useFakeTimers();
  try {
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line) } as unknown as GateLog;
    const progress = progressReporter(log, 300_000_000, 5000);
    jest.advanceTimersByTime(4999);
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lines).toEqual(['  waiting for docker save: the engine prepares the whole image (about 300 MB) before it sends the first byte']);
    progress.update(120_000_000);
    jest.advanceTimersByTime(5000);
    expect(lines.at(-1)).toBe('  analysed 120 MB of about 300 MB');
    progress.stop();
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
  } finally {
    jest.useRealTimers();
  }
});
