// Lint for the layout: no import cycles among src/ files, type-only imports included (they tie files together as
// much as value imports do), and child processes started only by the process layer (src/exec/).
// Exits 1 and names each cycle, shortest first, and each file that imports node:child_process elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE_ROOT = 'src';
const PROCESS_LAYER = 'src/exec/';

function sourceFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: import and export declarations (type-only ones too) and import() calls. */
function specifiersOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0] ?? {}))
      found.push(node.arguments[0].text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SOURCE_ROOT).sort();
const known = new Set(files);
const edges = new Map();
const problems = [];
for (const file of files) {
  const targets = new Set();
  for (const specifier of specifiersOf(file)) {
    if (specifier === 'node:child_process' || specifier === 'child_process') {
      if (!file.startsWith(PROCESS_LAYER))
        problems.push(`${file} imports ${specifier}: start processes through ${PROCESS_LAYER}process.ts`);
      continue;
    }
    if (!specifier.startsWith('.')) continue;
    const target = path.join(path.dirname(file), specifier).replace(/\.js$/, '.ts');
    if (known.has(target)) targets.add(target);
    else if (known.has(path.join(target, 'index.ts'))) targets.add(path.join(target, 'index.ts'));
    else problems.push(`${file} imports ${specifier}, which is no file under ${SOURCE_ROOT}/`);
  }
  edges.set(file, [...targets].sort());
}

// Tarjan's strongly connected components: any component of two or more files (or a file importing itself) is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function connect(file) {
  index.set(file, counter);
  low.set(file, counter);
  counter += 1;
  stack.push(file);
  onStack.add(file);
  for (const next of edges.get(file)) {
    if (!index.has(next)) {
      connect(next);
      low.set(file, Math.min(low.get(file), low.get(next)));
    } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)));
  }
  if (low.get(file) !== index.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || edges.get(file).includes(file)) components.push(component.sort());
}
for (const file of files) if (!index.has(file)) connect(file);

for (const component of components.sort((a, b) => a.length - b.length)) {
  const members = new Set(component);
  const ties = component.flatMap((file) =>
    edges
      .get(file)
      .filter((next) => members.has(next))
      .map((next) => `    ${file} -> ${next}`),
  );
  problems.push(`import cycle of ${component.length} files:\n${ties.join('\n')}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`imports: ${files.length} files under ${SOURCE_ROOT}/, no cycle, processes started only in ${PROCESS_LAYER}`);
