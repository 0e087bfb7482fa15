import { jest } from '@jest/globals';
import { GateLog } from '../../../src/common/log.js';
import { progressReporter } from '../../../src/gate/measure.js';

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
    // The archive's length is not known upfront: bytes read are never shown as a share of another quantity.
    progress.update({ step: 'reading', archiveBytesRead: 120_000_000 });
    jest.advanceTimersByTime(5000);
    expect(lines.at(-1)).toBe('  read 120 MB of the image archive so far');
    progress.update({ step: 'comparing', pass: 2, passCount: 2, layersDone: 3, layerCount: 12 });
    jest.advanceTimersByTime(5000);
    expect(lines.at(-1)).toBe("  comparing the layers' files, pass 2 of 2: 3 of 12 layers done");
    progress.stop();
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  } finally {
    jest.useRealTimers();
  }
});
