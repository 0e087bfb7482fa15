import { ConfigError } from '../../../src/config/error.js';
import { editDistance, nearestKey } from '../../../src/config/keys.js';
import { configRoot, MAX_CONFIG_IMAGES, parseConfig } from '../../../src/config/load.js';
import { imageSettings, optionsForImage, stepInput } from '../../../src/config/options.js';
import { InputError } from '../../../src/inputs/parsers.js';

const FILE = '.github/image-size-gate.yml';

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function configError(text: string, file = FILE): ConfigError {
  const error = caught(() => parseConfig(text, file));
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** A file of one image, named a, whose entry holds these lines (each indented under it). */
const entry = (...lines: string[]) => `images:\n  - name: a\n${lines.map((line) => `    ${line}\n`).join('')}`;

/** A file with this line at its top level, and one image named a. */
const atTop = (line: string) => `${line}\nimages:\n  - name: a\n`;

/** A file whose defaults hold this line, and one image named a. */
const inDefaults = (line: string) => `defaults:\n  ${line}\nimages:\n  - name: a\n`;

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

const FULL = `# a monorepo
comment: changed
report-file: out/report.json
defaults:
  max-layers: 12
  require-non-root: true
  smoke-timeout: 10s
  platforms: [linux/amd64, linux/arm64]
images:
  - name: api
    context: services/api
    max-size: 25MB
    build-args:
      GO_VERSION: 1.20
      EMPTY:
      DEBUG: false
    smoke-port: 8080
    min-efficiency: 0.95
  - name: worker
    dockerfile: services/worker/Dockerfile.prod
    build-args: [A=1, B=two words]
    max-size: 5000000
    smoke: false
    smoke-env: |
      MODE=test
      LEVEL=2
  - name: frontend
    image: ghcr.io/acme/frontend:ci
    max-size:
`;

describe('parseConfig', () => {
  test('reads the step-wide keys, the defaults and every image as action-input text', () => {
    const config = parseConfig(FULL, FILE);
    expect(config.step).toEqual({ comment: 'changed', 'report-file': 'out/report.json' });
    expect(config.defaults).toEqual({
      'max-layers': '12',
      'require-non-root': 'true',
      'smoke-timeout': '10s',
      platforms: 'linux/amd64\nlinux/arm64',
    });
    expect(config.images.map((image) => [image.name, image.index, image.line])).toEqual([
      ['api', 0, 10],
      ['worker', 1, 19],
      ['frontend', 2, 27],
    ]);
    expect(config.images[0].values).toEqual({
      name: 'api',
      context: 'services/api',
      'max-size': '25MB',
      // As written: 1.20 stays 1.20, not the number 1.2.
      'build-args': 'GO_VERSION=1.20\nEMPTY=\nDEBUG=false',
      'smoke-port': '8080',
      'min-efficiency': '0.95',
    });
    expect(config.images[1].values['build-args']).toBe('A=1\nB=two words');
    expect(config.images[1].values['smoke-env']).toBe('MODE=test\nLEVEL=2\n');
    expect(config.images[1].values.smoke).toBe('false');
    expect(config.images[2].values['max-size']).toBe('');
    expect(config.images[0].positions['max-size']).toEqual({ line: 12, column: 5 });
    expect(config.positions.defaults['max-layers']).toEqual({ line: 5, column: 3 });
  });

  test('aliases are followed to their anchors', () => {
    const config = parseConfig(
      'images:\n  - name: a\n    platforms: &both [linux/amd64, linux/arm64]\n  - name: b\n    platforms: *both\n',
      FILE,
    );
    expect(config.images[1].values.platforms).toBe('linux/amd64\nlinux/arm64');
  });

  test.each([
    // [what, file text, line, column, key, words of the message]
    ['bad YAML', entry('max-size: [1'), 4, 1, '', 'is not valid YAML'],
    ['a repeated key', entry('name: b'), 3, 5, '', 'a key may appear once'],
    ['tabs', 'images:\n\t- name: a\n', 2, 1, '', 'is not valid YAML'],
    ['two documents', 'images: []\n---\nimages: []\n', 2, 1, '', 'one YAML document'],
    ['a list at the top', '- name: a\n', 1, 1, '', 'expected a mapping with an images: list at the top, got a list'],
    ['an empty file', '', 1, 1, '', 'got nothing'],
    ['no images', 'defaults:\n  max-layers: 3\n', 1, 1, '', 'has no images: list'],
    ['images empty', 'images: []\n', 1, 9, 'images', 'expected a list of at least one image, got an empty list'],
    ['images missing its list', 'images:\n', 1, 1, 'images', 'got nothing'],
    ['images as text', 'images: api\n', 1, 9, 'images', 'got the text "api"'],
    ['an entry that is text', 'images:\n  - api\n', 2, 5, 'images[0]', 'expected a mapping of inputs to values, got the text "api"'],
    ['an unknown top-level key', 'imgaes:\n  - name: a\n', 1, 1, 'imgaes', 'unknown key; did you mean images?'],
    ['an unknown key', entry('max-sise: 25MB'), 3, 5, 'images[0].max-sise', 'unknown key; did you mean max-size?'],
    ['camel case', entry('maxSize: 25MB'), 3, 5, 'images[0].maxSize', 'did you mean max-size?'],
    ['a short form', entry('args: [A=1]'), 3, 5, 'images[0].args', 'did you mean build-args?'],
    ['far from every key', entry('colour: red'), 3, 5, 'images[0].colour', 'the keys here are: context, dockerfile'],
    ['unknown in defaults', inDefaults('smoke-timout: 5s'), 2, 3, 'defaults.smoke-timout', 'did you mean smoke-timeout?'],
    ['a budget at the top level', atTop('max-size: 25MB'), 1, 1, 'max-size', 'set it under defaults:'],
    ['a step key in an entry', entry('comment: never'), 3, 5, 'images[0].comment', "the workflow's with:"],
    ['a step key in defaults', inDefaults('report-file: r.json'), 2, 3, 'defaults.report-file', 'applies to the whole step'],
    ['a name in defaults', inDefaults('name: x'), 2, 3, 'defaults.name', 'names one image'],
    ['the token at the top', atTop('github-token: abc'), 1, 1, 'github-token', 'is never read from a file'],
    ['the token in defaults', inDefaults('github-token: abc'), 2, 3, 'defaults.github-token', 'never read'],
    ['the token in an entry', entry('github-token: abc'), 3, 5, 'images[0].github-token', 'never read'],
    [
      'a whole number as a list',
      entry('max-layers: [1]'),
      3,
      17,
      'images[0].max-layers',
      'expected a whole number, got a list; e.g. max-layers: 10',
    ],
    ['yes for a boolean', entry('analyze: yes'), 3, 14, 'images[0].analyze', 'expected true or false, got the text "yes"'],
    ['a duration without unit', entry('max-startup-time: 1'), 3, 23, 'images[0].max-startup-time', 'with its unit'],
    ['a number for text', entry('target: 1.10'), 3, 13, 'images[0].target', "quote it: target: '1.10'"],
    ['a name as a number', 'images:\n  - name: 2024\n', 2, 11, 'images[0].name', "quote it: name: '2024'"],
    ['a choice', entry('smoke: maybe'), 3, 12, 'images[0].smoke', 'expected one of auto, true, false'],
    ['a list item', entry('platforms: [linux/amd64, 7]'), 3, 30, 'images[0].platforms[1]', 'expected text, got the number 7'],
    ['a mapping for a list', entry('platforms: { a: b }'), 3, 16, 'images[0].platforms', 'got a mapping'],
    ['a bad variable name', entry('build-args:', '  1X: y'), 4, 7, 'images[0].build-args.1X', 'is not a variable name'],
    ['a nested value', entry('smoke-env:', '  A: [1]'), 4, 10, 'images[0].smoke-env.A', 'expected a value as text'],
    ['a value over two lines', entry('smoke-env:', '  A: "x\\ny"'), 4, 10, 'images[0].smoke-env.A', 'cannot span lines'],
    [
      'no name',
      'images:\n  - context: services/api\n',
      2,
      5,
      'images[0].name',
      'needs a name (the comment and the report list images by name); add name: api',
    ],
    ['an empty name', 'images:\n  - name: ""\n    image: acme/web:1\n', 2, 5, 'images[0].name', 'add name: web'],
    ['a name with a line break', 'images:\n  - name: "a\\nb"\n', 2, 5, 'images[0].name', 'control character or line break'],
    [
      'a duplicate name',
      'images:\n  - name: api\n  - name: web\n  - name: api\n',
      4,
      5,
      'images[2].name',
      '"api" is already the name of the image on line 2',
    ],
    [
      'a name that differs from another only by a zero-width space',
      'images:\n  - name: api\n  - name: "api\\u200b"\n',
      3,
      5,
      'images[1].name',
      'is already the name of the image on line 2 (the two differ only by invisible characters)',
    ],
    [
      'a name that differs from another only by bidi controls',
      'images:\n  - name: "\\u202eipa\\u202c"\n  - name: ipa\n',
      3,
      5,
      'images[1].name',
      '"ipa" is already the name of the image on line 2 (the two differ only by invisible characters)',
    ],
    [
      'an image and a context',
      entry('image: app:ci', 'context: services/a'),
      4,
      5,
      'images[0].context',
      'cannot be combined with image (line 3) in one entry',
    ],
    ['an image and build-args', entry('build-args: [A=1]', 'image: app:ci'), 3, 5, 'images[0].build-args', 'remove image: to build'],
  ])('%s: an error at the line, the key, and the fix', (_what, text, line, column, key, words) => {
    const error = configError(text);
    expect(error.file).toBe(FILE);
    expect(error.key).toBe(key);
    expect(error.message).toContain(words);
    expect(error.message.startsWith(`${FILE}:${line}:${column}: ${key ? `${key}: ` : ''}`)).toBe(true);
  });

  test(`more than ${MAX_CONFIG_IMAGES} images: refused at images:, pointing to the matrix mode`, () => {
    const entries = (count: number) => `images:\n${Array.from({ length: count }, (_, index) => `  - name: i${index}\n`).join('')}`;
    expect(parseConfig(entries(MAX_CONFIG_IMAGES), FILE).images).toHaveLength(MAX_CONFIG_IMAGES);
    const error = configError(entries(MAX_CONFIG_IMAGES + 1));
    expect(error.message).toBe(
      `${FILE}:1:1: images: lists ${MAX_CONFIG_IMAGES + 1} images; one config file gates at most ${MAX_CONFIG_IMAGES} (one after another, in one comment); ` +
        'split them across jobs with the matrix mode (the plan and report sub-actions, docs/matrix.md)',
    );
  });

  test('changed-only is a step-wide key; config is never read from the file', () => {
    expect(parseConfig('changed-only: true\nimages:\n  - name: a\n', FILE).step).toEqual({ 'changed-only': 'true' });
    expect(configError('images:\n  - name: a\n    changed-only: true\n').message).toContain('applies to the whole step');
    expect(configError('config: other.yml\nimages:\n  - name: a\n').message).toBe(
      ".github/image-size-gate.yml:1:1: config: cannot be set in the config file; set it in the workflow's with: or as a command-line flag",
    );
  });

  test('a hostile key is shown with its control characters escaped', () => {
    const error = configError('images:\n  - name: a\n    "x\\u001b]0;::error::y": 1\n');
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message).toContain('\\x1b');
  });
});

