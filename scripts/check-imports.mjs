// Lint for the layout: no import cycles among src/ files, type-only imports included (they tie files together as
// much as value imports do); none among src/'s folders either, so that imports point one way, from the entries
// down to the leaves; and child processes started only by the process layer (src/exec/).
// Exits 1 and names each cycle, shortest first, and each file that imports node:child_process elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE_ROOT = 'src';
const PROCESS_LAYER = 'src/exec/';
// The one file outside src/ that src/ may import: package.json, for the version (read where it is the one source).
const PACKAGE_JSON_READER = 'src/common/version.ts';

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
    if (target === 'package.json') {
      if (file !== PACKAGE_JSON_READER) problems.push(`${file} imports package.json: take VERSION from ${PACKAGE_JSON_READER}`);
      continue;
    }
    if (known.has(target)) targets.add(target);
    else if (known.has(path.join(target, 'index.ts'))) targets.add(path.join(target, 'index.ts'));
    else problems.push(`${file} imports ${specifier}, which is no file under ${SOURCE_ROOT}/`);
  }
  edges.set(file, [...targets].sort());
}

// Tarjan's strongly connected components: any component of two or more nodes (or a node importing itself) is a cycle.
function cyclesOf(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node).includes(node)) components.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return components.sort((a, b) => a.length - b.length);
}

/** What ties a cycle together: each edge between two of its members, with the files behind it. */
function describeCycle(kind, component, graph, because = () => []) {
  const members = new Set(component);
  const ties = component.flatMap((node) =>
    graph
      .get(node)
      .filter((next) => members.has(next))
      .map((next) => {
        const why = because(node, next);
        const more = why.length > 3 ? [`and ${why.length - 3} more`] : [];
        return [`    ${node} -> ${next}`, ...[...why.slice(0, 3), ...more].map((line) => `      ${line}`)].join('\n');
      }),
  );
  return `import cycle of ${component.length} ${kind}:\n${ties.join('\n')}`;
}

for (const component of cyclesOf(edges)) problems.push(describeCycle('files', component, edges));

// The folders of src/ (a file at the top of src/ is its own folder): one folder imports another, or is imported by it.
const folderOf = (file) => {
  const parts = path.relative(SOURCE_ROOT, file).split(path.sep);
  return parts.length > 1 ? `${SOURCE_ROOT}/${parts[0]}/` : file;
};
const folders = new Map();
for (const [file, targets] of edges) {
  const from = folderOf(file);
  if (!folders.has(from)) folders.set(from, new Set());
  for (const target of targets) if (folderOf(target) !== from) folders.get(from).add(folderOf(target));
}
const folderGraph = new Map([...folders].map(([folder, targets]) => [folder, [...targets].sort()]));
const filesBehind = (from, to) =>
  [...edges].flatMap(([file, targets]) =>
    folderOf(file) === from ? targets.filter((t) => folderOf(t) === to).map((t) => `${file} -> ${t}`) : [],
  );
for (const component of cyclesOf(folderGraph)) problems.push(describeCycle('folders', component, folderGraph, filesBehind));

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(
  `imports: ${files.length} files in ${folders.size} folders under ${SOURCE_ROOT}/, no cycle of files or folders, processes started only in ${PROCESS_LAYER}`,
);
