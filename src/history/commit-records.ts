// image-size-gate/report's one write to the size history: the records every matrix job of a push made (and left
// to it) committed together, in one commit, with the same race-safe push as a one-step run's (store.ts). Only a
// run that records (settings.ts: pushes to a recorded branch) writes; never throws: a failure is one warning.
import type { GateLog } from '../common/log.js';
import { recordPath, serializeRecord } from './record.js';
import { HistorySettings } from './settings.js';
import { HistoryError, writeFiles } from './store.js';
import { HistoryRecord } from './types.js';

export interface CommittedRecords {
  commit: string;
  attempts: number;
  /** The path of each record, in the order given. */
  paths: string[];
}

const PERMISSION_FIX = 'give the report job `permissions: contents: write` (the token may read but not push to the history branch)';

export async function commitRecords(
  settings: HistorySettings,
  records: HistoryRecord[],
  log: GateLog,
): Promise<CommittedRecords | undefined> {
  if (!settings.record || records.length === 0) return undefined;
  const { remote } = settings;
  try {
    const files = records.map((record) => ({ path: recordPath(record), content: serializeRecord(record) }));
    const names = [...new Set(records.map((record) => record.name.slice(0, 100)))];
    const message = `image-size-gate: record ${names.length} image(s) at ${settings.record.commit.slice(0, 12)}: ${names.join(', ').slice(0, 200)}`;
    const written = await writeFiles(remote, files, message);
    const paths = files.map((file) => file.path);
    log.info(
      `Recorded ${paths.length} record(s) of ${names.length} image(s) in one commit on branch ${remote.branch}` +
        `${written.created ? ' (created it)' : ''}: ${paths.join(', ')}` +
        (written.attempts > 1 ? ` (${written.attempts} attempts: another run pushed meanwhile)` : ''),
    );
    return { commit: written.commit, attempts: written.attempts, paths };
  } catch (error) {
    const permission = error instanceof HistoryError && error.permission;
    const message = error instanceof Error ? error.message : String(error);
    log.warning(
      `The size history was not recorded (the verdict stands): ${message}` + (permission ? `; to record it, ${PERMISSION_FIX}` : ''),
    );
    return undefined;
  }
}
