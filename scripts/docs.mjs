// Writes action.yml, the README's input/output tables and the config file's JSON Schema from src/inputs/table.ts
// (via a throw-away ncc bundle).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = mkdtempSync(path.join(tmpdir(), 'isg-docs-'));
try {
  execFileSync('npx', ['ncc', 'build', 'src/docs/render.ts', '--out', out, '--quiet'], { stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
  const docs = await import(path.join(out, 'index.js'));
  writeFileSync('action.yml', docs.renderActionYml());
  writeFileSync('README.md', docs.updateReadme(readFileSync('README.md', 'utf8')));
  writeFileSync(docs.CONFIG_SCHEMA_FILE, docs.renderConfigSchema());
  console.log(`wrote action.yml, the README tables and ${docs.CONFIG_SCHEMA_FILE}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
