// Writes action.yml, the sub-actions' plan/action.yml and report/action.yml, the input/output tables of the README
// and of docs/matrix.md, and the config file's JSON Schema from the tables in src/inputs/ (via a throw-away ncc bundle).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  for (const [file, text] of Object.entries(docs.renderSubActionYmls())) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  writeFileSync(docs.MATRIX_PAGE, docs.updateMatrixPage(readFileSync(docs.MATRIX_PAGE, 'utf8')));
  console.log(
    `wrote action.yml, plan/action.yml, report/action.yml, the tables of README.md and ${docs.MATRIX_PAGE}, and ${docs.CONFIG_SCHEMA_FILE}`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
