// Pure: the largest few of many items, kept as they come, and what the others add up to. Reports list the
// largest files, directories and duplicated paths, never all of them: an image can have hundreds of thousands.

/** What a bounded list leaves out: how many items, and their bytes together. */
export interface NotListed {
  count: number;
  sizeBytes: number;
}

/** The `limit` largest items given to `add`, largest first (of equal ones, the earlier first). */
export class LargestItems<T> {
  private readonly items: T[] = [];
  private readonly itemBytes: number[] = [];
  private count = 0;
  private totalBytes = 0;

  constructor(private readonly limit: number) {}

  add(item: T, bytes: number): void {
    this.count += 1;
    this.totalBytes += bytes;
    const { items, itemBytes } = this;
    if (items.length >= this.limit && !(bytes > itemBytes[itemBytes.length - 1])) return;
    let at = items.length;
    while (at > 0 && itemBytes[at - 1] < bytes) at -= 1;
    items.splice(at, 0, item);
    itemBytes.splice(at, 0, bytes);
    if (items.length > this.limit) {
      items.pop();
      itemBytes.pop();
    }
  }

  /** The items kept, and, when some were left out, how many and their bytes. */
  result(): { listed: T[]; notListed?: NotListed } {
    if (this.count === this.items.length) return { listed: [...this.items] };
    const listedBytes = this.itemBytes.reduce((sum, bytes) => sum + bytes, 0);
    return { listed: [...this.items], notListed: { count: this.count - this.items.length, sizeBytes: this.totalBytes - listedBytes } };
  }
}

/** The `limit` largest items, largest first (of equal ones, the earlier first), and the others' count and bytes. */
export function largestOf<T>(items: Iterable<T>, limit: number, bytesOf: (item: T) => number): { listed: T[]; notListed?: NotListed } {
  const largest = new LargestItems<T>(limit);
  for (const item of items) largest.add(item, bytesOf(item));
  return largest.result();
}
