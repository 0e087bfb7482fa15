// One wording per hint in every medium, and one cut for a layer's created_by.
import { Hint } from '../../../src/analysis/hint.js';
import { CREATED_BY_MAX_CHARS, clipCreatedBy } from '../../../src/common/created-by.js';
import { describeHint, hintAnnotation, hintMarkdownItem, hintTerminalLines } from '../../../src/report/hint.js';

const strip: Hint = {
  kind: 'unstripped-binary',
  severity: 'warning',
  title: 'Binary with symbols or debug information',
  message: '/app carries 2.50 MB of symbol tables; strip it (`strip --strip-all`).',
  savingBytes: 2_500_000,
  layerIndex: 2,
  line: 4,
};
const surface: Hint = {
  kind: 'attack-surface',
  severity: 'info',
  title: 'Attack surface in the final image',
  message: 'A shell @admin <b>.',
};

describe('describeHint', () => {
  test('the facts say the Dockerfile line and the saving, in one order and one wording', () => {
    expect(describeHint(strip)).toEqual({
      mark: '⚠️',
      title: strip.title,
      facts: 'Dockerfile line 4, saves about 2.50 MB',
      message: strip.message,
    });
    expect(describeHint({ ...strip, line: undefined }).facts).toBe('saves about 2.50 MB');
    expect(describeHint(surface)).toMatchObject({ mark: 'ℹ️', facts: '' });
  });

  test('every medium carries the same words', () => {
    const facts = '(Dockerfile line 4, saves about 2.50 MB)';
    expect(hintMarkdownItem(strip)).toBe(
      `- ⚠️ **Binary with symbols or debug information** ${facts}: /app carries 2.50 MB of symbol tables; strip it (&#96;strip --strip-all&#96;).`,
    );
    expect(hintTerminalLines(strip, (text) => text)).toEqual([
      `  - Binary with symbols or debug information ${facts}`,
      `    ${strip.message}`,
    ]);
    expect(hintAnnotation(strip)).toEqual({
      title: 'image-size-gate: Binary with symbols or debug information',
      message: `${strip.message} ${facts}`,
    });
  });

  test('a hint without facts has no empty parentheses; markdown escapes what came from the image', () => {
    expect(hintMarkdownItem(surface)).toBe('- ℹ️ **Attack surface in the final image**: A shell &#64;admin &#60;b&#62;.');
    expect(hintAnnotation(surface).message).toBe('A shell @admin <b>.');
    expect(hintTerminalLines(surface, (text) => text)[0]).toBe('  - Attack surface in the final image');
  });
});

describe('clipCreatedBy', () => {
  test('cuts at one length, with an ellipsis only when it cut', () => {
    const exact = 'x'.repeat(CREATED_BY_MAX_CHARS);
    expect(clipCreatedBy(exact)).toBe(exact);
    expect(clipCreatedBy(`${exact}y`)).toBe(`${exact}…`);
    expect(clipCreatedBy('RUN make')).toBe('RUN make');
  });

  test('never splits a character made of two UTF-16 units', () => {
    // An odd start puts the 80th UTF-16 unit in the middle of a whale.
    const clipped = clipCreatedBy(`a${'🐳'.repeat(CREATED_BY_MAX_CHARS)}`);
    expect(clipped).toBe(`a${'🐳'.repeat(CREATED_BY_MAX_CHARS - 1)}…`);
    // No lone surrogate: a string that survives UTF-8 unchanged.
    expect(Buffer.from(clipped, 'utf8').toString('utf8')).toBe(clipped);
  });
});
