// The fingerprint of what the bundles in dist/ are built from: every file under src/, the lock file, the
// TypeScript config, the packaging script and package.json's version (the one field of it the CLI bundles). scripts/package.mjs writes it to dist/source-stamp.txt;
// scripts/ensure-dist.mjs compares it, so an end-to-end run never tests a bundle older than the code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = 'dist/source-stamp.txt';
const INPUTS = ['package-lock.json', 'tsconfig.json', 'scripts/package.mjs'];

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function sourceStamp() {
  const hash = createHash('sha256');
  for (const file of [...filesUnder('src').sort(), ...INPUTS]) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  hash.update(`package.json version\0${JSON.parse(readFileSync('package.json', 'utf8')).version}\0`);
  return `${hash.digest('hex')}\n`;
}
