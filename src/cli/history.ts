// `image-size-gate history`: the recorded series of an image, read from a local clone's copy of the history
// branch (origin's, else a local branch of that name). It fetches nothing: `git fetch origin <branch>` first.
import { parseArgs } from 'node:util';
import { GateError } from '../common/errors.js';
import { firstCommitOf, repositoryRoot } from '../git/git.js';
import { visibleControlChars } from '../common/escape.js';
import { sparkline } from '../report/trend.js';
import { formatBytes, formatBytesDelta } from '../common/units.js';
import { imageKey, parseRecord, parseRecordPath } from '../history/record.js';
import { byPlatform } from '../history/history.js';
import { listFiles, readFiles } from '../history/store.js';
import { HistoryRecord } from '../history/types.js';
import { reportJson } from '../report/file.js';

export const DEFAULT_HISTORY_BRANCH = 'image-size-history';

export function historyHelpText(): string {
  return [
    'Usage: image-size-gate history [--branch B] [--name NAME] [--platform P] [--limit N] [--json] [directory]',
    '',
    "Prints the sizes recorded on the history branch (the action's history-branch input) for an image, oldest first,",
    "from the local clone in the directory (default: the current one). It reads origin's copy of the branch, else a",
    'local branch of that name, and fetches nothing: run git fetch origin <branch> first.',
    '',
    `  --branch B      The history branch (default: ${DEFAULT_HISTORY_BRANCH}).`,
    '  --name NAME     The image, as the name input named it (default: the only image recorded).',
    '  --platform P    One platform, e.g. linux/amd64 (default: every platform recorded).',
    '  --limit N       The last N records of each platform (default: 30).',
    '  --json          Print the records as JSON.',
    '',
  ].join('\n');
}

/** Pure: one platform's series as text columns, with a sparkline. Text from records is shown inert. */
export function renderSeries(records: HistoryRecord[]): string {
  if (records.length === 0) return '';
  const first = records[0];
  const sizes = records.map((record) => record.figures.size);
  const lines = [`${visibleControlChars(first.name)} (${visibleControlChars(first.platform)})  ${sparkline(sizes)}`];
  records.forEach((record, index) => {
    const change = index === 0 ? '' : formatBytesDelta(record.figures.size - records[index - 1].figures.size);
    const compressed = record.figures['compressed-size'];
    lines.push(
      [
        `  ${record.commitTime.slice(0, 10)}`,
        record.commit.slice(0, 12),
        formatBytes(record.figures.size).padStart(10),
        (compressed === undefined ? '-' : formatBytes(compressed)).padStart(10),
        change.padStart(11),
      ].join('  '),
    );
  });
  return `${lines.join('\n')}\n`;
}

async function historyRef(root: string, branch: string): Promise<string> {
  const tip = await firstCommitOf(root, [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]);
  if (tip) return tip;
  throw new GateError('baseline', `the history branch ${branch} is not in this clone; run git fetch origin ${branch} first`);
}

function option(values: Record<string, unknown>, name: string): string | undefined {
  return typeof values[name] === 'string' ? (values[name] as string) : undefined;
}

/** The last `limit` readable records of each platform among `paths` (one image's), oldest first. */
async function readSeries(root: string, tip: string, paths: string[], limit: number, platform?: string): Promise<HistoryRecord[]> {
  const wanted = [...byPlatform(paths).values()].flatMap((group) => group.slice(-limit).map((entry) => entry.path));
  const texts = await readFiles(root, tip, wanted);
  return wanted.flatMap((file) => {
    const read = parseRecord(texts.get(file)?.toString('utf8') ?? '');
    return 'record' in read && (platform === undefined || read.record.platform === platform) ? [read.record] : [];
  });
}

const HISTORY_FLAGS = {
  branch: { type: 'string' },
  name: { type: 'string' },
  platform: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** Reads and prints the series; returns the exit code (2 when nothing can be read). */
export async function historyCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: HISTORY_FLAGS });
  } catch (error) {
    err(`image-size-gate history: ${(error as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(historyHelpText());
    return 0;
  }
  const limit = Number(option(values, 'limit') ?? '30');
  if (!Number.isInteger(limit) || limit < 1) {
    err(`image-size-gate history: --limit must be a whole number of 1 or more, got ${JSON.stringify(option(values, 'limit'))}`);
    return 2;
  }
  try {
    const root = await repositoryRoot(positionals[0] ?? '.');
    const branch = option(values, 'branch') ?? DEFAULT_HISTORY_BRANCH;
    const tip = await historyRef(root, branch);
    const paths = await listFiles(root, tip);
    const keys = [...new Set(paths.flatMap((file) => parseRecordPath(file)?.imageKey ?? []))].sort();
    const name = option(values, 'name');
    const key = name !== undefined ? imageKey(name) : keys.length === 1 ? keys[0] : undefined;
    if (key === undefined || !keys.includes(key)) {
      const known = keys.length > 0 ? `recorded: ${keys.join(', ')}` : 'the branch holds no records';
      err(`image-size-gate history: ${name === undefined ? 'give --name' : `no records of ${JSON.stringify(name)}`} (${known})`);
      return 2;
    }
    const platform = option(values, 'platform');
    const records = await readSeries(
      root,
      tip,
      paths.filter((file) => parseRecordPath(file)?.imageKey === key),
      limit,
      platform,
    );
    if (records.length === 0) {
      err(`image-size-gate history: no readable records of ${key}${platform ? ` for ${platform}` : ''} on ${branch}`);
      return 2;
    }
    if (values.json) out(reportJson(records) + '\n');
    else
      for (const platformName of [...new Set(records.map((record) => record.platform))])
        out(renderSeries(records.filter((record) => record.platform === platformName)));
    return 0;
  } catch (error) {
    err(`image-size-gate history: ${(error as Error).message}`);
    return 2;
  }
}
