// Pure: image-size-gate/report's merge of the matrix jobs' reports with the plan. Each report file is refused, with
// a reason, when it cannot be read (report/report-check.ts), is of another commit or another version of the config
// file, or names an image the plan did not give a job. Every planned image then takes the one report of it, or is
// "not judged" (no report, or two); the images the plan left unchanged are carried forward by the caller.
import { visible } from '../common/escape.js';
import { recordedName } from '../history/record-path.js';
import { HistoryRecord } from '../history/types.js';
import { CheckedImage, CheckedJobReport, parseJobReport } from '../report/report-check.js';
import { GateReport } from '../report/model.js';
import { Plan } from './plan.js';

/** One report file, as found under the reports folder. */
export interface ReportFile {
  /** Its path under the folder, for messages. */
  path: string;
  text: string;
}

export interface MergeInput {
  plan: Plan;
  /** The commit of this run, which every report must be of. */
  commit: string;
  /** The digest of the config file as this step read it. */
  configDigest: string;
  schemaVersion: number;
  files: ReportFile[];
  /** The matrix job's id, to name the job of an image whose report is missing: `gate (api)`. */
  matrixJob: string;
}

/** One image of the plan, merged: its report, why it has none, or unchanged (carried forward by the caller). */
export type MergedImage =
  | { name: string; report: GateReport; records: HistoryRecord[] }
  | { name: string; error: string; notJudged: boolean }
  | { name: string; unchanged: true };

export interface MergeResult {
  images: MergedImage[];
  /** Files that were not used, and why (for the log and the summary). */
  refused: { path: string; reason: string }[];
}

const short = (sha: string) => sha.slice(0, 12);

/** Why a checked report does not belong to this run, or undefined when it does. */
function mismatch(report: CheckedJobReport, input: MergeInput): string | undefined {
  if (report.commit !== input.commit)
    return `it is of commit ${short(report.commit)}, and this run is of ${short(input.commit)} (a report of another run or push)`;
  if (report.configDigest !== input.configDigest)
    return `it was made from another version of ${visible(input.plan.config, 120)} (${report.configDigest.slice(0, 19)}…, this step read ${input.configDigest.slice(0, 19)}…)`;
  const planned = new Map(input.plan.images.map((image) => [image.name, image]));
  for (const image of report.images) {
    const entry = planned.get(image.name);
    if (!entry) return `it reports an image the config file does not list (${JSON.stringify(visible(image.name, 60))})`;
    if (!entry.gate)
      return `it reports ${JSON.stringify(visible(image.name, 60))}, which the plan carries forward unchanged and gave no job`;
  }
  const names = report.images.map((image) => image.name);
  if (new Set(names).size !== names.length) return 'it reports one image twice';
  for (const image of report.images) {
    const wrong = pendingOf(image).find((record) => record.commit !== input.commit || record.name !== recordedName(image.name));
    if (wrong) return `a history record of ${JSON.stringify(visible(image.name, 60))} is not of this commit and image`;
  }
  return undefined;
}

function pendingOf(image: CheckedImage): HistoryRecord[] {
  return image.status === 'gated' ? (image.report.history?.pending ?? []) : [];
}

/** The job that gates `name`, as GitHub names a matrix job: its id, then the matrix values. */
function jobName(input: MergeInput, name: string): string {
  const runsOn = input.plan.images.find((image) => image.name === name)?.runsOn ?? [];
  return `${input.matrixJob} (${[name, ...runsOn].join(', ')})`;
}

/** The reports found of each image, and why files were refused (by the images they claim, when they could be read). */
function sortFiles(input: MergeInput) {
  const refused: MergeResult['refused'] = [];
  const refusedFor = new Map<string, string>();
  let unreadable = 0;
  const found = new Map<string, { image: CheckedImage; path: string }[]>();
  for (const file of input.files) {
    const parsed = parseJobReport(file.text, input.schemaVersion);
    if ('invalid' in parsed) {
      refused.push({ path: file.path, reason: parsed.invalid });
      unreadable += 1;
      continue;
    }
    const reason = mismatch(parsed.report, input);
    if (reason !== undefined) {
      refused.push({ path: file.path, reason });
      for (const image of parsed.report.images) refusedFor.set(image.name, `its report ${visible(file.path, 120)} was refused: ${reason}`);
      continue;
    }
    for (const image of parsed.report.images) found.set(image.name, [...(found.get(image.name) ?? []), { image, path: file.path }]);
  }
  return { refused, refusedFor, found, unreadable };
}

export function mergeReports(input: MergeInput): MergeResult {
  const { refused, refusedFor, found, unreadable } = sortFiles(input);
  const unreadNote = unreadable > 0 ? `; ${unreadable} report file(s) could not be read (the log says why)` : '';
  const images = input.plan.images.map((planned): MergedImage => {
    if (!planned.gate) return { name: planned.name, unchanged: true };
    const reports = found.get(planned.name) ?? [];
    if (reports.length > 1) {
      const paths = reports.map((report) => visible(report.path, 120)).join(', ');
      return { name: planned.name, error: `not judged: two or more reports of it (${paths}), so none is used`, notJudged: true };
    }
    if (reports.length === 0) {
      const refusal = refusedFor.get(planned.name);
      if (refusal) return { name: planned.name, error: `not judged: ${refusal}`, notJudged: true };
      const why = `the matrix job ${jobName(input, planned.name)} failed before writing it, was cancelled, or its artifact was not downloaded`;
      return { name: planned.name, error: `not judged: no report of it reached this step (${why})${unreadNote}`, notJudged: true };
    }
    const { image } = reports[0];
    if (image.status === 'error') return { name: planned.name, error: image.error, notJudged: false };
    const { pending, ...history } = image.report.history ?? { branch: '', trend: [] };
    const report = image.report.history ? { ...image.report, history } : image.report;
    return { name: planned.name, report, records: pending ?? [] };
  });
  return { images, refused };
}
