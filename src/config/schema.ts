// Pure: the JSON Schema (draft 2020-12) of the config file, made from the input table, for editors and for
// checking a file before a run. It says what parseConfig accepts; parseConfig stays the judge (it also
// refuses a duplicate name, which a schema cannot say).
import { ConfigValueType, INPUTS, InputDefinition } from '../inputs/table.js';
import { BUILD_KEYS } from './keys.js';

type Schema = Record<string, unknown>;

const NULL: Schema = { type: 'null' };

/** How each type is written in the file; null (an empty value) stands for the input's default. */
const TYPE_SCHEMAS: Record<Exclude<ConfigValueType, 'choice'>, Schema> = {
  string: { type: ['string', 'null'] },
  boolean: { type: ['boolean', 'null'] },
  integer: { type: ['integer', 'null'], minimum: 0 },
  size: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }, NULL] },
  duration: { type: ['string', 'null'] },
  fraction: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'string' }, NULL] },
  port: { anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string' }, NULL] },
  list: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }, NULL] },
  map: {
    anyOf: [
      {
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' },
        additionalProperties: { anyOf: [{ type: 'string', pattern: '^[^\\r\\n]*$' }, { type: ['number', 'boolean', 'null'] }] },
      },
      { type: 'array', items: { type: 'string' } },
      { type: 'string' },
      NULL,
    ],
  },
};

/** What the file may write, added to the input's description. */
const TYPE_NOTES: Record<ConfigValueType, string> = {
  string: '',
  boolean: '',
  integer: '',
  size: ' In the file: bytes as a whole number, or text with a unit.',
  duration: '',
  fraction: '',
  port: '',
  choice: '',
  list: ' In the file: a list, or text.',
  map: ' In the file: a mapping KEY: value, a list of KEY=value, or text.',
};

function inputSchema(input: InputDefinition): Schema {
  const description = input.description + TYPE_NOTES[input.type];
  if (input.type === 'choice') {
    const choices = input.choices ?? [];
    const booleans = choices.includes('true') ? [true, false] : [];
    return { description, enum: [...choices, ...booleans, null] };
  }
  return { description, $ref: `#/$defs/${input.type}` };
}

function properties(scopes: InputDefinition['scope'][]): Record<string, Schema> {
  return Object.fromEntries(INPUTS.filter((input) => scopes.includes(input.scope)).map((input) => [input.name, inputSchema(input)]));
}

function imageSchema(): Schema {
  const props = properties(['image', 'entry', 'matrix']);
  // Required, not blank, on one line: the comment and the report list images by name.
  const oneLine = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$';
  props.name = { description: props.name.description, type: 'string', allOf: [{ pattern: '\\S' }, { pattern: oneLine }] };
  return {
    type: 'object',
    description: 'One image to gate: a name, and how to build or find it, its budgets and its smoke test.',
    required: ['name'],
    additionalProperties: false,
    properties: props,
    // An entry either builds or gates a built image.
    dependentSchemas: { image: { not: { anyOf: BUILD_KEYS.map((key) => ({ required: [key] })) } } },
  };
}

export function configSchema(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'image-size-gate config',
    description:
      "Several images gated in one step, with one comment. Every key is the action input of the same name; an image entry overrides defaults, defaults override the action inputs. Relative context and dockerfile paths start at the repository root: the folder that holds .github/ for a file in .github/, else the file's own folder.",
    type: 'object',
    required: ['images'],
    additionalProperties: false,
    properties: {
      ...properties(['step']),
      defaults: {
        description: 'Values for every image (an entry overrides them).',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: properties(['image', 'matrix']),
      },
      images: { description: 'The images to gate, each with a unique name.', type: 'array', minItems: 1, items: imageSchema() },
    },
    $defs: TYPE_SCHEMAS,
  };
}
