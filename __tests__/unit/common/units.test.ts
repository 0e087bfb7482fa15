import { formatBytes, formatBytesDelta, formatDurationMs, parseDurationMs, parseSize, UnitParseError } from '../../../src/common/units.js';

describe('parseSize', () => {
  test.each([
    ['25MB', 25_000_000, 'MB'],
    ['25mb', 25_000_000, 'MB'],
    ['24MiB', 24 * 1024 * 1024, 'MiB'],
    ['1.5 GB', 1_500_000_000, 'GB'],
    ['512kB', 512_000, 'kB'],
    ['512KiB', 524_288, 'KiB'],
    ['4460581', 4_460_581, 'B'],
    ['0', 0, 'B'],
  ])('%s is %d bytes in %s', (text, bytes, unit) => {
    expect(parseSize(text)).toEqual({ bytes, unit });
  });

  test.each(['25 megs', '-5MB', 'MB', '', '1e6', '25 MB extra', '12,5MB'])('refuses %j', (text) => {
    expect(() => parseSize(text)).toThrow(UnitParseError);
  });

  test('says which part is wrong', () => {
    expect(() => parseSize('25 megs')).toThrow('"25 megs" has an unknown unit "megs"');
  });
});

describe('parseDurationMs', () => {
  test.each([
    ['1s', 1000],
    ['800ms', 800],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['30S', 30_000],
  ])('%s is %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  test.each(['1', '', 'fast', '-1s', '1h'])('refuses %j', (text) => expect(() => parseDurationMs(text)).toThrow(UnitParseError));
});

describe('formatBytes', () => {
  test.each([
    [0, 'si', '0 B'],
    [812, 'si', '812 B'],
    [4_460_581, 'si', '4.46 MB'],
    [152_998_091, 'si', '153 MB'],
    [25_000_000, 'si', '25.0 MB'],
    [25_165_824, 'binary', '24.0 MiB'],
    [1536, 'binary', '1.50 KiB'],
    [-3_000_000, 'si', '-3.00 MB'],
  ] as const)('%d in %s is %s', (bytes, system, text) => expect(formatBytes(bytes, system)).toBe(text));

  test('signed deltas', () => {
    expect(formatBytesDelta(3_000_000)).toBe('+3.00 MB');
    expect(formatBytesDelta(-120_000)).toBe('-120 kB');
    expect(formatBytesDelta(0)).toBe('±0 B');
  });
});

test('formatDurationMs', () => {
  expect(formatDurationMs(313)).toBe('313 ms');
  expect(formatDurationMs(1000)).toBe('1.00 s');
  expect(formatDurationMs(30_000)).toBe('30.0 s');
});
