import {
  displayName,
  DISPLAY_NAME_CHARS,
  escapeCodeBlock,
  escapeMarkdownInline,
  visible,
  visibleControlChars,
  withoutInvisible,
} from '../../../src/common/escape.js';
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

/** Bidi controls, zero-width characters and other format characters (Unicode Cf), as a name or a path may hold them. */
const INVISIBLE = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u{e0041}',
];

describe('invisible characters are shown by their code wherever text is shown', () => {
  test.each([
    ['api\u200b', 'api\\u200b'],
    ['a\u202eevil', 'a\\u202eevil'],
    ['tag\u{e0041}', 'tag\\u{e0041}'],
  ])('visibleControlChars(%j)', (text, shown) => {
    expect(visibleControlChars(text)).toBe(shown);
  });

  test('no escaper lets one through raw', () => {
    for (const char of INVISIBLE) {
      const text = `x${char}y`;
      for (const shown of [visibleControlChars(text), visible(text), escapeMarkdownInline(text), escapeCodeBlock([text])]) {
        expect(shown).not.toContain(char);
        expect(shown).toMatch(/^(```text\n)?x(\\|&#92;)[xu]/);
      }
    }
  });

  test('withoutInvisible: what a reader sees of a name', () => {
    expect(withoutInvisible('api\u200b')).toBe('api');
    expect(withoutInvisible('a\u202ebc\u2066')).toBe('abc');
    expect(withoutInvisible('Café 🐳')).toBe('Café 🐳');
  });
});

describe('displayName', () => {
  test('a name of at most DISPLAY_NAME_CHARS characters is shown whole; a longer one is cut with an ellipsis', () => {
    expect(displayName('api')).toBe('api');
    const long = 'n'.repeat(70_000);
    expect(displayName(long)).toBe(`${'n'.repeat(DISPLAY_NAME_CHARS - 1)}…`);
    expect([...displayName('🐳'.repeat(200))]).toHaveLength(DISPLAY_NAME_CHARS);
  });
});
