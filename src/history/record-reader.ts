// Reading one image's records from a fetched history branch, believing only those that pass their checks
// (record-check.ts): each record that cannot be read, or that contradicts itself or its path, is left out with
// one warning that names its file and the reason, once however often it is asked for. A baseline record must
// also link only to a run of this repository on this server (the comment shows the link); a trend point keeps
// no link that does not. Two records of one commit and platform are both left out, since nothing says which
// one the recording run wrote.
import type { GateLog } from '../common/log.js';
import { visible } from '../common/escape.js';
import { believedRecord, parseRecord, recordLinkProblem, RecordOrigin, recordProblem } from './record-check.js';
import { RecordPath } from './record-path.js';
import { readFiles } from './store.js';
import { HistoryRecord } from './types.js';

/** A record's file on the branch, as listed. */
export interface RecordEntry {
  path: string;
  parsed: RecordPath;
}

/** A record believed, with the file it was read from. */
export interface RecordFile {
  path: string;
  record: HistoryRecord;
}

/** The records of one commit: those believed, and how many of its files were not. */
export interface CommitRecords {
  files: RecordFile[];
  refused: number;
}

export interface RecordReader {
  /** The believed records of these files, in their order (undefined for one that is not); `baseline` checks their links too. */
  read(entries: RecordEntry[], baseline?: boolean): Promise<(HistoryRecord | undefined)[]>;
  /** The believed records of one commit, one per platform (none for a platform with two), and how many files were not believed. */
  recordsOf(groups: Map<string, RecordEntry[]>, commit: string): Promise<CommitRecords>;
}

export interface ReaderSettings {
  gitDir: string;
  tip: string;
  branch: string;
  /** The image the records must be of. */
  name: string;
  /** This run's server and repository: a record must link only to their runs. */
  origin?: RecordOrigin;
  log: GateLog;
}

export function recordReader(settings: ReaderSettings): RecordReader {
  const { gitDir, tip, branch, name, origin, log } = settings;
  const warned = new Set<string>();
  const notUsed = (path: string, reason: string) => {
    if (warned.has(path)) return;
    warned.add(path);
    log.warning(`The size history record ${visible(path)} on branch ${branch} is not used: ${reason}`);
  };
  const read = async (entries: RecordEntry[], baseline = false) => {
    const files = await readFiles(
      gitDir,
      tip,
      entries.map((entry) => entry.path),
    );
    return entries.map(({ path, parsed }) => {
      const text = files.get(path);
      if (text === undefined) return undefined;
      const result = parseRecord(text.toString('utf8'));
      const linkProblem = (record: HistoryRecord) => (baseline ? recordLinkProblem(record, origin) : undefined);
      const problem = 'record' in result ? (recordProblem(result.record, parsed, name) ?? linkProblem(result.record)) : result.invalid;
      if (problem === undefined && 'record' in result) return believedRecord(result.record, origin);
      notUsed(path, problem ?? 'it cannot be read');
      return undefined;
    });
  };
  const recordsOf = async (groups: Map<string, RecordEntry[]>, commit: string) => {
    const found: CommitRecords = { files: [], refused: 0 };
    for (const group of groups.values()) {
      const entries = group.filter((entry) => entry.parsed.commit === commit);
      if (entries.length > 1) {
        const files = entries.map((entry) => visible(entry.path)).join(' and ');
        log.warning(
          `The size history records ${files} on branch ${branch} are all for commit ${commit.slice(0, 12)}: none of them is used`,
        );
        for (const entry of entries) warned.add(entry.path);
        found.refused += entries.length;
        continue;
      }
      if (entries.length === 0) continue;
      const [record] = await read(entries, true);
      if (record) found.files.push({ path: entries[0].path, record });
      else found.refused += 1;
    }
    return found;
  };
  return { read, recordsOf };
}
