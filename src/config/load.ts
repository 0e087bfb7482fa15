// Pure: the config file's text -> the images it lists, each with its values in the action inputs' own text
// form (so getInputs checks them as it checks inputs), or a ConfigError that says where and how to fix it.
//
// The file: optional step-wide keys at the top level, optional `defaults:` for every image, and `images:`, a
// non-empty list of entries. Each entry needs a `name`, unique in the file: the comment and the report list
// images by name. Every other key is the action input of the same name (see inputs/table.ts, `scope`).
// Relative `context` and `dockerfile` paths start at the repository root (see configRoot).
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, Pair, parseDocument, YAMLMap } from 'yaml';
import { visible, withoutInvisible } from '../common/escape.js';
import { ConfigError, SourcePosition } from './error.js';
import { BUILD_KEYS, ConfigPlace, inputDefinition, keysFor, misplacedInput, nearestKey, PATH_KEYS, STRUCTURE_KEYS } from './keys.js';
import { ConfigSource, describeNode, scalarText } from './source.js';
import { valueText } from './values.js';

/** Values by input name, and where each was set (the position of its key). */
export interface ConfigBlock {
  values: Record<string, string>;
  positions: Record<string, SourcePosition>;
}

export interface ConfigImage extends ConfigBlock {
  name: string;
  /** Its place in `images:`, from 0. */
  index: number;
  /** The line its entry starts on. */
  line: number;
}

export interface GateConfig {
  file: string;
  /** Where the relative `context` and `dockerfile` paths of the file start. */
  root: string;
  /** Step-wide values set at the top level of the file (comment, report-file...). */
  step: Record<string, string>;
  defaults: Record<string, string>;
  images: ConfigImage[];
  positions: { step: Record<string, SourcePosition>; defaults: Record<string, SourcePosition> };
}

/**
 * The repository root, where the file's relative paths start: the parent of the file's folder when that
 * folder is `.github` (`.github/image-size-gate.yml` -> `.`), else the file's own folder (`ci/gate.yml` -> `ci`).
 */
export function configRoot(file: string): string {
  const folder = path.dirname(file);
  return path.basename(folder) === '.github' ? path.dirname(folder) : folder;
}

/** A path from the file, made relative to the working directory; an absolute path as it is. */
function rebase(root: string, value: string): string {
  return value === '' || path.isAbsolute(value) ? value : path.join(root, value);
}

/** Fixes for the YAML mistakes people make most. */
const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'a key may appear once in a mapping: remove or merge the repeated one',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep the whole config in one YAML document (remove the --- line)',
};

export function parseConfig(text: string, file: string): GateConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const source = new ConfigSource(file, lineCounter, doc);
  const syntax = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (syntax) {
    const fix = YAML_FIXES[syntax.code] ?? 'correct the YAML here (the line above may be where it starts)';
    throw new ConfigError(file, source.positionAt(syntax.pos[0]), '', `is not valid YAML: ${syntax.message}`, fix);
  }
  const top = source.resolve(doc.contents);
  if (!isMap(top)) {
    const got = describeNode(top);
    throw source.error(
      top,
      '',
      `expected a mapping with an images: list at the top, got ${got}`,
      'start with images: and one entry per image',
    );
  }
  const root = configRoot(file);
  const parts = readTop(top, source, root);
  const defaults = readDefaults(parts.defaults, source, root);
  const images = readImages(top, parts.images, source, root);
  return {
    file,
    root,
    step: parts.step.values,
    defaults: defaults.values,
    images,
    positions: { step: parts.step.positions, defaults: defaults.positions },
  };
}

function readTop(top: YAMLMap, source: ConfigSource, root: string): { step: ConfigBlock; defaults?: Pair; images?: Pair } {
  const step: ConfigBlock = { values: {}, positions: {} };
  const parts: { step: ConfigBlock; defaults?: Pair; images?: Pair } = { step };
  for (const item of top.items) {
    const pair = item as Pair;
    const key = keyText(pair, source, '');
    if (key === 'defaults' || key === 'images') parts[key] = pair;
    else readInput(pair, key, { place: 'top', prefix: '', block: step, source, root });
  }
  return parts;
}

function readDefaults(pair: Pair | undefined, source: ConfigSource, root: string): ConfigBlock {
  const block: ConfigBlock = { values: {}, positions: {} };
  const node = source.resolve(pair?.value);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return block;
  if (!isMap(node)) {
    throw source.error(
      node,
      'defaults',
      `expected a mapping of inputs to values, got ${describeNode(node)}`,
      'e.g. defaults: { max-layers: 10 }',
    );
  }
  readBlock(node, { place: 'defaults', prefix: 'defaults', block, source, root });
  return block;
}

/**
 * The most images one config file may list. Each is built, measured and smoke-tested in turn, and one comment
 * shows them all; past this, split them across jobs with the matrix mode (the plan and report sub-actions,
 * docs/matrix.md).
 */
export const MAX_CONFIG_IMAGES = 500;

/** A name as a reader sees it: without invisible characters, in one Unicode normal form. */
function seenName(name: string): string {
  return withoutInvisible(name).normalize('NFC');
}

