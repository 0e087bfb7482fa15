// The CLI entry: the same engine as the action, flags named as the inputs, a terminal report.
// Exit codes: 0 every budget passed; 1 the image was measured and a budget failed; 2 the gate could not
// judge the image (bad flag, no Docker engine, failed build, missing image).
import { parseArgs } from 'node:util';
import { installCancelGuard } from '../gate/cancel.js';
import { removeOrphanedContainers } from '../docker/container.js';
import { Docker } from '../docker/exec.js';
import { GateError } from '../common/errors.js';
import { runGate } from '../gate/gate.js';
import { getInputs } from '../inputs/read.js';
import { InputError } from '../inputs/parsers.js';
import { ACTION_INPUTS } from '../inputs/table.js';
import { reportJson, writeReportFile } from '../report/file.js';
import { renderTerminal } from '../report/terminal.js';
import { CSI_SEQUENCE, say, terminalLog } from './log.js';
import { VERSION } from '../common/version.js';
import { historyCommand } from './history.js';
import { runConfigFromCli } from './multi.js';
import { ConfigError } from '../config/error.js';
import { findConfigFile } from '../config/find.js';

export const EXIT_PASSED = 0;
export const EXIT_BUDGET_FAILED = 1;
export const EXIT_CANNOT_JUDGE = 2;

/** Inputs that make no sense on a developer's machine. */
const ACTION_ONLY_INPUTS = new Set([
  'github-token',
  'comment',
  'allow-increase-label',
  'history-branch',
  'history-branches',
  'changed-only',
]);
const MULTI_LINE_INPUTS = new Set(['build-args', 'smoke-env']);
const CLI_INPUTS = ACTION_INPUTS.filter((input) => !ACTION_ONLY_INPUTS.has(input.name));

export function helpText(): string {
  const width = Math.max(...CLI_INPUTS.map((input) => input.name.length)) + 4;
  const lines = [
    'Usage: image-size-gate [options] [context]',
    '       image-size-gate history [--branch B] [--name NAME] (the recorded sizes; see history --help)',
    '',
    'Builds the Dockerfile in the context (or takes --image), measures the image, smoke-tests it hardened,',
    'and checks the budgets. The same engine as the image-size-gate GitHub Action; flags are named as its inputs.',
    '',
    'Options:',
    ...CLI_INPUTS.map((input) => {
      const flag = `--${input.name}`.padEnd(width + 2);
      const fallback = input.default ? ` (default: ${input.default})` : '';
      return `  ${flag} ${input.description}${fallback}`;
    }),
    `  ${'--json'.padEnd(width + 2)} Print the JSON report instead of the table.`,
    `  ${'--quiet'.padEnd(width + 2)} Do not echo the build log.`,
    `  ${'--help'.padEnd(width + 2)} Show this help.`,
    `  ${'--version'.padEnd(width + 2)} Show the version.`,
    '',
    'Exit codes: 0 every budget passed; 1 a budget failed; 2 the gate could not judge the image (bad flag,',
    'no Docker engine, failed build, missing image).',
    '',
    'Example: image-size-gate --max-size 25MB --max-startup-time 1s examples/go-scratch',
    '',
  ];
  return lines.join('\n');
}

type CliValues = Record<string, string | string[] | boolean | undefined>;

