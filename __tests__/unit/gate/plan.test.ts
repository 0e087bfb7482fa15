// image-size-gate/plan's decisions, building nothing: every image of the file (or, with changed-only on a pull
// request, the changed ones), each with the runner its entry asks for; the matrix strategy.matrix takes; the
// config file's digest; the plan read back by the report step; and the images input of a matrix job.
import { ConfigError } from '../../../src/config/error.js';
import { parseConfig } from '../../../src/config/load.js';
import { configDigest, makePlan, matrixOf } from '../../../src/gate/plan.js';
import { MAX_PLAN_BYTES, parsePlan, planMismatch } from '../../../src/gate/plan-check.js';
import { configuredImages, selectImages } from '../../../src/gate/selection.js';
import { InputError } from '../../../src/inputs/parsers.js';
import { GateLog } from '../../../src/common/log.js';

const FILE = '.github/image-size-gate.yml';
const TEXT = [
  'changed-only: true',
  'defaults:',
  '  runs-on: ubuntu-latest',
  'images:',
  '  - name: api',
  '    context: services/api',
  '  - name: worker, v2',
  '    context: services/worker',
  '    runs-on: ubuntu-24.04-arm',
  '  - name: frontend',
  '    context: services/frontend',
  '    runs-on: [self-hosted, linux, x64]',
  '',
].join('\n');

const messages: string[] = [];
const log: GateLog = {
  info: (message) => messages.push(message),
  warning: (message) => messages.push(`warning: ${message}`),
  group: (_title, work) => work(),
  untrusted: () => ({ line: () => undefined, end: () => undefined }),
};

async function planOf(text: string, changedOnly = false) {
  const config = parseConfig(text, FILE);
  const images = configuredImages(config, () => '');
  return makePlan({ config, images, digest: configDigest(text), changedOnly, commit: 'a'.repeat(40), actionInput: () => '' }, log);
}

