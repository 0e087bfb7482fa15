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

/** Writes the report to `filePath`, or to defaultReportPath(env) when none is given; returns the absolute path. */
export async function writeReportFile(
  report: GateReport | object,
  filePath?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const absolute = path.resolve(filePath ?? defaultReportPath(env));
  await mkdir(path.dirname(absolute), { recursive: true });
  // A default path is a new name: 'wx' refuses to write through anything planted there (the OS temp directory is shared).
  await writeFile(absolute, JSON.stringify(report, null, 2) + '\n', { flag: filePath ? 'w' : 'wx' });
  return absolute;
}