function readImages(top: YAMLMap, pair: Pair | undefined, source: ConfigSource, root: string): ConfigImage[] {
  if (!pair) throw source.error(top, '', 'has no images: list', 'add images: with one entry per image, each with a name');
  const node = source.resolve(pair.value);
  if (!isSeq(node) || node.items.length === 0) {
    const at = isSeq(node) || (isScalar(node) && node.value !== null) ? node : pair.key;
    const fix = 'list one entry per image, each starting with - name: ...';
    throw source.error(at, 'images', `expected a list of at least one image, got ${describeNode(node)}`, fix);
  }
  if (node.items.length > MAX_CONFIG_IMAGES) {
    const problem = `lists ${node.items.length} images; one config file gates at most ${MAX_CONFIG_IMAGES} (one after another, in one comment)`;
    const fix = 'split them across jobs with the matrix mode (the plan and report sub-actions, docs/matrix.md)';
    throw source.error(pair.key, 'images', problem, fix);
  }
  const firstLineByName = new Map<string, { line: number; name: string }>();
  return node.items.map((item, index) => {
    const image = readEntry(item, index, source, root);
    const first = firstLineByName.get(seenName(image.name));
    if (first !== undefined) {
      const invisible = first.name === image.name ? '' : ' (the two differ only by invisible characters)';
      const problem = `${JSON.stringify(visible(image.name))} is already the name of the image on line ${first.line}${invisible}`;
      throw new ConfigError(source.file, image.positions.name, `images[${index}].name`, problem, 'give each image its own name');
    }
    firstLineByName.set(seenName(image.name), { line: image.line, name: image.name });
    return image;
  });
}

function readEntry(item: unknown, index: number, source: ConfigSource, root: string): ConfigImage {
  const prefix = `images[${index}]`;
  const node = source.resolve(item);
  if (!isMap(node)) {
    const fix = 'write each entry as - name: api with its other keys indented below it';
    throw source.error(node ?? item, prefix, `expected a mapping of inputs to values, got ${describeNode(node)}`, fix);
  }
  const block: ConfigBlock = { values: {}, positions: {} };
  readBlock(node, { place: 'entry', prefix, block, source, root });
  const start = source.position(node);
  checkName(block, prefix, source, start);
  checkBuildOrImage(block, prefix, source);
  return { name: block.values.name.trim(), index, line: start.line, ...block };
}

function checkName(block: ConfigBlock, prefix: string, source: ConfigSource, start: SourcePosition): void {
  const name = block.values.name?.trim() ?? '';
  const at = block.positions.name ?? start;
  const why = '(the comment and the report list images by name)';
  if (name === '') {
    const guess = path.basename(block.values.context || block.values.image?.replace(/[:@].*$/, '') || 'api');
    throw new ConfigError(source.file, at, `${prefix}.name`, `an image needs a name ${why}`, `add name: ${visible(guess, 60)}`);
  }
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) {
    throw new ConfigError(source.file, at, `${prefix}.name`, 'contains a control character or line break', 'write the name on one line');
  }
}

function checkBuildOrImage(block: ConfigBlock, prefix: string, source: ConfigSource): void {
  if (!('image' in block.values)) return;
  const clash = BUILD_KEYS.find((key) => key in block.values);
  if (!clash) return;
  const problem = `cannot be combined with image (line ${block.positions.image.line}) in one entry: an entry either builds or gates a built image`;
  const fix = `remove image: to build, or remove ${clash}: to gate the built image`;
  throw new ConfigError(source.file, block.positions[clash], `${prefix}.${clash}`, problem, fix);
}

interface BlockReader {
  place: ConfigPlace;
  /** The block's path in the file (`defaults`, `images[0]`), '' at the top level. */
  prefix: string;
  block: ConfigBlock;
  source: ConfigSource;
  root: string;
}

function readBlock(node: YAMLMap, reader: BlockReader): void {
  for (const item of node.items) {
    const pair = item as Pair;
    readInput(pair, keyText(pair, reader.source, reader.prefix), reader);
  }
}

/** A key as text; a key that is a list, a mapping or empty is refused. */
function keyText(pair: Pair, source: ConfigSource, prefix: string): string {
  const key = source.resolve(pair.key);
  if (isScalar(key) && key.value !== null && typeof key.value !== 'object') return scalarText(key);
  throw source.error(key ?? pair.value, prefix, `expected a key as text, got ${describeNode(key)}`, 'write key: value');
}

function readInput(pair: Pair, key: string, reader: BlockReader): void {
  const { place, prefix, block, source, root } = reader;
  const keyPath = prefix ? `${prefix}.${visible(key, 60)}` : visible(key, 60);
  const input = inputDefinition(key);
  if (!input) throw unknownKey(pair, keyPath, key, reader);
  const misplaced = misplacedInput(place, input);
  if (misplaced) throw source.error(pair.key, keyPath, misplaced.problem, misplaced.fix);
  const text = valueText(pair.value, { source, path: keyPath, input });
  block.values[key] = (PATH_KEYS as readonly string[]).includes(key) ? rebase(root, text) : text;
  block.positions[key] = source.position(pair.key);
}

function unknownKey(pair: Pair, keyPath: string, key: string, reader: BlockReader): ConfigError {
  const candidates = reader.place === 'top' ? [...STRUCTURE_KEYS, ...keysFor('top')] : keysFor(reader.place);
  const near = nearestKey(key, candidates);
  const fix = near ? `did you mean ${near}?` : `the keys here are: ${candidates.join(', ')}`;
  return reader.source.error(pair.key, keyPath, 'unknown key', fix);
}
