// Pure: action.yml (and plan/action.yml, report/action.yml for the sub-actions), the README's input and output
// tables, the sub-actions' tables in docs/matrix.md and the config file's JSON Schema, rendered from the tables in
// inputs/. `npm run docs` writes them; a unit test fails when the committed files differ.
import { configSchema } from '../config/schema.js';
import { OUTPUTS, OutputDefinition } from '../inputs/output-table.js';
import { PLAN_INPUTS, PLAN_OUTPUTS, REPORT_INPUTS, REPORT_OUTPUTS, SubActionInput } from '../inputs/sub-actions.js';
import { ACTION_INPUTS } from '../inputs/table.js';

/** Where `npm run docs` writes the config file's JSON Schema (editors find it by this name). */
export const CONFIG_SCHEMA_FILE = 'image-size-gate.schema.json';
/** The page whose tables list the sub-actions' inputs and outputs. */
export const MATRIX_PAGE = 'docs/matrix.md';

export function renderConfigSchema(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}

function yamlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

interface ActionMetadata {
  name: string;
  description: string;
  source: string;
  inputs: SubActionInput[];
  outputs: OutputDefinition[];
  /** runs: lines after `using`. */
  runs: string[];
}

function renderMetadata(action: ActionMetadata): string {
  const lines = [
    `# Generated from ${action.source} by \`npm run docs\`; edit that table, not this file.`,
    `name: ${yamlString(action.name)}`,
    `description: ${yamlString(action.description)}`,
    "author: 'image-size-gate'",
    'branding:',
    "  icon: 'package'",
    "  color: 'green'",
    'inputs:',
  ];
  for (const input of action.inputs) {
    lines.push(`  ${input.name}:`, `    description: ${yamlString(input.description)}`, `    required: ${input.required === true}`);
    if (input.default !== '') lines.push(`    default: ${yamlString(input.default)}`);
  }
  lines.push('outputs:');
  for (const output of action.outputs) lines.push(`  ${output.name}:`, `    description: ${yamlString(output.description)}`);
  lines.push('runs:', "  using: 'node24'", ...action.runs.map((line) => `  ${line}`), '');
  return lines.join('\n');
}

export function renderActionYml(): string {
  return renderMetadata({
    name: 'image-size-gate',
    description:
      'Build a Docker image, measure it, smoke-test it hardened, and fail the step when it breaks its size, layer, non-root or start-up budgets.',
    source: 'src/inputs/table.ts',
    inputs: ACTION_INPUTS,
    outputs: OUTPUTS,
    runs: ["main: 'dist/main/index.js'", "post: 'dist/post/index.js'"],
  });
}

/** The sub-actions' metadata files, by path: image-size-gate/plan and image-size-gate/report. */
export function renderSubActionYmls(): Record<string, string> {
  return {
    'plan/action.yml': renderMetadata({
      name: 'image-size-gate plan',
      description:
        "Read image-size-gate's config file and output the matrix of images to gate, one job each (on a pull request with changed-only, the changed ones). Builds nothing.",
      source: 'src/inputs/sub-actions.ts',
      inputs: PLAN_INPUTS,
      outputs: PLAN_OUTPUTS,
      runs: ["main: '../dist/plan/index.js'"],
    }),
    'report/action.yml': renderMetadata({
      name: 'image-size-gate report',
      description:
        "Merge the reports of image-size-gate's matrix jobs into one verdict, one job summary and one sticky PR comment, and record every image on the size history in one commit.",
      source: 'src/inputs/sub-actions.ts',
      inputs: REPORT_INPUTS,
      outputs: REPORT_OUTPUTS,
      runs: ["main: '../dist/report-step/index.js'"],
    }),
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function inputsTable(inputs: SubActionInput[]): string {
  return [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...inputs.map(
      (input) =>
        `| \`${input.name}\` | ${input.default ? `\`${cell(input.default)}\`` : input.required ? '(required)' : ''} | ${cell(input.description)} |`,
    ),
  ].join('\n');
}

function outputsTable(outputs: OutputDefinition[]): string {
  return [
    '| Output | Description |',
    '| --- | --- |',
    ...outputs.map((output) => `| \`${output.name}\` | ${cell(output.description)} |`),
  ].join('\n');
}

export function renderInputsTable(): string {
  return inputsTable(ACTION_INPUTS);
}

export function renderOutputsTable(): string {
  return outputsTable(OUTPUTS);
}

/** Replaces the text between each `<!-- key:start -->` and `<!-- key:end -->` with its table. */
function updateTables(text: string, file: string, tables: Record<string, string>): string {
  let updated = text;
  for (const [key, table] of Object.entries(tables)) {
    const [start, end] = [`<!-- ${key}:start -->`, `<!-- ${key}:end -->`];
    const from = updated.indexOf(start);
    const to = updated.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} ... ${end} markers`);
    updated = `${updated.slice(0, from + start.length)}\n${table}\n${updated.slice(to)}`;
  }
  return updated;
}

/** The README with its input and output tables rendered again. */
export function updateReadme(readme: string): string {
  return updateTables(readme, 'README.md', { inputs: renderInputsTable(), outputs: renderOutputsTable() });
}

/** docs/matrix.md with the sub-actions' tables rendered again. */
export function updateMatrixPage(page: string): string {
  return updateTables(page, MATRIX_PAGE, {
    'plan-inputs': inputsTable(PLAN_INPUTS),
    'plan-outputs': outputsTable(PLAN_OUTPUTS),
    'report-inputs': inputsTable(REPORT_INPUTS),
    'report-outputs': outputsTable(REPORT_OUTPUTS),
  });
}
