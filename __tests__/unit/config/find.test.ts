// The config file is the repository's, so a pull request controls it: read only as a regular file inside the
// checkout, and never echoed when it is not one.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkoutOf, loadConfig, MAX_CONFIG_BYTES, readConfigText } from '../../../src/config/find.js';
import { InputError } from '../../../src/inputs/parsers.js';

let dir: string;
let checkout: string;
const SECRET = 'SECRET_API_KEY=sk-live-0123456789abcdef';

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'isg-find-'));
  checkout = path.join(dir, 'checkout');
  mkdirSync(path.join(checkout, '.git'), { recursive: true });
  mkdirSync(path.join(checkout, '.github'));
  writeFileSync(path.join(dir, '.env'), `${SECRET}\n`);
  writeFileSync(path.join(checkout, 'outside.yml'), 'images:\n  - name: api\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(file: string): Promise<InputError> {
  const error = await readConfigText(file, checkout).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

test('a symlink out of the checkout is refused, and neither its target nor a byte of it is printed', async () => {
  const file = path.join(checkout, '.github', 'image-size-gate.yml');
  symlinkSync('../../.env', file);
  const error = await refusal(file);
  expect(error.message).toBe(
    `input config: "${file}" is a symbolic link that resolves outside the checkout, so it is not read (the config file must lie in the repository); ` +
      'expected e.g. .github/image-size-gate.yml, a regular file in the repository',
  );
  expect(error.message).not.toMatch(/SECRET|sk-live|\.env/);
  // /proc/self/environ (the gate's own environment) likewise.
  const environ = path.join(checkout, '.github', 'environ.yml');
  symlinkSync('/proc/self/environ', environ);
  expect((await refusal(environ)).message).toContain('resolves outside the checkout');
});

test('a symlink that resolves inside the checkout is followed; a dangling one, a folder, a huge file are refused', async () => {
  const file = path.join(checkout, '.github', 'image-size-gate.yml');
  symlinkSync('../outside.yml', file);
  expect((await loadConfig(file, {})).images.map((image) => image.name)).toEqual(['api']);
  symlinkSync('nothing-here', path.join(checkout, 'dangling.yml'));
  expect((await refusal(path.join(checkout, 'dangling.yml'))).message).toContain('is a symbolic link to nothing that can be read');
  expect((await refusal(path.join(checkout, '.github'))).message).toContain('is not a regular file');
  writeFileSync(path.join(checkout, 'huge.yml'), 'x'.repeat(MAX_CONFIG_BYTES + 1));
  expect((await refusal(path.join(checkout, 'huge.yml'))).message).toContain('is larger than 1024 KiB');
});

test('the checkout: the workspace in an Actions run, else the work tree around the file, else its folder', async () => {
  const file = path.join(checkout, '.github', 'image-size-gate.yml');
  expect(await checkoutOf(file, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir })).toBe(dir);
  expect(await checkoutOf(file, {})).toBe(checkout);
  const loose = mkdtempSync(path.join(tmpdir(), 'isg-loose-'));
  try {
    expect(await checkoutOf(path.join(loose, 'gate.yml'), {})).toBe(loose);
  } finally {
    rmSync(loose, { recursive: true, force: true });
  }
});