describe('paths in the file start at the repository root', () => {
  test.each([
    ['.github/image-size-gate.yml', '.'],
    ['/srv/checkout/app/.github/image-size-gate.yml', '/srv/checkout/app'],
    ['examples/monorepo/.github/image-size-gate.yml', 'examples/monorepo'],
    ['ci/gate.yml', 'ci'],
    ['gate.yml', '.'],
  ])('%s: the root is %s', (file, root) => {
    expect(configRoot(file)).toBe(root);
  });

  test('relative context and dockerfile are joined to the root; absolute ones and other paths are kept', () => {
    const text = `report-file: out/r.json
defaults:
  context: .
images:
  - name: api
    context: services/api
    dockerfile: services/api/Dockerfile.prod
  - name: worker
    dockerfile: /abs/Dockerfile
`;
    const config = parseConfig(text, 'examples/monorepo/.github/image-size-gate.yml');
    expect(config.defaults.context).toBe('examples/monorepo');
    expect(config.images[0].values).toMatchObject({
      context: 'examples/monorepo/services/api',
      dockerfile: 'examples/monorepo/services/api/Dockerfile.prod',
    });
    expect(config.images[1].values.dockerfile).toBe('/abs/Dockerfile');
    expect(config.step['report-file']).toBe('out/r.json');
    expect(parseConfig(text, FILE).images[0].values.context).toBe('services/api');
  });
});

