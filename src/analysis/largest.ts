// Pure: the largest few of many items, in one pass, and what the others add up to. Reports list the largest
// files, directories and duplicated paths, never all of them: an image can have hundreds of thousands.

/** What a bounded list leaves out: how many items, and their bytes together. */
export interface NotListed {
  count: number;
  sizeBytes: number;
}

/** The `limit` largest items, largest first (of equal ones, the earlier first), and the others' count and bytes. */
export function largestOf<T>(items: Iterable<T>, limit: number, bytesOf: (item: T) => number): { listed: T[]; notListed?: NotListed } {
  const listed: T[] = [];
  const listedBytes: number[] = [];
  let count = 0;
  let totalBytes = 0;
  for (const item of items) {
    const bytes = bytesOf(item);
    count += 1;
    totalBytes += bytes;
    if (listed.length >= limit && !(bytes > listedBytes[listedBytes.length - 1])) continue;
    let at = listed.length;
    while (at > 0 && listedBytes[at - 1] < bytes) at -= 1;
    listed.splice(at, 0, item);
    listedBytes.splice(at, 0, bytes);
    if (listed.length > limit) {
      listed.pop();
      listedBytes.pop();
    }
  }
  if (count === listed.length) return { listed };
  const keptBytes = listedBytes.reduce((sum, bytes) => sum + bytes, 0);
  return { listed, notListed: { count: count - listed.length, sizeBytes: totalBytes - keptBytes } };
}
