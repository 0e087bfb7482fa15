// Pure: npm packages in node_modules folders, nested and scoped ones and pnpm's .pnpm store alike. A package is
// the folder under the last node_modules/ of a path that holds a package.json, minus its own nested
// node_modules; its name and version are its package.json's. An app's own package.json (outside node_modules)
// says which of them are devDependencies.
import { clip, MAX_NAME_CHARS, MAX_VERSION_CHARS } from './dpkg.js';

const NODE_MODULES = '/node_modules/';

/** The package folder a path is in: the last node_modules/ then a name (@scope/name); undefined outside one. */
export function npmFolderOf(path: string): { folder: string; isFolder: boolean } | undefined {
  const at = path.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const start = at + NODE_MODULES.length;
  // .bin, .pnpm, .cache, .package-lock.json: npm's and pnpm's own, not packages.
  if (path.charCodeAt(start) === 46 /* . */) return undefined;
  let end = path.indexOf('/', start);
  if (path.charCodeAt(start) === 64 /* @ */) {
    if (end < 0) return undefined;
    end = path.indexOf('/', end + 1);
  }
  if (end < 0) return { folder: path, isFolder: true };
  return { folder: path.slice(0, end), isFolder: false };
}

export interface NpmManifest {
  name: string;
  version: string;
}

export interface AppManifest {
  /** The folder of the package.json. */
  directory: string;
  dependencies: string[];
  devDependencies: string[];
}

function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A package's name and version from its package.json; the folder's name and '' when the file does not say. */
export function parseNpmManifest(bytes: Buffer | undefined, folder: string): { manifest: NpmManifest; malformed: boolean } {
  const fields = bytes ? parseObject(bytes) : undefined;
  const at = folder.lastIndexOf(NODE_MODULES);
  const folderName = at < 0 ? folder.slice(folder.lastIndexOf('/') + 1) : folder.slice(at + NODE_MODULES.length);
  const name = typeof fields?.name === 'string' && fields.name !== '' ? fields.name : folderName;
  const version = typeof fields?.version === 'string' ? fields.version : '';
  return { manifest: { name: clip(name, MAX_NAME_CHARS), version: clip(version, MAX_VERSION_CHARS) }, malformed: !fields };
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).slice(0, 10_000) : [];
}

/** An app's package.json: the names it depends on, and those only its development needs. */
export function parseAppManifest(bytes: Buffer, path: string): AppManifest | undefined {
  const fields = parseObject(bytes);
  if (!fields) return undefined;
  return {
    directory: path.slice(0, path.lastIndexOf('/')) || '/',
    dependencies: keysOf(fields.dependencies),
    devDependencies: keysOf(fields.devDependencies),
  };
}
