// changed-only against real git repositories: each way a pull request could change what an image is built from
// without git's diff of its context seeing it, and what the plan answers (rebuilt, and why).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changedOnlyPlan, firstUnder, ImageChange, withTagDependencies } from '../../../src/config/changes.js';
import { parseConfig } from '../../../src/config/load.js';
import { configuredImages } from '../../../src/gate/multi.js';
import { git } from '../../support/git-repo.js';

let root: string;

const CONFIG = [
  'images:',
  '  - name: base',
  '    context: services/base',
  '    tag: acme/base:ci',
  '  - name: api',
  '    context: services/api',
  '  - name: ign',
  '    context: services/ign',
  '    dockerfile: docker/ign.Dockerfile',
  '  - name: lnk',
  '    context: services/lnk',
  '  - name: attr',
  '    context: services/attr',
  '  - name: lit',
  '    context: ":lit"',
  '  - name: quiet',
  '    context: services/quiet',
  '    build-args: { V: "1" }',
  '',
].join('\n');

const FILES: Record<string, string> = {
  '.github/image-size-gate.yml': CONFIG,
  'services/base/Dockerfile': 'FROM scratch\nCOPY blob /blob\n',
  'services/base/blob': 'small',
  'services/api/Dockerfile': 'FROM acme/base:ci\nCOPY app /app\n',
  'services/api/app': 'app',
  'services/ign/.dockerignore': 'big\n',
  'services/ign/big/data': 'excluded',
  'docker/ign.Dockerfile': 'FROM scratch\nCOPY . /app\n',
  'real/lnk/Dockerfile': 'FROM scratch\nCOPY file /file\n',
  'real/lnk/file': 'linked',
  'services/attr/Dockerfile': 'FROM scratch\nCOPY data.txt /data.txt\n',
  'services/attr/data.txt': 'text\n',
  ':lit/Dockerfile': 'FROM scratch\nCOPY data /data\n',
  ':lit/data': 'magic',
  'services/quiet/Dockerfile': 'FROM scratch\nCOPY q /q\n',
  'services/quiet/q': 'q',
};

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

