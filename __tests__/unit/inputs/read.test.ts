import { getInputs } from '../../../src/inputs/read.js';
import { InputError, parseSmokePath } from '../../../src/inputs/parsers.js';
import { INPUTS } from '../../../src/inputs/table.js';

function reader(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('getInputs', () => {
  test('applies the action.yml defaults when inputs are empty (as outside a runner)', () => {
    const options = getInputs(reader({}));
    expect(options.context).toBe('.');
    expect(options.budgets).toEqual({ maxSize: undefined, maxLayers: undefined, requireNonRoot: true, maxStartupMs: undefined });
    expect(options.smoke).toEqual({
      mode: 'auto',
      port: undefined,
      path: '/',
      expectStatus: 200,
      expectBody: undefined,
      timeoutMs: 30_000,
      env: [],
    });
    expect(options.baseline).toEqual({ kind: 'auto' });
    expect(options.comment).toBe('always');
    expect(options.analyze).toBe(true);
  });

  test('parses every budget', () => {
    const options = getInputs(
      reader({
        'max-size': '25MB',
        'max-layers': '4',
        'require-non-root': 'false',
        'max-startup-time': '800ms',
        'smoke-port': '8080/tcp',
        'smoke-timeout': '5s',
      }),
    );
    expect(options.budgets).toEqual({ maxSize: { bytes: 25_000_000, unit: 'MB' }, maxLayers: 4, requireNonRoot: false, maxStartupMs: 800 });
    expect(options.smoke.port).toBe(8080);
    expect(options.smoke.timeoutMs).toBe(5000);
  });

  test('multi-line build-args and smoke-env, comments and blank lines skipped', () => {
    const options = getInputs(reader({ 'build-args': 'A=1\n\n# note\nB=two words\n', 'smoke-env': 'PORT=8080' }));
    expect(options.buildArgs).toEqual(['A=1', 'B=two words']);
    expect(options.smoke.env).toEqual(['PORT=8080']);
  });

  test('baseline, growth budget and comment mode', () => {
    expect(getInputs(reader({ baseline: 'ghcr.io/acme/app:main' })).baseline).toEqual({
      kind: 'image',
      reference: 'ghcr.io/acme/app:main',
    });
    expect(getInputs(reader({ baseline: 'none' })).baseline).toEqual({ kind: 'none' });
    expect(getInputs(reader({ 'max-increase': '5%' })).budgets.maxIncrease).toEqual({ kind: 'percent', fraction: 0.05, text: '5%' });
    expect(getInputs(reader({ 'max-increase': '2MB' })).budgets.maxIncrease).toEqual({ kind: 'bytes', bytes: 2_000_000, text: '2MB' });
    expect(getInputs(reader({ comment: 'never' })).comment).toBe('never');
    expect(getInputs(reader({ 'min-efficiency': '95%' })).budgets.minEfficiency).toBe(0.95);
    expect(getInputs(reader({ 'min-efficiency': '0.9' })).budgets.minEfficiency).toBe(0.9);
  });

  test('an analysis budget with analyze: false is refused', () => {
    expect(() => getInputs(reader({ analyze: 'false', 'min-efficiency': '0.9' }))).toThrow(
      'input analyze: is false, but min-efficiency needs the layer analysis',
    );
  });

  test.each([
    ['max-size', '25 megs', 'e.g. 25MB'],
    ['max-size', '-5MB', 'e.g. 25MB'],
    ['max-layers', '-1', 'e.g. 10'],
    ['max-layers', '2.5', 'e.g. 10'],
    ['max-startup-time', '1', 'e.g. 1s'],
    ['max-startup-time', '0s', 'e.g. 1s'],
    ['require-non-root', 'maybe', 'e.g. true'],
    ['smoke', 'sometimes', 'e.g. auto'],
    ['smoke-port', '70000', 'e.g. 8080'],
    ['smoke-port', '53/udp', 'e.g. 8080'],
    ['smoke-port', 'http', 'e.g. 8080'],
    ['smoke-path', 'healthz', 'e.g. /healthz'],
    ['smoke-expect-status', 'abc', 'e.g. 200'],
    ['smoke-expect-status', '999', 'e.g. 200'],
    ['smoke-timeout', 'forever', 'e.g. 30s'],
    ['build-args', 'NOEQUALS', 'e.g. GO_VERSION=1.22'],
    ['smoke-env', '=x', 'e.g. GO_VERSION=1.22'],
    ['min-efficiency', '1.5', 'e.g. 0.95 or 95%'],
    ['min-efficiency', '120%', 'e.g. 0.95 or 95%'],
    ['max-increase', 'lots', 'e.g. 5% or 2MB'],
    ['max-compressed-size', '10 megs', 'e.g. 10MB'],
    ['comment', 'sometimes', 'e.g. always'],
    ['baseline', 'two words', 'e.g. auto, none or ghcr.io/acme/app:main'],
    // An image reference never reaches docker as an option (`--image=--format=...`) or as two words.
    ['image', '--format={{.Id}}', 'e.g. my-app:ci, ghcr.io/acme/app:main or sha256:...'],
    ['image', 'app:ci extra', 'e.g. my-app:ci, ghcr.io/acme/app:main or sha256:...'],
    ['platforms', 'linux/amd64,--push', 'e.g. linux/amd64,linux/arm64'],
    ['builder', '--bad', 'e.g. multiarch'],
    ['analyze', 'maybe', 'e.g. true'],
  ])('%s: %j is refused with a message that names the input and shows an example', (name, value, example) => {
    let caught: unknown;
    try {
      getInputs(reader({ [name]: value }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe(name);
    expect((caught as Error).message).toContain(`input ${name}:`);
    expect((caught as Error).message).toContain(example);
  });

  test('image cannot be combined with build inputs', () => {
    expect(() => getInputs(reader({ image: 'app:ci', target: 'final' }))).toThrow('input target: cannot be combined with image');
  });

  test('every input has a description and a unique name', () => {
    const names = INPUTS.map((input) => input.name);
    expect(new Set(names).size).toBe(names.length);
    for (const input of INPUTS) expect(input.description.length).toBeGreaterThan(10);
  });

  test('the table says how the config file writes each input, and the token never comes from a file', () => {
    const byName = new Map(INPUTS.map((input) => [input.name, input]));
    expect(byName.get('github-token')?.scope).toBe('workflow');
    for (const name of ['name', 'image', 'tag']) expect(byName.get(name)?.scope).toBe('entry');
    for (const input of INPUTS) {
      if (input.default === 'true' || input.default === 'false') expect(input.type).toBe('boolean');
      expect(input.choices !== undefined).toBe(input.type === 'choice');
    }
  });

  test('every choice the table lists is one getInputs accepts', () => {
    for (const input of INPUTS.filter((candidate) => candidate.choices)) {
      for (const choice of input.choices!) expect(() => getInputs(reader({ [input.name]: choice }))).not.toThrow();
      expect(() => getInputs(reader({ [input.name]: 'none-of-these' }))).toThrow(InputError);
    }
  });
});

describe('parseSmokePath', () => {
  test.each([
    ['/', '/'],
    ['/healthz', '/healthz'],
    ['/status?full=1&x=a:b@c', '/status?full=1&x=a:b@c'],
    ['/€', '/%E2%82%AC'],
    ['/a b', '/a%20b'],
    ['/café/ü?q=ß', '/caf%C3%A9/%C3%BC?q=%C3%9F'],
    ['/{x}|"y"<z>^`\\', '/%7Bx%7D%7C%22y%22%3Cz%3E%5E%60%5C'],
    ['/already%20encoded%E2%82%AC', '/already%20encoded%E2%82%AC'],
    ['/😀', '/%F0%9F%98%80'],
  ])('%j is sent as %j', (input, target) => {
    expect(parseSmokePath(input)).toBe(target);
  });

  test.each([
    ['healthz', 'is not an absolute URL path'],
    ['http://example.com/', 'is not an absolute URL path'],
    ['/a\nHost: evil', 'contains a control character'],
    ['/a\r\n', 'contains a control character'],
    ['/a\tb', 'contains a control character'],
    ['/a\u0000', 'contains a control character'],
    ['/a\u0085', 'contains a control character'],
    ['/page#top', 'has a fragment'],
    ['/100%', 'does not start a %XX escape'],
    ['/%zz', 'does not start a %XX escape'],
    ['/\ud800', 'is not valid Unicode'],
  ])('%j is refused: %s', (input, problem) => {
    let caught: unknown;
    try {
      parseSmokePath(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toMatch(
      new RegExp(`^input smoke-path: .*${problem.replace(/[()%.*?]/g, '\\$&')}.*; expected e\\.g\\. /healthz`),
    );
    // The refused text is shown escaped: no raw control character reaches a log line.
    expect((caught as InputError).message).not.toMatch(/[\u0000-\u001f]/);
  });

  test('getInputs validates smoke-path on the way in', () => {
    expect(getInputs(reader({ 'smoke-path': '/€' })).smoke.path).toBe('/%E2%82%AC');
  });

  test('max-layer-expansion and max-layer-expanded-size: defaults 100 and 20GB, and what they refuse', () => {
    expect(getInputs(reader({})).layerExpansion).toEqual({ maxRatio: 100, maxBytes: 20_000_000_000 });
    expect(getInputs(reader({ 'max-layer-expansion': '1100', 'max-layer-expanded-size': '100MB' })).layerExpansion).toEqual({
      maxRatio: 1100,
      maxBytes: 100_000_000,
    });
    expect(getInputs(reader({ 'max-layer-expanded-size': '2GiB' })).layerExpansion.maxBytes).toBe(2 * 1024 ** 3);
    for (const bad of ['0', '-5', '2.5', '100x', 'lots'])
      expect(() => getInputs(reader({ 'max-layer-expansion': bad }))).toThrow(/^input max-layer-expansion: .*expected e\.g\. 100$/);
    for (const bad of ['0', '0MB', 'huge', '-1GB'])
      expect(() => getInputs(reader({ 'max-layer-expanded-size': bad }))).toThrow(/^input max-layer-expanded-size: /);
    // The guard applies whether or not the analysis is asked for: the layers are read either way.
    expect(() => getInputs(reader({ analyze: 'false', 'max-layer-expanded-size': '1GB' }))).not.toThrow();
  });
});
