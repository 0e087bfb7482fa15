// The size history as the gate uses it: before measuring, one fetch of the history branch gives the records of
// this image (the merge base's, for the baseline, and the last few, for the trend); after judging, a push run
// records the image's figures. Nothing here fails the gate: a history that cannot be read or written is a
// warning, and the gate goes on as it would without one.
import type { GateLog } from '../common/log.js';
import { buildRecords, imageKey, parseRecordPath, recordPath, serializeRecord } from './record.js';
import { CommitRecords, RecordEntry, recordReader } from './record-reader.js';
import { HistorySettings } from './settings.js';
import { fetchHistory, HistoryError, listFiles, writeFiles } from './store.js';
import { HistoryRecord } from './types.js';
import { Measured } from '../judge/measured.js';
import { EngineInfo } from '../docker/engine.js';
import { TrendPoint } from './types.js';

/** How many recorded commits the trend shows. */
export const TREND_POINTS = 20;

export interface HistoryRead {
  /** The records of the baseline commit, one per platform (empty when it has none). */
  baseline: HistoryRecord[];
  /** The file on the branch each baseline record was read from. */
  baselineFiles: Map<HistoryRecord, string>;
  /** How many files of the baseline commit were not believed (each said in a warning). */
  baselineRefused: number;
  /** The commit the baseline records are of (the merge base), when one was looked for. */
  baselineCommit?: string;
  /** The last recorded commits of each platform, oldest first, keyed by platform key. */
  trend: Map<string, TrendPoint[]>;
}

const PERMISSION_FIX = 'give the job `permissions: contents: write` (the token may read but not push to the history branch)';

/** Groups the record paths of one image by platform key, oldest first (their names sort by commit time). */
export function byPlatform(paths: string[]): Map<string, RecordEntry[]> {
  const groups = new Map<string, RecordEntry[]>();
  for (const path of [...paths].sort()) {
    const parsed = parseRecordPath(path);
    if (!parsed) continue;
    const group = groups.get(parsed.platformKey) ?? [];
    group.push({ path, parsed });
    groups.set(parsed.platformKey, group);
  }
  return groups;
}

/** This image's records at the branch's tip: the trend read, the rest on demand; `release()` when done. */
export interface OpenedHistory {
  /** The last recorded commits of each platform, oldest first, keyed by platform key. */
  trend: Map<string, TrendPoint[]>;
  /** The believed records of `commit`, one per platform (record-reader.ts), with their files. */
  recordsOf(commit: string): Promise<CommitRecords>;
  release(): Promise<void>;
}

/**
 * Fetches the branch (into a scratch repository, never the checkout) and reads this image's trend. Undefined,
 * with one warning, when the branch cannot be read; an empty history when it does not exist yet.
 */