function commit(message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

let base: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-changes-'));
  git(root, 'init', '--quiet', '--initial-branch=main');
  write(FILES);
  mkdirSync(path.join(root, 'services'), { recursive: true });
  symlinkSync('../real/lnk', path.join(root, 'services', 'lnk'));
  base = commit('base');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The plan for the checkout as it is now (committed as the head) against `base`. */
async function plan(options: { workflowFile?: string; input?: Record<string, string>; commitFirst?: boolean } = {}) {
  const head = options.commitFirst === false ? git(root, 'rev-parse', 'HEAD') : commit('head');
  const file = path.join(root, '.github', 'image-size-gate.yml');
  const config = parseConfig(CONFIG_TEXT(), file);
  const input = (name: string) => options.input?.[name] ?? '';
  const images = configuredImages(config, input);
  const answers = await changedOnlyPlan({ root, base, head, config, images, actionInput: input, workflowFile: options.workflowFile });
  return new Map(answers.map((answer) => [answer.name, answer]));
}

const CONFIG_TEXT = () => readFileSync(path.join(root, '.github', 'image-size-gate.yml'), 'utf8');

function rebuilt(answers: Map<string, ImageChange>): Record<string, string> {
  return Object.fromEntries([...answers.values()].flatMap((answer) => (answer.rebuild ? [[answer.name, answer.reason]] : [])));
}

test('nothing changed: no image is rebuilt', async () => {
  expect(rebuilt(await plan())).toEqual({});
});

test("another entry's tag: the image built FROM it is rebuilt when that entry is", async () => {
  write({ 'services/base/blob': 'x'.repeat(5000) });
  expect(rebuilt(await plan())).toEqual({
    base: 'services/base/blob changed',
    api: 'it is built from docker.io/acme/base:ci, which the entry base builds, and that is rebuilt',
  });
});

test('and an entry rebuilt on its own rebuilds the entry whose tag it is built from, so the tag exists', async () => {
  write({ 'services/api/app': 'app 2' });
  expect(rebuilt(await plan())).toEqual({
    api: 'services/api/app changed',
    base: 'the entry api, which is rebuilt, is built from its tag docker.io/acme/base:ci',
  });
});

test('a Dockerfile-specific ignore file beside a Dockerfile outside the context', async () => {
  write({ 'docker/ign.Dockerfile.dockerignore': '' });
  expect(rebuilt(await plan())).toEqual({ ign: 'docker/ign.Dockerfile.dockerignore changed' });
});

test('a symlinked context: a change in the folder it points to', async () => {
  write({ 'real/lnk/file': 'linked, and 4 MB more' });
  expect(rebuilt(await plan())).toEqual({ lnk: 'real/lnk/file changed' });
});

test('a symlinked context: the link pointed elsewhere', async () => {
  write({ 'other/lnk/Dockerfile': 'FROM scratch\nCOPY file /file\n', 'other/lnk/file': 'other' });
  rmSync(path.join(root, 'services', 'lnk'));
  symlinkSync('../other/lnk', path.join(root, 'services', 'lnk'));
  expect(rebuilt(await plan()).lnk).toMatch(/^(services\/lnk|other\/lnk\/\w+) changed$/);
});

test('an attribute filter in a .gitattributes above the context', async () => {
  // Committed alone, as a pull request would: the blob of data.txt stays the same, its checked-out bytes do not.
  write({ '.gitattributes': 'services/attr/*.txt working-tree-encoding=UTF-32LE\n' });
  git(root, 'add', '.gitattributes');
  git(root, 'commit', '--quiet', '-m', 'attributes');
  // It applies to the whole tree, so every image is rebuilt; an attributes file beside the context, none.
  const answers = rebuilt(await plan({ commitFirst: false }));
  expect(Object.keys(answers)).toHaveLength(7);
  expect(answers.attr).toBe('.gitattributes changed');
  base = git(root, 'rev-parse', 'HEAD');
  write({ 'services/base/.gitattributes': '*.txt -text\n' });
  git(root, 'add', 'services/base/.gitattributes');
  git(root, 'commit', '--quiet', '-m', 'attributes beside');
  expect(rebuilt(await plan({ commitFirst: false }))).toEqual({
    base: 'services/base/.gitattributes changed',
    api: expect.stringContaining('which the entry base builds'),
  });
});

test('.git/info/attributes, which git applies at checkout and never versions, rebuilds every image', async () => {
  write({ '.git/info/attributes': '# set by the runner\n*.bin -diff\n' });
  const answers = rebuilt(await plan());
  expect(Object.keys(answers)).toHaveLength(7);
  expect(answers.quiet).toContain('.git/info/attributes sets attributes');
});

test('a context folder whose name is pathspec magic (:lit) is compared literally', async () => {
  write({ ':lit/data': 'magic, and 3 MB more' });
  expect(rebuilt(await plan())).toEqual({ lit: ':lit/data changed' });
});

test('a file in the context that git does not hold (a build step’s output)', async () => {
  const head = commit('head');
  write({ 'services/quiet/generated.bin': 'built by an earlier step' });
  const answers = rebuilt(await plan({ commitFirst: false }));
  expect(head).toBe(git(root, 'rev-parse', 'HEAD'));
  expect(answers).toEqual({ quiet: expect.stringContaining('the work tree holds services/quiet/generated.bin') });
});

test('a context outside the repository is rebuilt, for that image only', async () => {
  write({ '.github/image-size-gate.yml': CONFIG.replace('context: services/quiet', 'context: ../outside') });
  commit('outside');
  base = git(root, 'rev-parse', 'HEAD');
  expect(rebuilt(await plan())).toEqual({ quiet: expect.stringMatching(/^its context .*outside lies outside the repository$/) });
});

test('ADD of a URL: fetched when built, so never unchanged', async () => {
  write({ 'services/quiet/Dockerfile': 'FROM scratch\nADD https://example.com/x /x\n' });
  base = commit('add url');
  expect(rebuilt(await plan())).toEqual({ quiet: 'its Dockerfile ADDs https://example.com/x, which is fetched when it is built' });
});

test('a submodule in the context', async () => {
  git(root, 'update-index', '--add', '--cacheinfo', `160000,${base},services/quiet/vendor`);
  mkdirSync(path.join(root, 'services', 'quiet', 'vendor')); // as a submodule that is not checked out
  git(root, 'commit', '--quiet', '-m', 'submodule');
  base = git(root, 'rev-parse', 'HEAD');
  expect(rebuilt(await plan())).toEqual({
    quiet: 'its context holds the submodule services/quiet/vendor, whose files this check cannot compare',
  });
});

test('a changed config entry, and a build argument from the workflow while the workflow changed', async () => {
  write({ '.github/image-size-gate.yml': CONFIG.replace('{ V: "1" }', '{ V: "2" }') });
  expect(rebuilt(await plan())).toEqual({ quiet: 'its config entry (with the defaults that apply to it) changed' });
  base = git(root, 'rev-parse', 'HEAD');
  write({ '.github/workflows/ci.yml': 'on: pull_request\n' });
  const input = { target: 'prod' };
  const answers = rebuilt(await plan({ workflowFile: '.github/workflows/ci.yml', input }));
  expect(answers.lit).toBe("it takes target from the workflow's inputs, and the workflow file .github/workflows/ci.yml changed");
  expect(Object.keys(answers)).toHaveLength(7);
  // The same inputs with the workflow unchanged: nothing to rebuild.
  base = git(root, 'rev-parse', 'HEAD');
  expect(rebuilt(await plan({ workflowFile: '.github/workflows/ci.yml', input }))).toEqual({});
});

test('an entry that gates the tag another entry builds (image:) makes that entry run', async () => {
  write({ '.github/image-size-gate.yml': `${CONFIG}  - name: check\n    image: acme/base:ci\n` });
  base = commit('gate the tag');
  expect(rebuilt(await plan())).toEqual({
    check: 'it is given as a built image or an archive, which the repository cannot show unchanged',
    base: 'the entry check, which is rebuilt, is built from its tag docker.io/acme/base:ci',
  });
});

test('withTagDependencies: a change spreads to what is built from it; a need, to what it is built from', () => {
  const answers = withTagDependencies([
    { name: 'a', reads: [], builds: 'a:1' },
    { name: 'b', reads: ['a:1'], builds: 'b:1' },
    { name: 'c', reads: ['b:1'], reason: 'x changed' },
    { name: 'd', reads: ['a:1'] },
  ]);
  // c's change needs b's tag, and b needs a's; neither changed, so d, built from a's tag, is not rebuilt.
  expect(answers.map((answer) => `${answer.name}:${answer.rebuild}`)).toEqual(['a:true', 'b:true', 'c:true', 'd:false']);
  const changed = withTagDependencies([
    { name: 'a', reads: [], builds: 'a:1', reason: 'x changed' },
    { name: 'b', reads: ['a:1'], builds: 'b:1' },
    { name: 'c', reads: ['b:1'] },
  ]);
  expect(changed.map((answer) => `${answer.name}:${answer.rebuild}`)).toEqual(['a:true', 'b:true', 'c:true']);
});

test('firstUnder: a literal pathspec matches the path itself and what lies under it, never a sibling that shares a prefix', () => {
  const changed = ['services/api-old/x', 'services/api/www/big.bin', 'services/lnk'];
  expect(firstUnder(changed, ['services/api'])).toBe('services/api/www/big.bin');
  expect(firstUnder(changed, ['services/lnk'])).toBe('services/lnk');
  expect(firstUnder(changed, ['services/ap'])).toBeUndefined();
  expect(firstUnder(changed, ['.'])).toBe('services/api-old/x');
  expect(firstUnder([':lit/data', '*'], [':lit'])).toBe(':lit/data');
});
