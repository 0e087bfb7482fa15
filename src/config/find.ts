// Finding the config file a run uses (the config input's, else the default one when it exists) and reading it.
// The file is the repository's, so a pull request controls it: it is read only when it is a regular file
// inside the checkout (or a symlink that resolves inside it), and never echoed beyond a short excerpt.
import { access, lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../inputs/parsers.js';
import { GateConfig, parseConfig } from './load.js';

/** The config file used when the config input is not given, if it exists. */
export const DEFAULT_CONFIG_FILE = '.github/image-size-gate.yml';

/** The largest config file read (500 entries of a few keys each take about 100 kB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const EXAMPLE = `${DEFAULT_CONFIG_FILE}, a regular file in the repository`;

/** The config file to read: the input's (which must exist), else the default one when it exists, else none. */
export async function findConfigFile(configInput: string): Promise<string | undefined> {
  const exists = (file: string) =>
    lstat(file).then(
      () => true,
      () => false,
    );
  if (configInput) {
    if (!(await exists(configInput))) throw new InputError('config', `"${configInput}" does not exist or cannot be read`, EXAMPLE);
    return configInput;
  }
  return (await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined;
}

/**
 * The checkout a config file must lie in: the workspace in a GitHub Actions run, else the git work tree around
 * the file (the nearest folder, by name, that holds `.git`), else the file's own folder.
 */
export async function checkoutOf(file: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_WORKSPACE) return path.resolve(env.GITHUB_WORKSPACE);
  const folder = path.dirname(path.resolve(file));
  for (let at = folder; ; at = path.dirname(at)) {
    const found = await access(path.join(at, '.git')).then(
      () => true,
      () => false,
    );
    if (found) return at;
    if (path.dirname(at) === at) return folder;
  }
}

/** Whether `inner` is `outer` or lies under it (both real paths). */
function within(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The file's text, once it is known to be a regular file of at most MAX_CONFIG_BYTES inside `checkout` (a
 * symlink is followed only to a file inside it). A file refused is an InputError that names the file as the
 * input gave it, and neither its target nor any of its bytes.
 */
export async function readConfigText(file: string, checkout: string): Promise<string> {
  const refuse = (problem: string) => new InputError('config', `"${file}" ${problem}`, EXAMPLE);
  const link = (await lstat(file).catch(() => undefined))?.isSymbolicLink() ?? false;
  const real = await realpath(file).catch(() => undefined);
  if (!real) throw refuse(link ? 'is a symbolic link to nothing that can be read' : 'does not exist or cannot be read');
  const root = await realpath(checkout).catch(() => path.resolve(checkout));
  if (!within(root, real))
    throw refuse(
      `${link ? 'is a symbolic link that resolves' : 'resolves'} outside the checkout, so it is not read (the config file must lie in the repository)`,
    );
  const info = await stat(real);
  if (!info.isFile()) throw refuse('is not a regular file');
  if (info.size > MAX_CONFIG_BYTES) throw refuse(`is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
  const text = await readFile(real, 'utf8');
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw refuse(`is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
  return text;
}

export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<GateConfig> {
  return parseConfig(await readConfigText(file, await checkoutOf(file, env)), file);
}
