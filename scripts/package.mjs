// Bundles the entries with ncc into dist/: the action's main and post steps, the CLI, the sub-actions
// image-size-gate/plan and image-size-gate/report, and the compression worker.
// Each gets its own folder; dist/package.json marks the bundles as ES modules, and dist/source-stamp.txt says
// which sources they were built from (scripts/ensure-dist.mjs reads it).
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { sourceStamp, STAMP_FILE } from './source-stamp.mjs';

const entries = [
  ['src/index.ts', 'dist/main'],
  ['src/post.ts', 'dist/post'],
  ['src/cli.ts', 'dist/cli'],
  ['src/plan.ts', 'dist/plan'],
  ['src/report-step.ts', 'dist/report-step'],
  // The worker threads that compute docker push's compressed sizes (src/analysis/go-gzip/pool.ts finds it
  // beside the bundle that runs).
  ['src/analysis/go-gzip/worker.ts', 'dist/gzip-worker'],
];

rmSync('dist', { recursive: true, force: true });
for (const [entry, outDir] of entries) {
  execFileSync('npx', ['ncc', 'build', entry, '--out', outDir, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'], {
    stdio: 'inherit',
  });
}
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n');
// ncc keeps the shebang of the CLI entry; make the bundle executable for `npx` and direct runs.
const cli = readFileSync('dist/cli/index.js', 'utf8');
if (!cli.startsWith('#!')) writeFileSync('dist/cli/index.js', `#!/usr/bin/env node\n${cli}`);
chmodSync('dist/cli/index.js', 0o755);
writeFileSync(STAMP_FILE, sourceStamp());
