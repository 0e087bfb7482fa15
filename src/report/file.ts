// Writing the JSON report.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GateReport } from './model.js';

export function defaultReportPath(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.RUNNER_TEMP || '.', 'image-size-gate-report.json');
}

export async function writeReportFile(report: GateReport, filePath: string): Promise<string> {
  const absolute = path.resolve(filePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, JSON.stringify(report, null, 2) + '\n');
  return absolute;
}
