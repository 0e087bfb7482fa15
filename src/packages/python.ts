// Pure: Python distributions in a site-packages or dist-packages directory, as pip and setuptools record them:
// `<name>-<version>.dist-info/RECORD` (CSV: path, hash, size; paths relative to the site directory) and the
// older `<name>-<version>[-pyX.Y].egg-info/installed-files.txt` (one path a line, relative to the egg-info
// directory). The name is normalised as PEP 503 compares names.
import { clip, MAX_NAME_CHARS, MAX_VERSION_CHARS } from './dpkg.js';
import { joinPath } from './paths.js';

export interface PythonDistribution {
  name: string;
  version: string;
  /** The site-packages (or dist-packages) directory it is installed in. */
  site: string;
}

/** PEP 503: lower case, every run of `-`, `_` and `.` one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution a RECORD or installed-files.txt belongs to, from the name of the folder that holds it. */
export function distributionOf(recordPath: string): PythonDistribution {
  const metadataDirectory = recordPath.slice(0, recordPath.lastIndexOf('/'));
  const slash = metadataDirectory.lastIndexOf('/');
  const site = metadataDirectory.slice(0, slash) || '/';
  const folder = metadataDirectory.slice(slash + 1);
  const stem = folder.replace(/\.(dist|egg)-info$/, '');
  // dist-info names escape `-` in the name, so the first `-` ends it; egg-info names are name-version[-pyX.Y].
  const dash = stem.indexOf('-');
  const name = dash < 0 ? stem : stem.slice(0, dash);
  const rest = dash < 0 ? '' : stem.slice(dash + 1);
  const version = folder.endsWith('.egg-info') ? rest.split('-')[0] : rest;
  return { name: clip(normalizePythonName(name), MAX_NAME_CHARS), version: clip(version, MAX_VERSION_CHARS), site };
}

/**
 * Calls `each` with the absolute path of every row of a RECORD file: its first CSV field (quoted or not),
 * relative to the site directory unless absolute. Rows that are blank or malformed are skipped.
 */
export function forEachRecordPath(text: string, site: string, each: (path: string) => void): void {
  let position = 0;
  while (position < text.length) {
    let field: string;
    if (text[position] === '"') {
      // A quoted field: "" is a quote; it may hold commas and line breaks.
      let value = '';
      let at = position + 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) {
          value += text.slice(at);
          at = text.length;
          break;
        }
        value += text.slice(at, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          at = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      field = value;
      position = at;
    } else {
      let end = position;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end += 1;
      field = text.slice(position, end);
      position = end;
    }
    const lineEnd = text.indexOf('\n', position);
    position = lineEnd < 0 ? text.length : lineEnd + 1;
    if (field.trim() !== '') each(joinPath(site, field));
  }
}

/** Calls `each` with the absolute path of every line of an installed-files.txt, relative to its egg-info directory. */
export function forEachInstalledFile(text: string, eggInfoDirectory: string, each: (path: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line.trim() !== '') each(joinPath(eggInfoDirectory, line));
  }
}

/** The packaging tools a runtime image does not need: pip installs, wheel and setuptools build. */
export const PYTHON_BUILD_TOOLS = new Set(['pip', 'setuptools', 'wheel']);
