// What changed-only compares for one image: the paths of the repository its build reads, as git names them from
// the repository root. The context and the Dockerfile both as written and as the builder sees them (symbolic
// links resolved: buildx follows a linked context), the links themselves, the Dockerfile's own ignore file
// (`<Dockerfile>.dockerignore`, which BuildKit prefers to the context's), and every `.gitattributes` above
// them (an attribute such as working-tree-encoding changes the checked-out bytes while git's blobs stay the
// same). A path that cannot be placed inside the repository is a reason to rebuild, never an error.
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/** The repository, lexically (as the runner names it) and with its links resolved (as realpath names it). */
export interface RepositoryRoots {
  lexical: string;
  real: string;
}

export type BuildPaths =
  | {
      /** Every path whose change changes the image, relative to the root, without repeats. */
      compared: string[];
      /** The context and the Dockerfile as the builder reads them (links resolved), relative to the root. */
      context: string;
      dockerfile: string;
    }
  | { undecidable: string };

/** `file` relative to `root`, or undefined when it lies outside it. */
function inside(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/') || '.';
}

/** Every folder from the root down to (and with) `relative`'s own folder, each with its `.gitattributes`. */
export function attributeFiles(relative: string, isDirectory: boolean): string[] {
  const parts = relative === '.' ? [] : relative.split('/');
  const folders = isDirectory ? parts : parts.slice(0, -1);
  return folders.reduce((files, _part, index) => [...files, `${folders.slice(0, index + 1).join('/')}/.gitattributes`], ['.gitattributes']);
}

/** The prefixes of `relative` (under the lexical root) that are symbolic links in the work tree. */
async function linksAlong(roots: RepositoryRoots, relative: string): Promise<string[]> {
  const parts = relative === '.' ? [] : relative.split('/');
  const links: string[] = [];
  for (let index = 1; index <= parts.length; index += 1) {
    const prefix = parts.slice(0, index).join('/');
    const info = await lstat(path.join(roots.lexical, prefix)).catch(() => undefined);
    if (info?.isSymbolicLink()) links.push(prefix);
  }
  return links;
}

/** One path as written and as resolved, or why it cannot be compared. */
async function placed(
  roots: RepositoryRoots,
  file: string,
  what: string,
): Promise<{ written: string; real: string } | { undecidable: string }> {
  const written = inside(roots.lexical, path.resolve(file));
  if (written === undefined) return { undecidable: `its ${what} ${file} lies outside the repository` };
  const resolved = await realpath(file).catch(() => undefined);
  if (resolved === undefined) return { undecidable: `its ${what} ${file} does not exist` };
  const real = inside(roots.real, resolved);
  if (real === undefined) return { undecidable: `its ${what} ${file} is a symbolic link that resolves outside the repository` };
  return { written, real };
}

/** The paths an image's build reads (see the file's comment), or why they cannot be compared. */
export async function buildPaths(roots: RepositoryRoots, contextDir: string, dockerfileOption: string | undefined): Promise<BuildPaths> {
  const context = await placed(roots, contextDir, 'context');
  if ('undecidable' in context) return context;
  const dockerfile = await placed(roots, dockerfileOption ?? path.join(contextDir, 'Dockerfile'), 'Dockerfile');
  if ('undecidable' in dockerfile) return dockerfile;
  const ignoreFiles = [`${dockerfile.written}.dockerignore`, `${dockerfile.real}.dockerignore`];
  const compared = [
    context.written,
    context.real,
    dockerfile.written,
    dockerfile.real,
    ...ignoreFiles,
    ...(await linksAlong(roots, context.written)),
    ...(await linksAlong(roots, dockerfile.written)),
    ...attributeFiles(context.written, true),
    ...attributeFiles(context.real, true),
    ...attributeFiles(dockerfile.written, false),
    ...attributeFiles(dockerfile.real, false),
  ];
  return { compared: [...new Set(compared)], context: context.real, dockerfile: dockerfile.real };
}
