// Pure: every path the layers name, once, as a small number (its id), with its parent's id. The trees built on
// it keep what they know of a path in typed arrays indexed by the id (columns), not in an object per path: a
// layer of a million files costs a few dozen bytes per path, not hundreds (issue 23; BENCHMARKS.md).
//
// A path's text is the entry's own string (`/usr/bin/go`), shared with the layer entries; only the directories
// that no entry names, and the paths whiteouts delete, are made. Ids are given in the order paths are met, a
// parent before its children; the root `/` is 0.

export const ROOT_ID = 0;
/** No path: a column's empty value and a failed lookup. */
export const NO_ID = -1;
/** Past this many paths the table refuses more (V8's Map holds at most 2^24 keys): the analysis says so. */
export const MAX_PATHS = 16_000_000;

export type TypedColumn = Int32Array | Float64Array | Uint8Array;

/** A column with room for `length` ids: the same array when it has, a doubled copy (new room filled with `fill`) when not. */
export function grownColumn<T extends TypedColumn>(column: T, length: number, fill = 0): T {
  if (length <= column.length) return column;
  const grown = new (column.constructor as new (length: number) => T)(Math.max(length, column.length * 2));
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}

export class TooManyPathsError extends Error {
  constructor(maxPaths: number) {
    super(`the layers name more than ${maxPaths.toLocaleString('en-US')} distinct paths, more than the gate analyses`);
    this.name = 'TooManyPathsError';
  }
}

export class PathTable {
  private readonly ids = new Map<string, number>([['/', ROOT_ID]]);
  readonly paths: string[] = ['/'];
  private parents: Int32Array;

  /**
   * `expectedPaths`: room made at once in every column (the layers' entry count is a good guess), so that a big
   * layer's columns are not copied each time they double. Pages never written take no memory.
   */
  constructor(
    readonly expectedPaths = 1024,
    private readonly maxPaths = MAX_PATHS,
  ) {
    this.parents = new Int32Array(this.columnLength).fill(NO_ID);
  }

  /** How long the columns over the table are to be made: room for every path, and at first for the paths expected. */
  get columnLength(): number {
    return Math.max(this.paths.length, this.expectedPaths);
  }

  /** How many paths the table holds (ids are 0 to size - 1). */
  get size(): number {
    return this.paths.length;
  }

  parentOf(id: number): number {
    return this.parents[id];
  }

  /** The id of a path already in the table, or NO_ID. */
  idOf(path: string): number {
    return this.ids.get(path) ?? NO_ID;
  }

  /** Where a path's own name starts in its text. */
  nameStart(id: number): number {
    const parent = this.parents[id];
    return parent === ROOT_ID ? 1 : this.paths[parent].length + 1;
  }

  /** The path of a directory's child: `name` may be '' (the path then ends with a slash, as dive writes `.wh.` alone). */
  childPath(parentId: number, name: string): string {
    return parentId === ROOT_ID ? `/${name}` : `${this.paths[parentId]}/${name}`;
  }

  /** The id of a clean path (`/a/b`, or one ending with a slash), added with its missing ancestors when new. */
  intern(path: string): number {
    const known = this.ids.get(path);
    if (known !== undefined) return known;
    const missing = [path];
    let parentId: number | undefined;
    for (let current = path; parentId === undefined;) {
      const slash = current.lastIndexOf('/');
      current = slash <= 0 ? '/' : current.slice(0, slash);
      parentId = this.ids.get(current);
      if (parentId === undefined) missing.push(current);
    }
    for (let index = missing.length - 1; index >= 0; index -= 1) parentId = this.add(missing[index], parentId);
    return parentId;
  }

  private add(path: string, parentId: number): number {
    const id = this.paths.length;
    if (id >= this.maxPaths) throw new TooManyPathsError(this.maxPaths);
    this.parents = grownColumn(this.parents, id + 1, NO_ID);
    this.parents[id] = parentId;
    this.paths.push(path);
    this.ids.set(path, id);
    return id;
  }
}
