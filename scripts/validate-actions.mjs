// Outside validation: every action metadata file in the repository (action.yml or action.yaml anywhere, found by
// name, so sub-actions such as plan/action.yml are covered the day they land), every workflow in
// .github/workflows and examples/workflows, and the workflow snippets of README.md and docs/*.md pass
// action-validator (@action-validator/cli, pinned in package.json), run as its own command on each file.
//
// runs.using: node24. The validator's schema predates Node 24 actions: it accepts node12, node16 and node20 only
// and rejects `using: node24` with an error at /runs. So an action.yml that the validator rejects and that says
// node24 is validated again as a copy in a temporary directory in which that one line says node20; the script
// asserts that the copy differs from the file in that line and no other, and that every error the validator
// gave on the original was at /runs. Everything else in the file is thus checked as written. When a validator
// release accepts node24, the original passes and the copy is never made (the script says so).
//
// Snippets: each ```yaml block that is a workflow (a mapping with jobs:) is validated as it stands; a block that
// is a list of steps is wrapped into a one-job workflow first; a config file for the gate (images:, defaults:)
// is left to the unit tests, which check it against the JSON Schema. Any other yaml block fails the check, so
// no snippet is skipped without a reason.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';

const VALIDATOR = path.resolve('node_modules/.bin/action-validator');
const WORKFLOW_FOLDERS = ['.github/workflows', 'examples/workflows'];
const SNIPPET_PAGES = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const USING_NODE24 = /^(\s*using:\s*)(['"]?)node24\2(\s*(#.*)?)$/;

const scratch = mkdtempSync(path.join(tmpdir(), 'isg-validate-'));
const failures = [];
let checked = 0;

/** Runs action-validator on one file; it tells an action from a workflow by the file's name. */
function validate(file) {
  try {
    execFileSync(VALIDATOR, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, errors: [] };
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    let errors = [];
    try {
      errors = JSON.parse(output.slice(output.indexOf('{'))).errors ?? [];
    } catch {
      // not the validator's JSON: the output below says what went wrong
    }
    return { ok: false, errors, output: output.trim() };
  }
}

function report(name, result) {
  checked += 1;
  if (result.ok) console.log(`ok    ${name}`);
  else {
    console.log(`FAIL  ${name}`);
    failures.push(`${name}:\n${result.output}`);
  }
}

function actionFiles() {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  return [...new Set(listed.split('\0'))].filter((file) => /(^|\/)action\.ya?ml$/.test(file)).sort();
}

function validateAction(file) {
  const original = validate(file);
  const text = readFileSync(file, 'utf8');
  const using = parse(text)?.runs?.using;
  if (original.ok) {
    if (using === 'node24') console.log(`note  ${file}: the validator now accepts node24; the node20 copy is no longer needed`);
    return report(file, original);
  }
  if (using !== 'node24') return report(file, original);
  const lines = text.split('\n');
  const usingLines = lines.flatMap((line, index) => (USING_NODE24.test(line) ? [index] : []));
  if (usingLines.length !== 1) return report(file, { ok: false, output: `expected one "using: node24" line, found ${usingLines.length}` });
  const outside = original.errors.filter((error) => !String(error.path).startsWith('/runs'));
  if (outside.length > 0) return report(file, original);
  const mapped = lines.map((line, index) => (index === usingLines[0] ? line.replace(USING_NODE24, '$1$2node20$2$3') : line));
  const differing = mapped.filter((line, index) => line !== lines[index]);
  if (differing.length !== 1 || parse(mapped.join('\n'))?.runs?.using !== 'node20') {
    return report(file, { ok: false, output: 'the node20 copy must differ from the file in its runs.using line only' });
  }
  const copy = path.join(scratch, 'node24', file);
  mkdirSync(path.dirname(copy), { recursive: true });
  writeFileSync(copy, mapped.join('\n'));
  report(`${file} (runs.using node24 validated as node20, line ${usingLines[0] + 1}, the only line changed)`, validate(copy));
}

function workflowFiles() {
  return WORKFLOW_FOLDERS.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => `${folder}/${name}`),
  );
}

/** The ```yaml blocks of a markdown page, with the line each starts on. */
function yamlBlocks(page) {
  const blocks = [];
  const lines = readFileSync(page, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index].trim() !== '```yaml') continue;
    const start = index + 1;
    while (index + 1 < lines.length && lines[index + 1].trim() !== '```') index += 1;
    blocks.push({ line: start + 1, text: lines.slice(start, index + 1).join('\n') });
    index += 1;
  }
  return blocks;
}

/** Removes the indentation every line of a block shares (a step snippet is indented as it sits in a job). */
function dedent(text) {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

function validateSnippet(page, block) {
  const name = `${page}:${block.line}`;
  const document = parseDocument(dedent(block.text));
  if (document.errors.length > 0) return report(name, { ok: false, output: document.errors.map(String).join('\n') });
  const value = document.toJS();
  let workflow;
  let kind;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'jobs' in value) {
    kind = 'workflow';
    workflow = dedent(block.text);
  } else if (Array.isArray(value) && value.every((step) => step && typeof step === 'object' && ('uses' in step || 'run' in step))) {
    kind = `${value.length} step(s) wrapped in a workflow`;
    workflow = stringify({ name: 'snippet', on: 'push', jobs: { snippet: { 'runs-on': 'ubuntu-latest', steps: value } } });
  } else if (value && typeof value === 'object' && ('images' in value || 'defaults' in value)) {
    console.log(`skip  ${name}: a config file of the gate (the unit tests check it against the JSON Schema)`);
    return;
  } else {
    return report(name, { ok: false, output: 'a yaml block that is neither a workflow, nor a list of steps, nor a config file' });
  }
  const file = path.join(scratch, 'snippets', `${page.replace(/[/.]/g, '-')}-${block.line}.yml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, workflow);
  report(`${name} (${kind})`, validate(file));
}

try {
  const version = JSON.parse(readFileSync('node_modules/@action-validator/cli/package.json', 'utf8')).version;
  console.log(`action-validator ${version}`);
  // The validator must be able to fail: a file it has to reject, lest a broken install pass everything.
  const canary = path.join(scratch, 'canary', 'action.yml');
  mkdirSync(path.dirname(canary), { recursive: true });
  writeFileSync(canary, "name: canary\ndescription: x\nbranding:\n  icon: no-such-icon\nruns:\n  using: 'node20'\n  main: x.js\n");
  if (validate(canary).ok) failures.push('action-validator accepted an action with an unknown branding icon: is it working?');
  for (const file of actionFiles()) validateAction(file);
  for (const file of workflowFiles()) report(file, validate(file));
  for (const page of SNIPPET_PAGES) for (const block of yamlBlocks(page)) validateSnippet(page, block);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\n${failures.join('\n\n')}\n\naction-validator: ${failures.length} of ${checked} files failed`);
  process.exit(1);
}
console.log(`action-validator: ${checked} files passed`);
