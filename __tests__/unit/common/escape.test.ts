import { visibleControlChars } from '../../../src/common/escape.js';
import { HOSTILE } from '../../support/hostile-text.js';
import { runnerLines } from '../../support/runner.js';

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