/** The parsed command line, or the exit code to end with (a bad flag, --help, --version). */
function parseCommandLine(argv: string[]): { values: CliValues; positionals: string[] } | number {
  let values: CliValues;
  let positionals: string[];
  try {
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
      version: { type: 'boolean' },
    };
    // Multi-line inputs may be given as one flag per line: --build-args A=1 --build-args B=2.
    for (const input of CLI_INPUTS) options[input.name] = { type: 'string', multiple: MULTI_LINE_INPUTS.has(input.name) };
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    values = parsed.values as CliValues;
    positionals = parsed.positionals;
  } catch (error) {
    say(`image-size-gate: ${(error as Error).message}`);
    say('Run image-size-gate --help for the flags.');
    return EXIT_CANNOT_JUDGE;
  }
  if (values.help) {
    process.stdout.write(helpText());
    return EXIT_PASSED;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_PASSED;
  }
  if (positionals.length > 1) {
    process.stderr.write(`image-size-gate: expected at most one context directory, got ${positionals.length}: ${positionals.join(' ')}\n`);
    return EXIT_CANNOT_JUDGE;
  }
  if (positionals.length === 1 && values.context !== undefined) {
    process.stderr.write('image-size-gate: give the context either as --context or as the argument, not both\n');
    return EXIT_CANNOT_JUDGE;
  }
  return { values, positionals };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'history') return historyCommand(argv.slice(1), (text) => process.stdout.write(text), say);
  const commandLine = parseCommandLine(argv);
  if (typeof commandLine === 'number') return commandLine;
  const { values, positionals } = commandLine;
  const docker = new Docker();
  const guard = installCancelGuard(docker, (signal) => {
    process.stderr.write(`image-size-gate: cancelled (${signal}); removed its smoke container\n`);
    process.exit(130);
  });
  // The CLI has no post step: a run killed outright (SIGKILL) leaves its containers to the next run on this host.
  const orphans = removeOrphans(docker);
  try {
    const input = (name: string) => {
      if (name === 'context' && positionals.length === 1) return positionals[0];
      const value = values[name];
      if (Array.isArray(value)) return value.join('\n');
      return typeof value === 'string' ? value : '';
    };
    const deps = {
      docker,
      log: terminalLog(Boolean(values.quiet)),
      onSmokeContainer: (name: string) => guard.track(name),
      onWorktree: (root: string, directory: string) => guard.trackWorktree(root, directory),
    };
    // The default config file applies when nothing names one image (no context, no --image, no --archive).
    const namesOneImage = positionals.length > 0 || Boolean(values.context) || Boolean(values.image) || Boolean(values.archive);
    const configFile = input('config') || !namesOneImage ? await findConfigFile(input('config')) : undefined;
    if (configFile) return await runConfigFromCli(configFile, input, deps, Boolean(values.json), (text) => process.stdout.write(text));
    if (input('images')) throw new InputError('images', 'names images of a config file, and there is none', '--config FILE --images api');
    const options = getInputs(input);
    const report = await runGate(options, deps);
    if (options.reportFile) await writeReportFile(report, options.reportFile);
    process.stdout.write(values.json ? reportJson(report) + '\n' : renderTerminal(report));
    return report.passed ? EXIT_PASSED : EXIT_BUDGET_FAILED;
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`image-size-gate: ${error.message}`);
      return EXIT_CANNOT_JUDGE;
    }
    if (error instanceof InputError) {
      say(`image-size-gate: --${error.message.replace(/^input /, '')}`);
      return EXIT_CANNOT_JUDGE;
    }
    if (error instanceof GateError) {
      // The failing build step's output was streamed just above, unless --quiet kept the log back.
      if (values.quiet) for (const line of error.details) say(`  | ${line.replace(CSI_SEQUENCE, '')}`);
      say(`image-size-gate: ${error.message}`);
      return EXIT_CANNOT_JUDGE;
    }
    for (const line of `image-size-gate: unexpected error: ${(error as Error).stack ?? String(error)}`.split('\n')) say(line);
    return EXIT_CANNOT_JUDGE;
  } finally {
    await orphans;
    guard.dispose();
  }
}

/** Removes, alongside the run, the containers of killed runs on this host, and says so in one line. */
async function removeOrphans(docker: Docker): Promise<void> {
  const removed = await removeOrphanedContainers(docker).catch(() => []);
  if (removed.length === 0) return;
  const pids = [...new Set(removed.map((orphan) => orphan.pid))].join(', ');
  process.stderr.write(`image-size-gate: removed ${removed.length} container(s) left by killed earlier runs (pid ${pids})\n`);
}
