// Bundles bench/whiteouts-entry.ts (analyse a `docker save` archive file in a fresh process) against the working
// tree's sources or those of a commit, so that the engine-free benchmarks compare code before and after a change.
import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The bundled entry's path, built under `work` from `root`'s working tree, or from `ref`'s sources when given. */
export function bundleArchiveEntry(root, work, ref) {
  const sources = path.join(work, ref ? `sources-${ref}` : 'sources');
  if (ref) {
    execFileSync('bash', ['-c', `mkdir -p '${sources}' && git -C '${root}' archive '${ref}' src tsconfig.json | tar -x -C '${sources}'`]);
  } else {
    cpSync(path.join(root, 'src'), path.join(sources, 'src'), { recursive: true });
    cpSync(path.join(root, 'tsconfig.json'), path.join(sources, 'tsconfig.json'));
  }
  cpSync(path.join(root, 'package.json'), path.join(sources, 'package.json'));
  cpSync(path.join(root, 'bench', 'whiteouts-entry.ts'), path.join(sources, 'bench', 'whiteouts-entry.ts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(sources, 'node_modules'));
  const out = path.join(work, ref ? `bundle-${ref}` : 'bundle');
  execFileSync('npx', ['ncc', 'build', 'bench/whiteouts-entry.ts', '--out', out, '--quiet'], { cwd: sources, stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
  return path.join(out, 'index.js');
}
