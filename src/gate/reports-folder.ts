// image-size-gate/report's reading of the reports folder, laid out as actions/download-artifact leaves it (one
// folder per artifact, or all merged): every .json file under it, at any depth, in path order. Bounded: symbolic
// links are not followed, and the depth, the number of files and each file's size are capped; a file over the
// cap is refused unread.
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_REPORT_FILE_BYTES } from '../report/report-check.js';
import { ReportFile } from './merge.js';

export const MAX_REPORT_FILES = 1000;
export const MAX_FOLDER_DEPTH = 8;

export interface ReportFolder {
  /** The folder does not exist (nothing was downloaded: no matrix job ran). */
  missing: boolean;
  files: ReportFile[];
  /** Files left unread, and why. */
  refused: { path: string; reason: string }[];
}

/** Every .json path under `folder` (relative to it), sorted; symbolic links are skipped and said. */
async function jsonPaths(folder: string, refused: ReportFolder['refused']): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(folder, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = relative ? path.join(relative, entry.name) : entry.name;
      if (entry.isSymbolicLink()) {
        if (entry.name.endsWith('.json')) refused.push({ path: child, reason: 'it is a symbolic link, which is not followed' });
      } else if (entry.isDirectory()) {
        if (depth >= MAX_FOLDER_DEPTH) refused.push({ path: child, reason: `it is deeper than ${MAX_FOLDER_DEPTH} folders` });
        else await walk(child, depth + 1);
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        found.push(child);
        if (found.length > MAX_REPORT_FILES)
          throw new Error(`more than ${MAX_REPORT_FILES} .json files: download only the gate's report artifacts there`);
      }
    }
  };
  await walk('', 0);
  return found;
}

export async function readReportFolder(folder: string, skip: string[] = []): Promise<ReportFolder> {
  const refused: ReportFolder['refused'] = [];
  const stat = await lstat(folder).catch(() => undefined);
  if (!stat) return { missing: true, files: [], refused };
  if (!stat.isDirectory()) throw new Error(`"${folder}" is not a folder`);
  const skipped = new Set(skip.map((file) => path.resolve(file)));
  const files: ReportFile[] = [];
  for (const relative of await jsonPaths(folder, refused)) {
    const full = path.join(folder, relative);
    if (skipped.has(path.resolve(full))) continue;
    const size = (await lstat(full)).size;
    if (size > MAX_REPORT_FILE_BYTES) {
      refused.push({ path: relative, reason: `it is larger than ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MiB` });
      continue;
    }
    files.push({ path: relative, text: await readFile(full, 'utf8') });
  }
  return { missing: false, files, refused };
}