export async function openHistory(settings: HistorySettings, name: string, log: GateLog): Promise<OpenedHistory | undefined> {
  const { remote } = settings;
  let fetched;
  try {
    fetched = await fetchHistory(remote);
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    log.warning(`The size history on branch ${remote.branch} could not be read: ${error.message}`);
    return undefined;
  }
  const { gitDir, tip, release } = fetched;
  if (!tip) {
    log.info(`The size history branch ${remote.branch} does not exist yet: no records to compare with`);
    return { trend: new Map(), recordsOf: async () => ({ files: [], refused: 0 }), release };
  }
  try {
    const groups = byPlatform(await listFiles(gitDir, tip, imageKey(name)));
    const reader = recordReader({ gitDir, tip, branch: remote.branch, name, origin: settings.origin, log });
    const trend = new Map<string, TrendPoint[]>();
    for (const [platform, group] of groups) {
      const records = await reader.read(group.slice(-TREND_POINTS));
      trend.set(
        platform,
        records.flatMap((record) =>
          record ? [{ commit: record.commit, commitTime: record.commitTime, sizeBytes: record.figures.size }] : [],
        ),
      );
    }
    return { trend, recordsOf: (commit) => reader.recordsOf(groups, commit), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The baseline records, and the file each was read from. */
function baselineOf({ files, refused }: CommitRecords): Pick<HistoryRead, 'baseline' | 'baselineFiles' | 'baselineRefused'> {
  return {
    baseline: files.map((file) => file.record),
    baselineFiles: new Map(files.map((file) => [file.record, file.path])),
    baselineRefused: refused,
  };
}

/** The commit whose record is the baseline (the pull request's merge base), or undefined, saying why. */
export async function baselineCommitOf(settings: HistorySettings, log: GateLog): Promise<string | undefined> {
  if (!settings.baselineCommit) return undefined;
  const commit = await settings.baselineCommit().catch((error: unknown) => {
    log.warning(`The merge base could not be found, so no record can be the baseline: ${(error as Error).message}`);
    return undefined;
  });
  if (!commit) log.info('The merge base of the pull request is not known: no record can be the baseline');
  return commit;
}

/** The records of one commit and the trend, read in one go (the history is released before it returns). */
export async function readHistory(
  settings: HistorySettings,
  name: string,
  log: GateLog,
  commit?: string,
): Promise<HistoryRead | undefined> {
  const opened = await openHistory(settings, name, log);
  if (!opened) return undefined;
  try {
    return {
      ...baselineOf(commit ? await opened.recordsOf(commit) : { files: [], refused: 0 }),
      baselineCommit: commit,
      trend: opened.trend,
    };
  } finally {
    await opened.release();
  }
}

export interface Recorded {
  commit: string;
  paths: string[];
  attempts: number;
}

/** The records of one image, made as a recording run makes them (one per platform). */
async function recordsOf(
  record: NonNullable<HistorySettings['record']>,
  input: { name: string; head: Measured; engine: EngineInfo },
): Promise<HistoryRecord[]> {
  return buildRecords({
    name: input.name,
    head: input.head,
    engine: input.engine,
    meta: {
      commit: record.commit,
      commitTime: await record.commitTime(),
      ref: record.ref,
      runUrl: record.runUrl,
      recordedAt: new Date().toISOString(),
    },
  });
}

/**
 * A matrix job's records of a push, made but not committed: image-size-gate/report commits every image's in one
 * commit. Never throws: a failure is one warning, and no records.
 */
export async function pendingRecords(
  settings: HistorySettings,
  input: { name: string; head: Measured; engine: EngineInfo },
  log: GateLog,
): Promise<HistoryRecord[] | undefined> {
  if (!settings.record?.deferred) return undefined;
  try {
    const records = await recordsOf(settings.record, input);
    log.info(`Size history: ${records.length} record(s) made for image-size-gate/report to commit to branch ${settings.remote.branch}`);
    return records;
  } catch (error) {
    log.warning(`The size history's records could not be made (the gate's verdict stands): ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Commits one record per platform of the image to the history branch. Never throws: a failure is one warning
 * (naming the permission to add when the token may not push), and undefined.
 */
export async function recordHistory(
  settings: HistorySettings,
  input: { name: string; head: Measured; engine: EngineInfo },
  log: GateLog,
): Promise<Recorded | undefined> {
  const record = settings.record;
  if (!record || record.deferred) return undefined;
  const { remote } = settings;
  try {
    const records = await recordsOf(record, input);
    const files = records.map((each) => ({ path: recordPath(each), content: serializeRecord(each) }));
    const message = `image-size-gate: record ${input.name.slice(0, 100)} at ${record.commit.slice(0, 12)}`;
    const written = await writeFiles(remote, files, message);
    const paths = files.map((file) => file.path);
    log.info(
      `Recorded ${paths.length} record(s) on branch ${remote.branch}${written.created ? ' (created it)' : ''}: ${paths.join(', ')}` +
        (written.attempts > 1 ? ` (${written.attempts} attempts: another run pushed meanwhile)` : ''),
    );
    return { commit: written.commit, paths, attempts: written.attempts };
  } catch (error) {
    const permission = error instanceof HistoryError && error.permission;
    const message = error instanceof Error ? error.message : String(error);
    log.warning(
      `The size history was not recorded (the gate's verdict stands): ${message}` + (permission ? `; to record it, ${PERMISSION_FIX}` : ''),
    );
    return undefined;
  }
}

/** The history as one gate run uses it: fetched at once (while the image builds), its baseline asked for after. */
export interface RunHistory {
  /** The trend and the merge base's records; the merge base is found in the checkout, so only after the build. */
  afterBuild(): Promise<HistoryRead | undefined>;
  release(): Promise<void>;
}

/**
 * Starts fetching the history into its scratch repository, to overlap the build. The checkout's own git calls
 * (fetching the merge base) wait for afterBuild(): the build context may hold the checkout's .git.
 */
export function startHistory(settings: HistorySettings, name: string, log: GateLog): RunHistory {
  const opening = openHistory(settings, name, log).catch((error: unknown) => {
    log.warning(`The size history could not be read: ${(error as Error).message}`);
    return undefined;
  });
  let read: Promise<HistoryRead | undefined> | undefined;
  const afterBuild = async (): Promise<HistoryRead | undefined> => {
    const opened = await opening;
    if (!opened) return undefined;
    const commit = await baselineCommitOf(settings, log);
    return {
      ...baselineOf(commit ? await opened.recordsOf(commit) : { files: [], refused: 0 }),
      baselineCommit: commit,
      trend: opened.trend,
    };
  };
  return {
    afterBuild: () => (read ??= afterBuild()),
    release: async () => {
      await (await opening)?.release();
    },
  };
}
