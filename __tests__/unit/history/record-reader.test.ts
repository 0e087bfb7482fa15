// Reading one image's records from a real history branch (a bare repository on disk): each record that is not
// believed is left out with one warning naming its file and the reason, however often it is asked for, and two
// records of one commit and platform are both left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openHistory } from '../../../src/history/history.js';
import { recordPath, serializeRecord } from '../../../src/history/record.js';
import { writeFiles } from '../../../src/history/store.js';
import { HistoryRecord } from '../../../src/history/types.js';
import { GateLog } from '../../../src/common/log.js';

const BRANCH = 'image-size-history';
const ORIGIN = { serverUrl: 'https://github.com', repository: 'acme/web' };
let root: string;
let bare: string;

function record(commit: string, day: number, sizeBytes: number): HistoryRecord {
  return {
    schemaVersion: 1,
    name: 'web',
    platform: 'linux/amd64',
    commit,
    commitTime: `2024-05-${String(day).padStart(2, '0')}T12:00:00Z`,
    runUrl: 'https://github.com/acme/web/actions/runs/1',
    recordedAt: '2024-05-01T12:40:00.123Z',
    imageId: `sha256:${'b'.repeat(64)}`,
    engine: { version: '28.5.2', imageStore: 'containerd', storageDriver: 'overlayfs' },
    sizeMethod: 'layers',
    figures: { size: sizeBytes, layers: 1 },
    user: '1000',
    nonRoot: true,
    layers: [{ diffId: `sha256:${'c'.repeat(64)}`, createdBy: 'COPY . /', sizeBytes, tarBytes: sizeBytes + 1024 }],
  };
}

function logged(): { log: GateLog; warnings: string[] } {
  const warnings: string[] = [];
  const log: GateLog = {
    info: () => undefined,
    warning: (message) => warnings.push(message),
    group: (_name, work) => work(),
    untrusted: () => ({ line: () => undefined, end: () => undefined }),
  };
  return { log, warnings };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-reader-'));
  bare = path.join(root, 'origin.git');
  execFileSync('git', ['init', '--quiet', '--bare', bare]);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('forged, misfiled, duplicated and unreadable records are left out, each warned about once', async () => {
  const [a, b, c] = ['a', 'b', 'c'].map((char) => char.repeat(40));
  const good = record(a, 1, 1000);
  const forged = { ...record(b, 2, 1000), figures: { size: 9e14, layers: 1 } };
  const genuineC = record(c, 3, 2000);
  const files = [
    { path: recordPath(good), content: serializeRecord(good) },
    { path: recordPath(forged), content: serializeRecord(forged) },
    { path: recordPath(genuineC), content: serializeRecord(genuineC) },
    { path: `web/linux-amd64/19700101T000000Z-${c}.json`, content: serializeRecord({ ...genuineC, figures: { size: 5e7, layers: 1 } }) },
    { path: `web/linux-amd64/20240504T120000Z-${'d'.repeat(40)}.json`, content: 'not json' },
    {
      path: `web/linux-amd64/20240505T120000Z-${'e'.repeat(40)}.json`,
      content: serializeRecord({ ...record('e'.repeat(40), 5, 1), runUrl: 'https://evil.example/login?next=github.com' }),
    },
  ];
  await writeFiles({ root, branch: BRANCH, remote: bare }, files, 'records');
  const { log, warnings } = logged();
  const opened = (await openHistory({ remote: { root, branch: BRANCH, remote: bare }, origin: ORIGIN }, 'web', log))!;
  try {
    // The trend keeps the believed records only (the 1970 file says another time than its record does); a
    // trend point keeps no link that is not this repository's.
    expect(opened.trend.get('linux-amd64')!.map((point) => point.commit)).toEqual([a, c, 'e'.repeat(40)]);
    expect(await opened.recordsOf(a)).toEqual({ files: [{ path: recordPath(good), record: good }], refused: 0 });
    expect(await opened.recordsOf(b)).toEqual({ files: [], refused: 1 });
    expect(await opened.recordsOf(c)).toEqual({ files: [], refused: 2 });
    expect(await opened.recordsOf('d'.repeat(40))).toEqual({ files: [], refused: 1 });
    expect(await opened.recordsOf(b)).toEqual({ files: [], refused: 1 });
    // As a baseline, whose link the comment shows, a link elsewhere refuses the record.
    expect(await opened.recordsOf('e'.repeat(40))).toEqual({ files: [], refused: 1 });
  } finally {
    await opened.release();
  }
  expect(warnings).toEqual([
    `The size history record web/linux-amd64/19700101T000000Z-${c}.json on branch ${BRANCH} is not used: commitTime is not the time its file's name says`,
    `The size history record ${recordPath(forged)} on branch ${BRANCH} is not used: figures.size (900000000000000 bytes) is not the sum of its layers' sizes (1000 bytes)`,
    `The size history record web/linux-amd64/20240504T120000Z-${'d'.repeat(40)}.json on branch ${BRANCH} is not used: the record is not JSON`,
    `The size history records web/linux-amd64/19700101T000000Z-${c}.json and ${recordPath(genuineC)} on branch ${BRANCH} are all for commit ${c.slice(0, 12)}: none of them is used`,
    `The size history record web/linux-amd64/20240505T120000Z-${'e'.repeat(40)}.json on branch ${BRANCH} is not used: runUrl is not on https://github.com`,
  ]);
});
