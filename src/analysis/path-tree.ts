// Pure: a tree of paths of a PathTable (path-table.ts), as a set of ids with each member's children in a list
// linked both ways: adding a path adds its missing ancestors, and taking a subtree out costs the members it
// holds, never the paths the table knows. dive's stacked tree and the reclaimable pass's files are such trees.
import { grownColumn, NO_ID, PathTable, ROOT_ID } from './path-table.js';

export class PathTree {
  private members = new Uint8Array(0);
  private first = new Int32Array(0);
  private next = new Int32Array(0);
  private previous = new Int32Array(0);

  constructor(readonly table: PathTable) {
    this.fit();
    this.members[ROOT_ID] = 1;
    this.first[ROOT_ID] = NO_ID;
  }

  /** Gives the columns room for every path of the table (called after paths are added). */
  fit(): void {
    const size = this.table.columnLength;
    if (size <= this.members.length) return;
    this.members = grownColumn(this.members, size);
    this.first = grownColumn(this.first, size);
    this.next = grownColumn(this.next, size);
    this.previous = grownColumn(this.previous, size);
  }

  has(id: number): boolean {
    return this.members[id] === 1;
  }

  firstChild(id: number): number {
    return this.first[id];
  }

  nextSibling(id: number): number {
    return this.next[id];
  }

  /** Adds a path and its missing ancestors. */
  add(id: number): void {
    if (this.has(id)) return;
    if (this.has(this.table.parentOf(id))) return this.link(id);
    const missing = [id];
    for (let above = this.table.parentOf(id); !this.has(above); above = this.table.parentOf(above)) missing.push(above);
    for (let index = missing.length - 1; index >= 0; index -= 1) this.link(missing[index]);
  }

  private link(id: number): void {
    const parent = this.table.parentOf(id);
    const first = this.first[parent];
    this.members[id] = 1;
    this.first[id] = NO_ID;
    this.previous[id] = NO_ID;
    this.next[id] = first;
    if (first !== NO_ID) this.previous[first] = id;
    this.first[parent] = id;
  }

  /** Takes a member and everything under it out (for the root, everything under it); their ids go to `removed`. */
  remove(id: number, removed?: number[]): void {
    if (id === ROOT_ID) return this.removeChildren(id, removed);
    const previous = this.previous[id];
    const next = this.next[id];
    if (previous === NO_ID) this.first[this.table.parentOf(id)] = next;
    else this.next[previous] = next;
    if (next !== NO_ID) this.previous[next] = previous;
    this.clear(id, removed);
  }

  /** Takes everything under a member out, the member itself staying; their ids go to `removed`. */
  removeChildren(id: number, removed?: number[]): void {
    const children = this.first[id];
    this.first[id] = NO_ID;
    for (let child = children; child !== NO_ID; child = this.next[child]) this.clear(child, removed);
  }

  /** Marks a subtree unlinked from its parent as out of the tree. */
  private clear(top: number, removed: number[] | undefined): void {
    const pending = [top];
    while (pending.length > 0) {
      const node = pending.pop()!;
      this.members[node] = 0;
      removed?.push(node);
      for (let child = this.first[node]; child !== NO_ID; child = this.next[child]) pending.push(child);
    }
  }
}
