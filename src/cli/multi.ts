// The CLI for a config file of several images: gates them all, prints one table (failing images first), and
// exits 1 when any image fails, 2 when one could not be judged.
import { GateDependencies } from '../gate/deps.js';
import { InputReader } from '../inputs/options.js';
import { multiReport, runConfiguredGates } from '../gate/multi.js';
import { configuredImages, selectImages } from '../gate/selection.js';
import { loadConfig } from '../config/find.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { ImageOutcome } from '../report/multi.js';
import { imageGroup, orderedOutcomes } from '../report/multi-rows.js';
import { visibleControlChars } from '../common/escape.js';
import { reportJson, writeReportFile } from '../report/file.js';
import { formatBytes, formatBytesDelta } from '../common/units.js';

const WORD = { failing: 'FAIL', changed: 'PASS', unchanged: 'PASS' } as const;

/** Pure: one line per image and platform, failing images first. */
export function renderMultiTerminal(outcomes: ImageOutcome[]): string {
  const rows: string[][] = [['', 'image', 'platform', 'size', 'change', 'budget']];
  for (const outcome of orderedOutcomes(outcomes)) {
    const name = visibleControlChars(outcome.name);
    const word = WORD[imageGroup(outcome)];
    if ('error' in outcome) rows.push([word, name, '-', '-', 'could not be judged', '-']);
    else if ('unchanged' in outcome) {
      const size = outcome.unchanged.sizeBytes;
      rows.push([
        word,
        name,
        outcome.unchanged.platform ?? '-',
        size === undefined ? '-' : formatBytes(size),
        'unchanged',
        outcome.unchanged.budget ?? '-',
      ]);
    } else {
      const report = outcome.report;
      const platforms = report.platforms ?? [
        {
          platform: report.image.platform,
          sizeBytes: report.image.sizeBytes,
          passed: report.passed,
          baselineSizeBytes: report.baseline?.figures.find((f) => f.id === 'size')?.base,
        },
      ];
      const budget = report.checks.find((check) => check.id === 'size')?.budget || '-';
      for (const platform of platforms) {
        const change = platform.baselineSizeBytes === undefined ? '-' : formatBytesDelta(platform.sizeBytes - platform.baselineSizeBytes);
        rows.push([platform.passed ? 'PASS' : 'FAIL', name, platform.platform, formatBytes(platform.sizeBytes), change, budget]);
      }
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  const failed = outcomes.filter((outcome) => imageGroup(outcome) === 'failing');
  const verdict =
    failed.length > 0
      ? `image-size-gate: ${failed.length} of ${outcomes.length} images FAILED`
      : `image-size-gate: all ${outcomes.length} images PASSED`;
  const errors = outcomes.flatMap((outcome) =>
    'error' in outcome ? [`${visibleControlChars(outcome.name)}: ${visibleControlChars(outcome.error)}`] : [],
  );
  return [verdict, '', ...lines, ...(errors.length > 0 ? ['', ...errors] : []), ''].join('\n');
}

/** Gates every image of the file; returns the exit code. */
export async function runConfigFromCli(
  file: string,
  input: InputReader,
  deps: GateDependencies,
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  const config = await loadConfig(file);
  const every = configuredImages(config, input);
  const images = input('images').trim() ? selectImages(every, input('images'), file) : every;
  const run = await runConfiguredGates(config, images, input, { gate: deps });
  const report = multiReport(file, run, REPORT_SCHEMA_VERSION);
  const reportFile = images[0].options.reportFile;
  if (reportFile) await writeReportFile(report, reportFile);
  out(json ? reportJson(report) + '\n' : renderMultiTerminal(run.outcomes));
  return run.unjudged ? 2 : run.passed ? 0 : 1;
}
