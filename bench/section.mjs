// The one writer of BENCHMARKS.md's measured sections: each benchmark owns the text between its
// <!-- name:start --> and <!-- name:end --> markers, replaced on every run (appended under `heading` when missing).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'BENCHMARKS.md');

export function writeSection(name, heading, lines) {
  const existing = readFileSync(FILE, 'utf8');
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const section = `${start}\n${lines.join('\n')}\n${end}`;
  writeFileSync(
    FILE,
    existing.includes(start)
      ? `${existing.slice(0, existing.indexOf(start))}${section}${existing.slice(existing.indexOf(end) + end.length)}`
      : `${existing.trimEnd()}\n\n## ${heading}\n\n${section}\n`,
  );
}
