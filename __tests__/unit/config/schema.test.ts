import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/config/error.js';
import { parseConfig } from '../../../src/config/load.js';
import { configSchema } from '../../../src/config/schema.js';
import { CONFIG_SCHEMA_FILE, renderConfigSchema } from '../../../src/docs/render.js';
import { INPUTS, InputDefinition } from '../../../src/inputs/table.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

type Schema = Record<string, unknown>;

const EXAMPLE = 'examples/monorepo/.github/image-size-gate.yml';
const committed = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as Schema;

const validate = new Ajv2020({ allowUnionTypes: true, allErrors: true }).compile(committed);

/** What a real JSON Schema validator says of a value: its errors (none: valid). */
function validateWithAjv(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

function propertyNames(schema: unknown): string[] {
  return Object.keys((schema as { properties: Schema }).properties).sort();
}

const namesOf = (scopes: InputDefinition['scope'][]) =>
  INPUTS.filter((input) => scopes.includes(input.scope))
    .map((input) => input.name)
    .sort();

function accepts(text: string): boolean {
  try {
    parseConfig(text, '.github/image-size-gate.yml');
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

/** A valid value of each type, as YAML. */
const SAMPLE: Record<InputDefinition['type'], string> = {
  string: 'x',
  boolean: 'true',
  integer: '1',
  size: '1MB',
  duration: '1s',
  fraction: '0.5',
  port: '8080',
  choice: '',
  list: '[a]',
  map: '{ A: 1 }',
};

const sample = (input: InputDefinition) => (input.type === 'choice' ? input.choices![0] : SAMPLE[input.type]);

describe('the config file JSON Schema', () => {
  test(`${CONFIG_SCHEMA_FILE} is what the input table renders (run npm run docs)`, () => {
    expect(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')).toBe(renderConfigSchema());
    expect(committed).toEqual(configSchema());
  });

  test('its keys and the inputs cannot drift apart', () => {
    const top = committed as { properties: Record<string, Schema> };
    expect(propertyNames(top.properties.defaults)).toEqual(namesOf(['image', 'matrix']));
    expect(propertyNames(top.properties.images.items)).toEqual(namesOf(['image', 'entry', 'matrix']));
    expect(propertyNames(top)).toEqual([...namesOf(['step']), 'defaults', 'images'].sort());
    // The images input (a matrix job's selection) shares its name with the file's own images: list, which is not it.
    for (const input of INPUTS.filter((candidate) => candidate.scope === 'workflow' && candidate.name !== 'images'))
      expect(JSON.stringify(committed)).not.toContain(`"${input.name}":`);
    expect(top.properties.images.description).toBe('The images to gate, each with a unique name.');
  });

  test('every input: parseConfig takes it exactly where the schema does', () => {
    const where = (input: InputDefinition) => ({
      top: `${input.name}: ${sample(input)}\nimages:\n  - name: a\n`,
      defaults: `defaults:\n  ${input.name}: ${sample(input)}\nimages:\n  - name: a\n`,
      entry: `images:\n  - ${input.name === 'name' ? '' : 'name: a\n    '}${input.name}: ${sample(input)}\n`,
    });
    // images is the file's own list at the top level: as a key of its own it is that list, never the input.
    for (const input of INPUTS.filter((candidate) => candidate.name !== 'images')) {
      for (const [place, text] of Object.entries(where(input))) {
        const schemaSays = validateWithAjv(parse(text)).length === 0;
        expect(`${place} ${input.name}: ${accepts(text)}`).toBe(`${place} ${input.name}: ${schemaSays}`);
      }
    }
  });

  test('the monorepo example parses, and the schema accepts it', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    expect(validateWithAjv(parse(text))).toEqual([]);
    const config = parseConfig(text, EXAMPLE);
    expect(config.images.map((image) => [image.name, image.values.context])).toEqual([
      ['api', 'examples/monorepo/services/api'],
      ['worker', 'examples/monorepo/services/worker'],
      ['frontend', 'examples/monorepo/services/frontend'],
    ]);
    for (const image of config.images) expect(readFileSync(`${image.values.context}/Dockerfile`, 'utf8')).toContain('FROM ');
  });

  test.each([
    ['an unknown key', 'images:\n  - name: a\n    max-sise: 1MB\n'],
    ['a wrong type', 'images:\n  - name: a\n    max-layers: [1]\n'],
    ['yes for a boolean', 'images:\n  - name: a\n    analyze: yes\n'],
    ['a choice not offered', 'images:\n  - name: a\n    smoke: maybe\n'],
    ['an image and a context', 'images:\n  - name: a\n    image: app:ci\n    context: .\n'],
    ['the token', 'github-token: x\nimages:\n  - name: a\n'],
    ['no images', 'images: []\n'],
    ['no name', 'images:\n  - context: .\n'],
    ['a blank name', 'images:\n  - name: " "\n'],
    ['a name on two lines', 'images:\n  - name: "a\\nb"\n'],
    ['a bad variable name', 'images:\n  - name: a\n    build-args: { "1X": y }\n'],
    ['a step key in an entry', 'images:\n  - name: a\n    comment: never\n'],
  ])('%s: refused by both the schema and parseConfig', (_what, text) => {
    expect(validateWithAjv(parse(text))).not.toEqual([]);
    expect(accepts(text)).toBe(false);
  });
});

test('Ajv (draft 2020-12) compiles the schema and accepts the example', () => {
  expect(validateWithAjv(parse(readFileSync(EXAMPLE, 'utf8')))).toEqual([]);
  expect(validateWithAjv(parse('images:\n  - name: a\n    max-sise: 1MB\n'))).not.toEqual([]);
});

test('the example config in docs/config-file.md is valid: the JSON Schema and parseConfig both take it', () => {
  const page = readFileSync('docs/config-file.md', 'utf8');
  const block = /```yaml\n(# \.github\/image-size-gate\.yml[^\n]*\n[\s\S]*?)```/.exec(page)?.[1];
  expect(block).toBeDefined();
  expect(validateWithAjv(parse(block!))).toEqual([]);
  expect(accepts(block!)).toBe(true);
  expect(parseConfig(block!, '.github/image-size-gate.yml').images.map((image) => image.name)).toEqual(['api', 'worker', 'frontend']);
});
