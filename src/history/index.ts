// The size history as the gate uses it: before measuring, one fetch of the history branch gives the records of
// this image (the merge base's, for the baseline, and the last few, for the trend); after judging, a push run
// records the image's figures. Nothing here fails the gate: a history that cannot be read or written is a
// warning, and the gate goes on as it would without one.
import type { GateLog } from '../gate.js';
import { buildRecords, imageKey, parseRecord, parseRecordPath, RecordPath, recordPath, serializeRecord } from './record.js';
import { fetchHistory, HistoryError, HistoryRemote, listFiles, readFiles, writeFiles } from './store.js';
import { HistoryRecord } from './types.js';
import { Measured } from '../measure.js';
import { EngineInfo } from '../docker/engine.js';
import { TrendPoint } from '../report/trend.js';

/** How many recorded commits the trend shows. */
export const TREND_POINTS = 20;

export interface HistorySettings {
  remote: HistoryRemote;
  /** On a pull request: the commit whose record is the baseline (the merge base of base and head). */
  baselineCommit?: () => Promise<string | undefined>;
  /** On a push that records: the pushed commit, its committer time, the ref and the run's link. */
  record?: { commit: string; commitTime: () => Promise<string>; ref: string; runUrl?: string };
}

export interface HistoryRead {
  /** The records of the baseline commit, one per platform (empty when it has none). */
  baseline: HistoryRecord[];
  /** The commit the baseline records are of (the merge base), when one was looked for. */
  baselineCommit?: string;
  /** The last recorded commits of each platform, oldest first, keyed by platform. */
  trend: Map<string, TrendPoint[]>;
  /** Records that were skipped (not readable): how many. */
  unreadable: number;
}

const PERMISSION_FIX = 'give the job `permissions: contents: write` (the token may read but not push to the history branch)';

/** Groups the record paths of one image by platform key, oldest first (their names sort by commit time). */
function byPlatform(paths: string[]): Map<string, { path: string; parsed: RecordPath }[]> {
  const groups = new Map<string, { path: string; parsed: RecordPath }[]>();
  for (const path of [...paths].sort()) {
    const parsed = parseRecordPath(path);
    if (!parsed) continue;
    const group = groups.get(parsed.platformKey) ?? [];
    group.push({ path, parsed });
    groups.set(parsed.platformKey, group);
  }
  return groups;
}

/** Reads this image's records from the branch's tip; undefined (and one warning) when the branch cannot be read. */
export async function readHistory(settings: HistorySettings, name: string, log: GateLog): Promise<HistoryRead | undefined> {
  const { remote } = settings;
  let fetched;
  try {
    fetched = await fetchHistory(remote);
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    log.warning(`The size history on branch ${remote.branch} could not be read: ${error.message}`);
    return undefined;
  }
  try {
    const read: HistoryRead = { baseline: [], trend: new Map(), unreadable: 0 };
    if (!fetched.tip) {
      log.info(`The size history branch ${remote.branch} does not exist yet: no records to compare with`);
      return read;
    }
    const groups = byPlatform(await listFiles(remote.root, fetched.tip, imageKey(name)));
    read.baselineCommit = await settings.baselineCommit?.().catch((error: unknown) => {
      log.warning(`The merge base could not be found, so no record can be the baseline: ${(error as Error).message}`);
      return undefined;
    });
    if (settings.baselineCommit && !read.baselineCommit)
      log.info('The merge base of the pull request is not known: no record can be the baseline');
    const wanted = new Set<string>();
    for (const group of groups.values()) {
      for (const entry of group.slice(-TREND_POINTS)) wanted.add(entry.path);
      for (const entry of group) if (entry.parsed.commit === read.baselineCommit) wanted.add(entry.path);
    }
    const files = await readFiles(remote.root, fetched.tip, [...wanted]);
    for (const [platform, group] of groups) {
      const points: TrendPoint[] = [];
      for (const entry of group) {
        const text = files.get(entry.path);
        if (text === undefined) continue;
        const parsed = parseRecord(text.toString('utf8'));
        if (!('record' in parsed)) {
          read.unreadable += 1;
          continue;
        }
        const record = parsed.record;
        if (entry.parsed.commit === read.baselineCommit && record.commit === read.baselineCommit) read.baseline.push(record);
        if (group.indexOf(entry) >= group.length - TREND_POINTS)
          points.push({ commit: record.commit, commitTime: record.commitTime, sizeBytes: record.figures.size });
      }
      read.trend.set(platform, points);
    }
    if (read.unreadable > 0) log.warning(`${read.unreadable} record(s) on branch ${remote.branch} could not be read and were skipped`);
    return read;
  } finally {
    await fetched.release();
  }
}

export interface Recorded {
  commit: string;
  paths: string[];
  attempts: number;
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
  if (!record) return undefined;
  const { remote } = settings;
  try {
    const records = buildRecords({
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
