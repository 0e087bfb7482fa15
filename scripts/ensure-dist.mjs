// Before the end-to-end tests: when dist/ was not built from the sources as they are now, package first, so the
// tests run the code under review and not a stale bundle.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sourceStamp, STAMP_FILE } from './source-stamp.mjs';

let built = '';
try {
  built = readFileSync(STAMP_FILE, 'utf8');
} catch {
  // no stamp: never packaged here
}
if (built !== sourceStamp()) {
  console.error(`${STAMP_FILE} does not match src/: packaging dist/ before the end-to-end tests`);
  execFileSync(process.execPath, ['scripts/package.mjs'], { stdio: 'inherit' });
}
