// The parsed config file as the checks see it: positions of YAML nodes (1-based line and column), aliases
// followed to their anchors, and errors that say where they are.
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter } from 'yaml';
import { visible } from '../common/escape.js';
import { ConfigError, SourcePosition } from './error.js';

export class ConfigSource {
  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
    private readonly doc: Document,
  ) {}

  positionAt(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** Where a node starts; the start of the file for one the parser made up (an empty value). */
  position(node: unknown): SourcePosition {
    const range = (node as { range?: [number, number, number] | null } | null)?.range;
    return range ? this.positionAt(range[0]) : { line: 1, column: 1 };
  }

  /** The node itself, or for an alias (`*name`) the node its anchor marks. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  error(node: unknown, key: string, problem: string, fix: string): ConfigError {
    return new ConfigError(this.file, this.position(node), key, problem, fix);
  }
}

/** What a node holds, for a message: `a list`, `the number 1.10`, `the text "yes"`. */
export function describeNode(node: unknown): string {
  if (isMap(node)) return node.items.length === 0 ? 'an empty mapping' : 'a mapping';
  if (isSeq(node)) return node.items.length === 0 ? 'an empty list' : 'a list';
  if (!isScalar(node) || node.value === null || node.value === undefined) return 'nothing';
  if (typeof node.value === 'string') return `the text ${JSON.stringify(visible(node.value, 60))}`;
  if (typeof node.value === 'number') return `the number ${scalarText(node)}`;
  return visible(scalarText(node), 60);
}

/** A scalar as its text: a string as it is, a number or boolean as it was written (`1.20` stays `1.20`). */
export function scalarText(node: { value: unknown; source?: string }): string {
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}
