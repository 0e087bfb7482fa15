// Writing the JSON report: where report-file says, or else to a new file of this step's own.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GateReport } from './model.js';

/**
 * Pure: a report path of this step's own, in RUNNER_TEMP, else the OS temp directory, never the working
 * directory. Steps of one job share RUNNER_TEMP, and so may runs on one machine: the step's id and a random
 * suffix keep each step's `report` output pointing at its own verdict.
 */
export function defaultReportPath(
  env: NodeJS.ProcessEnv,
  tempDirectory: string = os.tmpdir(),
  suffix: string = randomBytes(6).toString('hex'),
  pid: number = process.pid,
): string {
  const step = (env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || String(pid);
  return path.resolve(env.RUNNER_TEMP || tempDirectory, `image-size-gate-${step}-${suffix}.json`);
}

/**
 * The report as JSON text, with every invisible character (escape.ts: bidi controls, zero-width and other format
 * characters, the line and paragraph separators) written as a `\uXXXX` escape: the values read back are the
 * same, whole, but no viewer of the file shows a name reversed or two names as one.
 */
export function reportJson(report: GateReport | object): string {
  const text = JSON.stringify(report, null, 2);
  return text.replace(/[\u2028\u2029\p{Cf}]/gu, (char) =>
    [...Array(char.length).keys()].map((index) => `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''),
  );
}

/** Writes the report to `filePath`, or to defaultReportPath(env) when none is given; returns the absolute path. */
export async function writeReportFile(
  report: GateReport | object,
  filePath?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const absolute = path.resolve(filePath ?? defaultReportPath(env));
  await mkdir(path.dirname(absolute), { recursive: true });
  // A default path is a new name: 'wx' refuses to write through anything planted there (the OS temp directory is shared).
  await writeFile(absolute, reportJson(report) + '\n', { flag: filePath ? 'w' : 'wx' });
  return absolute;
}