describe('optionsForImage', () => {
  const config = parseConfig(FULL, FILE);
  const [api, worker, frontend] = config.images;

  test('the entry wins over defaults, defaults over the top level, the top level over action inputs, those over the table', () => {
    const action = inputs({ 'max-layers': '3', comment: 'always', 'smoke-timeout': '60s', 'max-startup-time': '2s', 'max-size': '1GB' });
    const options = optionsForImage(config, api, action);
    expect(options.budgets.maxSize).toEqual({ bytes: 25_000_000, unit: 'MB' }); // entry
    expect(options.budgets.maxLayers).toBe(12); // defaults over the action input
    expect(options.smoke.timeoutMs).toBe(10_000); // defaults
    expect(options.comment).toBe('changed'); // the file's top level over the action input
    expect(options.budgets.maxStartupMs).toBe(2000); // the action input, the file has none
    expect(options.smoke.path).toBe('/'); // the table's default
    expect(options.buildArgs).toEqual(['GO_VERSION=1.20', 'EMPTY=', 'DEBUG=false']);
    expect(options.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(options.name).toBe('api');
    expect(options.context).toBe('services/api');
  });

  test('an empty value in the file stands for the table default, whatever the action input says', () => {
    expect(optionsForImage(config, frontend, inputs({ 'max-size': '1GB' })).budgets.maxSize).toBeUndefined();
  });

  test('name, image and tag come from the entry alone', () => {
    const options = optionsForImage(config, worker, inputs({ name: 'one', tag: 'app:ci', image: 'other:1' }));
    expect(options.name).toBe('worker');
    expect(options.tag).toBeUndefined();
    expect(options.image).toBeUndefined();
    expect(options.context).toBe('.');
    expect(options.dockerfile).toBe('services/worker/Dockerfile.prod');
  });

  test('an entry with a built image takes no build keys from defaults or inputs', () => {
    const options = optionsForImage(config, frontend, inputs({ context: 'web', target: 'final', 'build-args': 'A=1' }));
    expect(options.image).toBe('ghcr.io/acme/frontend:ci');
    expect(options).toMatchObject({ context: '.', target: undefined, buildArgs: [], platforms: [] });
  });

  test('a bad value from the file is refused at its line and key', () => {
    const bad = parseConfig('defaults:\n  max-size: 25 megs\nimages:\n  - name: a\n  - name: b\n    max-size: 1MB\n', FILE);
    const error = caught(() => optionsForImage(bad, bad.images[0], inputs({})));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^\.github\/image-size-gate\.yml:2:3: defaults\.max-size: .*25 megs.*; expected e\.g\. 25MB/);
    expect(optionsForImage(bad, bad.images[1], inputs({})).budgets.maxSize?.bytes).toBe(1_000_000);
    const entry = parseConfig('images:\n  - name: a\n    smoke-port: 70000\n', FILE);
    expect(caught(() => optionsForImage(entry, entry.images[0], inputs({}))).message).toMatch(/:3:5: images\[0\]\.smoke-port: /);
    const top = parseConfig('allow-increase-label: ok\nimages:\n  - name: a\n    smoke-path: healthz\n', FILE);
    expect(caught(() => optionsForImage(top, top.images[0], inputs({}))).message).toMatch(/:4:5: images\[0\]\.smoke-path: /);
  });

  test('a bad action input stays an InputError, naming the image', () => {
    const error = caught(() => optionsForImage(config, worker, inputs({ 'max-startup-time': 'soon' })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('input max-startup-time: ');
    expect(error.message).toContain('for the image worker of .github/image-size-gate.yml');
  });

  test('step-wide inputs: the top level of the file, else the action input', () => {
    const read = stepInput(config, inputs({ comment: 'always', 'allow-increase-label': 'big-ok' }));
    expect(read('comment')).toBe('changed');
    expect(read('allow-increase-label')).toBe('big-ok');
    expect(read('report-file')).toBe('out/report.json');
  });

  test("an image's settings change when its entry or the defaults change, not when another entry does", () => {
    const before = parseConfig(FULL, FILE);
    const otherEntry = parseConfig(FULL.replace('max-size: 5000000', 'max-size: 6000000'), FILE);
    const defaults = parseConfig(FULL.replace('max-layers: 12', 'max-layers: 13'), FILE);
    expect(imageSettings(otherEntry, otherEntry.images[0])).toEqual(imageSettings(before, before.images[0]));
    expect(imageSettings(otherEntry, otherEntry.images[1])).not.toEqual(imageSettings(before, before.images[1]));
    expect(imageSettings(defaults, defaults.images[0])).not.toEqual(imageSettings(before, before.images[0]));
    // The built image takes no build keys from defaults: a change to them leaves it as it was.
    const platforms = parseConfig(FULL.replace('platforms: [linux/amd64, linux/arm64]', 'platforms: [linux/amd64]'), FILE);
    expect(imageSettings(platforms, platforms.images[2])).toEqual(imageSettings(before, before.images[2]));
  });
});

describe('nearestKey', () => {
  test.each([
    ['max-sise', 'max-size'],
    ['max_size', 'max-size'],
    ['MaxLayers', 'max-layers'],
    ['timeout', 'smoke-timeout'],
    ['dockerfil', 'dockerfile'],
    ['img', 'image'],
    ['colour', undefined],
  ])('%s -> %s', (key, near) => {
    expect(nearestKey(key, ['max-size', 'max-layers', 'smoke-timeout', 'dockerfile', 'image', 'context'])).toBe(near);
  });

  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
