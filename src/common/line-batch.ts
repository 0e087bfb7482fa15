// Echoing a long build log: one write per line costs more than the build itself (a write is a system call, and
// a noisy build prints millions of lines), so lines are gathered and written together, at the latest on the
// next turn of the event loop, so the log still follows the build as it runs.

/** Enough lines to make a write worth it, few enough to keep memory small. */
const BATCH_CHARS = 64 * 1024;

export interface LineBatch {
  /** Adds one line (without its newline). */
  add(line: string): void;
  /** Writes what is gathered now: before anything else is written to the same stream. */
  flush(): void;
}

export function lineBatch(write: (text: string) => void): LineBatch {
  let pending: string[] = [];
  let pendingChars = 0;
  let scheduled = false;
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    write(text);
  };
  return {
    add: (line) => {
      pending.push(`${line}\n`);
      pendingChars += line.length + 1;
      if (pendingChars >= BATCH_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}
