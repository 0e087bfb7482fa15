// Pure: one value of the config file (a YAML node) -> the text the action input of the same name would hold,
// checked against the type the input table gives it. What the text means is checked later, by getInputs.
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { ConfigValueType, InputDefinition } from '../inputs/table.js';
import { visible } from '../common/escape.js';
import { ConfigSource, describeNode, scalarText } from './source.js';

/** Where a value stands: the file, its path in the file (`images[0].max-size`) and the input it sets. */
export interface ValueSite {
  source: ConfigSource;
  path: string;
  input: InputDefinition;
}

/** A build argument's or environment variable's name, as getInputs accepts it. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const EXPECTED: Record<ConfigValueType, string> = {
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  size: 'a size: bytes as a whole number, or text with a unit such as 25MB',
  duration: 'a duration with its unit, such as 30s or 800ms',
  fraction: 'a number from 0 to 1, or a percentage such as 95%',
  port: 'a port number',
  choice: 'one of the choices',
  list: 'a list of text, or text',
  map: 'a mapping of KEY: value, a list of KEY=value, or text',
};

/** A value of each type, for the fix in a message. */
export const TYPE_EXAMPLE: Record<ConfigValueType, string> = {
  string: "'some text'",
  boolean: 'true',
  integer: '10',
  size: '25MB',
  duration: '30s',
  fraction: '0.95',
  port: '8080',
  choice: '',
  list: '[linux/amd64, linux/arm64]',
  map: '{ KEY: value }',
};

type ScalarKind = 'string' | 'number' | 'integer' | 'boolean';

const SCALAR_KINDS: Partial<Record<ConfigValueType, ScalarKind[]>> = {
  string: ['string'],
  boolean: ['boolean'],
  integer: ['integer'],
  size: ['integer', 'string'],
  duration: ['string'],
  fraction: ['number', 'string'],
  port: ['integer', 'string'],
};

function isKind(value: unknown, kind: ScalarKind): boolean {
  return kind === 'integer' ? Number.isInteger(value) : typeof value === kind;
}

function isText(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string';
}

function wrongType(node: unknown, site: ValueSite, expected = EXPECTED[site.input.type]): Error {
  const name = site.input.name;
  const quote = site.input.type === 'string' && isScalar(node) && !isText(node);
  const fix = quote
    ? `quote it: ${name}: '${visible(scalarText(node), 60)}'`
    : `e.g. ${name}: ${site.input.type === 'choice' ? site.input.choices?.[0] : TYPE_EXAMPLE[site.input.type]}`;
  return site.source.error(node, site.path, `expected ${expected}, got ${describeNode(node)}`, fix);
}

/** The input's text for a value of the file; '' for an empty value (`key:` or `key: null`: the input's default). */
export function valueText(node: unknown, site: ValueSite): string {
  const value = site.source.resolve(node);
  if (value === undefined || value === null || (isScalar(value) && (value.value === null || value.value === undefined))) return '';
  const type = site.input.type;
  if (type === 'choice') return choiceText(value, site);
  if (type === 'list') return listText(value, site);
  if (type === 'map') return mapText(value, site);
  if (isScalar(value) && (SCALAR_KINDS[type] ?? []).some((kind) => isKind(value.value, kind))) return scalarText(value);
  throw wrongType(value, site);
}

/** One of the input's choices; true and false may be written unquoted. */
function choiceText(node: unknown, site: ValueSite): string {
  const choices = site.input.choices ?? [];
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'boolean') && choices.includes(String(node.value)))
    return String(node.value);
  throw wrongType(node, site, `one of ${choices.join(', ')}`);
}

/** A list of text -> one item per line (as the input takes it); text as it is. */
function listText(node: unknown, site: ValueSite): string {
  if (isText(node)) return node.value;
  if (!isSeq(node)) throw wrongType(node, site);
  return textItems(node, site).join('\n');
}

function textItems(seq: YAMLSeq, site: ValueSite): string[] {
  return seq.items.map((item, index) => {
    const value = site.source.resolve(item);
    if (isText(value)) return value.value;
    throw site.source.error(value ?? seq, `${site.path}[${index}]`, `expected text, got ${describeNode(value)}`, `e.g. - 'text'`);
  });
}

/** KEY: value pairs or KEY=value items -> one KEY=value per line (as the input takes them); text as it is. */
function mapText(node: unknown, site: ValueSite): string {
  if (isText(node)) return node.value;
  if (isSeq(node)) return textItems(node, site).join('\n');
  if (!isMap(node)) throw wrongType(node, site);
  return (node as YAMLMap).items.map((pair) => keyValueLine(pair as Pair, site)).join('\n');
}

function keyValueLine(pair: Pair, site: ValueSite): string {
  const source = site.source;
  const key = source.resolve(pair.key);
  const name = isScalar(key) && key.value !== null ? scalarText(key) : '';
  const path = `${site.path}.${visible(name, 60)}`;
  if (!VARIABLE_NAME.test(name)) {
    const problem = `${JSON.stringify(visible(name, 60))} is not a variable name`;
    throw source.error(key, path, problem, 'start it with a letter or _, then letters, digits, _, . or -');
  }
  const value = source.resolve(pair.value);
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return `${name}=`;
  if (!isScalar(value) || typeof value.value === 'object') {
    throw source.error(value, path, `expected a value as text, got ${describeNode(value)}`, `e.g. ${name}: 'value'`);
  }
  const text = scalarText(value);
  if (/[\r\n]/.test(text)) throw source.error(value, path, 'a value cannot span lines', 'write it on one line');
  return `${name}=${text}`;
}
