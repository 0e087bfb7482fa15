// Pure: action.yml, the README's input and output tables and the config file's JSON Schema, rendered from the
// one table in inputs/table.ts. `npm run docs` writes them; a unit test fails when the committed files differ.
import { configSchema } from '../config/schema.js';
import { INPUTS } from '../inputs/table.js';
import { OUTPUTS } from '../inputs/outputs.js';

/** Where `npm run docs` writes the config file's JSON Schema (editors find it by this name). */
export const CONFIG_SCHEMA_FILE = 'image-size-gate.schema.json';

export function renderConfigSchema(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}

function yamlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function renderActionYml(): string {
  const lines = [
    '# Generated from src/inputs/table.ts by `npm run docs`; edit that table, not this file.',
    "name: 'image-size-gate'",
    "description: 'Build a Docker image, measure it, smoke-test it hardened, and fail the step when it breaks its size, layer, non-root or start-up budgets.'",
    "author: 'image-size-gate'",
    'branding:',
    "  icon: 'package'",
    "  color: 'green'",
    'inputs:',
  ];
  for (const input of INPUTS) {
    lines.push(`  ${input.name}:`, `    description: ${yamlString(input.description)}`, '    required: false');
    if (input.default !== '') lines.push(`    default: ${yamlString(input.default)}`);
  }
  lines.push('outputs:');
  for (const output of OUTPUTS) lines.push(`  ${output.name}:`, `    description: ${yamlString(output.description)}`);
  lines.push('runs:', "  using: 'node24'", "  main: 'dist/main/index.js'", "  post: 'dist/post/index.js'", '');
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderInputsTable(): string {
  return [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...INPUTS.map((input) => `| \`${input.name}\` | ${input.default ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`),
  ].join('\n');
}

export function renderOutputsTable(): string {
  return [
    '| Output | Description |',
    '| --- | --- |',
    ...OUTPUTS.map((output) => `| \`${output.name}\` | ${cell(output.description)} |`),
  ].join('\n');
}

export const README_MARKERS = {
  inputs: ['<!-- inputs:start -->', '<!-- inputs:end -->'],
  outputs: ['<!-- outputs:start -->', '<!-- outputs:end -->'],
} as const;

/** Replaces the text between each pair of markers in the README with the rendered table. */
export function updateReadme(readme: string): string {
  let updated = readme;
  for (const [key, [start, end]] of Object.entries(README_MARKERS)) {
    const from = updated.indexOf(start);
    const to = updated.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
    const table = key === 'inputs' ? renderInputsTable() : renderOutputsTable();
    updated = `${updated.slice(0, from + start.length)}\n${table}\n${updated.slice(to)}`;
  }
  return updated;
}
