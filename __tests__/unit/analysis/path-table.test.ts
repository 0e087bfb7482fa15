import { NO_ID, PathTable, ROOT_ID, TooManyPathsError } from '../../../src/analysis/path-table.js';
import { PathTree } from '../../../src/analysis/path-tree.js';

test('a path is interned once, after its missing ancestors, keeping the string it was given', () => {
  const table = new PathTable();
  const path = ['/usr', 'lib', 'x86_64-linux-gnu', 'libc.so.6'].join('/');
  const id = table.intern(path);
  expect(table.paths).toEqual(['/', '/usr', '/usr/lib', '/usr/lib/x86_64-linux-gnu', path]);
  expect(table.paths[id]).toBe(path);
  expect(table.intern(path)).toBe(id);
  expect(table.idOf('/usr/lib')).toBe(2);
  expect(table.idOf('/usr/share')).toBe(NO_ID);
  expect(table.parentOf(id)).toBe(table.idOf('/usr/lib/x86_64-linux-gnu'));
  expect(table.paths[id].slice(table.nameStart(id))).toBe('libc.so.6');
  expect(table.paths[1].slice(table.nameStart(1))).toBe('usr');
  expect(table.childPath(ROOT_ID, 'etc')).toBe('/etc');
  // `.wh.` alone deletes its directory; dive writes its path with a trailing slash.
  const slashed = table.intern(table.childPath(table.idOf('/usr'), ''));
  expect(table.paths[slashed]).toBe('/usr/');
  expect(table.parentOf(slashed)).toBe(table.idOf('/usr'));
});

test('past its bound the table refuses more paths with an error that says how many it holds', () => {
  const table = new PathTable(1024, 4);
  table.intern('/a/b/c');
  expect(() => table.intern('/a/d')).toThrow(TooManyPathsError);
  expect(() => table.intern('/a/d')).toThrow('more than 4 distinct paths');
});

test('a path tree adds missing ancestors and takes out a subtree, its members only', () => {
  const table = new PathTable();
  const tree = new PathTree(table);
  const ids = ['/a/b/c', '/a/b/d', '/a/e', '/f'].map((path) => table.intern(path));
  tree.fit();
  for (const id of ids) tree.add(id);
  const members = table.paths.filter((_, id) => tree.has(id));
  expect(members).toEqual(['/', '/a', '/a/b', '/a/b/c', '/a/b/d', '/a/e', '/f']);
  const removed: number[] = [];
  tree.remove(table.idOf('/a/b'), removed);
  expect(removed.map((id) => table.paths[id]).sort()).toEqual(['/a/b', '/a/b/c', '/a/b/d']);
  expect(tree.has(table.idOf('/a'))).toBe(true);
  expect(tree.has(table.idOf('/a/b/c'))).toBe(false);
  tree.removeChildren(ROOT_ID, removed);
  expect(tree.has(table.idOf('/f'))).toBe(false);
  expect(tree.has(ROOT_ID)).toBe(true);
  expect(tree.firstChild(ROOT_ID)).toBe(NO_ID);
});