describe('the plan', () => {
  test('every image gets a job, on the runner its entry (or defaults:) asks for', async () => {
    const plan = await planOf(TEXT);
    expect(plan.images).toEqual([
      { name: 'api', gate: true, runsOn: ['ubuntu-latest'] },
      { name: 'worker, v2', gate: true, runsOn: ['ubuntu-24.04-arm'] },
      { name: 'frontend', gate: true, runsOn: ['self-hosted', 'linux', 'x64'] },
    ]);
    expect(matrixOf(plan)).toEqual({
      include: [
        { image: 'api', 'runs-on': 'ubuntu-latest' },
        { image: 'worker, v2', 'runs-on': 'ubuntu-24.04-arm' },
        { image: 'frontend', 'runs-on': ['self-hosted', 'linux', 'x64'] },
      ],
    });
    expect(plan).toMatchObject({ schemaVersion: 1, config: FILE, commit: 'a'.repeat(40), changedOnly: false });
    expect(plan).not.toHaveProperty('mergeBase');
  });

  test('changed-only outside a pull request gates every image, and says so', async () => {
    messages.length = 0;
    const plan = await planOf(TEXT, true);
    expect(plan.images.every((image) => image.gate)).toBe(true);
    expect(messages).toEqual(['changed-only applies to pull requests: every image is gated']);
  });

  test('no runs-on: the entries carry the image alone; an empty matrix when nothing is gated', async () => {
    const plan = await planOf('images:\n  - name: a\n  - name: b\n');
    expect(matrixOf(plan)).toEqual({ include: [{ image: 'a' }, { image: 'b' }] });
    expect(matrixOf({ ...plan, images: plan.images.map((image) => ({ ...image, gate: false })) })).toEqual({ include: [] });
  });

  test('a runner label that is not one is refused at its line, before anything else', async () => {
    const error = await planOf('images:\n  - name: a\n    runs-on: "ubuntu latest"\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `${FILE}:3:5: images[0].runs-on: "ubuntu latest" is not a runner label (letters, digits, '.', '_' and '-', at most 100); e.g. runs-on: ubuntu-24.04-arm`,
    );
    await expect(planOf('defaults:\n  runs-on: [a, "b\\u0007"]\nimages:\n  - name: a\n')).rejects.toThrow(
      /:2:3: defaults\.runs-on: "b\\\\x07" is not a runner label/,
    );
  });

  test('the digest is of the text, whatever its line ends', () => {
    expect(configDigest('a: 1\r\nb: 2\r\n')).toBe(configDigest('a: 1\nb: 2\n'));
    expect(configDigest('a: 1\n')).not.toBe(configDigest('a: 2\n'));
    expect(configDigest('')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('the plan read back by the report step', () => {
  test('the plan step output reads back as it was, and belongs with the same file and commit only', async () => {
    const plan = await planOf(TEXT);
    const read = parsePlan(JSON.stringify(plan));
    expect(read).toEqual({ plan });
    const have = {
      file: FILE,
      digest: configDigest(TEXT),
      names: ['api', 'worker, v2', 'frontend'],
      commit: 'a'.repeat(40),
      pullRequest: false,
    };
    expect(planMismatch(plan, have)).toBeUndefined();
    expect(planMismatch(plan, { ...have, digest: configDigest('x') })).toMatch(/^it was made from another version of the config file/);
    expect(planMismatch(plan, { ...have, names: ['api'] })).toBe(`it lists other images than ${FILE}`);
    expect(planMismatch(plan, { ...have, commit: 'b'.repeat(40) })).toBe('it is of commit aaaaaaaaaaaa, and this run is of bbbbbbbbbbbb');
    // An image without a job: only changed-only on a pull request (with the merge base it compared with) may say so.
    const hidden = { ...plan, images: plan.images.map((image) => (image.name === 'api' ? { ...image, gate: false } : image)) };
    const refusal = 'it gives an image no job, which the plan does only on a pull request with changed-only';
    expect(planMismatch(hidden, have)).toBe(refusal);
    expect(planMismatch({ ...hidden, changedOnly: true, mergeBase: 'c'.repeat(40) }, have)).toBe(refusal);
    expect(planMismatch({ ...hidden, changedOnly: true, mergeBase: 'c'.repeat(40) }, { ...have, pullRequest: true })).toBeUndefined();
  });

  test('what is not a plan is refused, saying which field, quoting nothing', async () => {
    const plan = JSON.parse(JSON.stringify(await planOf(TEXT)));
    expect(parsePlan('{')).toEqual({ invalid: 'it is not JSON' });
    expect(parsePlan(' '.repeat(MAX_PLAN_BYTES + 1))).toEqual({ invalid: 'it is larger than 1024 KiB' });
    expect(parsePlan(JSON.stringify({ ...plan, schemaVersion: 2 }))).toEqual({
      invalid: 'schemaVersion is not 1: plan and report with one release',
    });
    const badName = { ...plan, images: [{ name: 'a\n::error::x', gate: true }] };
    expect(parsePlan(JSON.stringify(badName))).toEqual({ invalid: 'images[0].name is not in the expected form' });
    expect(parsePlan(JSON.stringify({ ...plan, commit: 'main' }))).toEqual({ invalid: 'commit is not in the expected form' });
  });
});

describe('the images input of a matrix job', () => {
  const images = configuredImages(parseConfig(TEXT, FILE), () => '');
  const names = (selection: string) => selectImages(images, selection, FILE).map(({ image }) => image.name);

  test('one name (which may hold a comma), or several, in the file order', () => {
    expect(names('worker, v2')).toEqual(['worker, v2']);
    expect(names(' frontend\napi ')).toEqual(['api', 'frontend']);
  });

  test('a name the file does not list is an input error that lists those it does', () => {
    expect(() => names('apx')).toThrow(InputError);
    expect(() => names('apx')).toThrow(
      `input images: "apx" is not an image of ${FILE} (it lists api, worker, v2, frontend); expected e.g. images: api`,
    );
  });
});
