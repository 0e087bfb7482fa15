// Where records live on the history branch: keys that are safe path segments whatever the name, distinct for
// distinct names, and file names that sort in commit-time order and read back.
import { createHash } from 'node:crypto';
import { imageKey, parseRecordPath, platformKey, recordPath } from '../../../src/history/record.js';

const hash8 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
const SAFE_KEY = /^[a-z0-9](?:[a-z0-9._-]{0,58}[a-z0-9])?$/;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('imageKey', () => {
  test('a name that is a safe lowercase segment already is its own key', () => {
    expect(imageKey('web')).toBe('web');
    expect(imageKey('api-server_v2.1')).toBe('api-server_v2.1');
  });

  test('any other name: its safe form and 8 hex characters of its sha256, so names differing in case or punctuation never share a key', () => {
    expect(imageKey('Web')).toBe(`web-${hash8('Web')}`);
    expect(imageKey('ghcr.io/acme/web:latest')).toBe(`ghcr.io-acme-web-latest-${hash8('ghcr.io/acme/web:latest')}`);
    expect(imageKey('web ')).not.toBe(imageKey('web'));
    expect(imageKey('a/b')).not.toBe(imageKey('a:b'));
    expect(imageKey('my   app!!')).toBe(`my-app-${hash8('my   app!!')}`);
  });

  test('never empty, never . or .., never a path, never longer than 60 characters', () => {
    const names = [
      '',
      '.',
      '..',
      '../../etc',
      '/',
      '---',
      '!!!',
      'ÄÖÜ',
      '\u0000\n',
      '.hidden',
      'x'.repeat(61),
      'A'.repeat(500),
      'a-'.repeat(40),
    ];
    for (const name of names) {
      const key = imageKey(name);
      expect(key).toMatch(SAFE_KEY);
      expect(key.length).toBeLessThanOrEqual(60);
    }
    expect(imageKey('')).toBe(`image-${hash8('')}`);
    expect(imageKey('..')).toBe(`image-${hash8('..')}`);
    expect(imageKey('../../etc')).toBe(`etc-${hash8('../../etc')}`);
    expect(imageKey('x'.repeat(61))).toBe(`${'x'.repeat(51)}-${hash8('x'.repeat(61))}`);
  });

  test('the key is made from the name as a record keeps it (200 characters), so a record’s name gives back its key', () => {
    const long = 'n'.repeat(250);
    expect(imageKey(long)).toBe(imageKey(long.slice(0, 200)));
  });
});

describe('platformKey', () => {
  test('slashes become dashes; a hash only when anything else had to change', () => {
    expect(platformKey('linux/amd64')).toBe('linux-amd64');
    expect(platformKey('linux/arm64/v8')).toBe('linux-arm64-v8');
    expect(platformKey('Linux/ARM64')).toBe(`linux-arm64-${hash8('Linux/ARM64')}`);
    expect(platformKey('../..')).toMatch(SAFE_KEY);
    expect(platformKey('')).toBe(`platform-${hash8('')}`);
  });
});

describe('recordPath and parseRecordPath', () => {
  const record = { name: 'web', platform: 'linux/arm64/v8', commit: COMMIT, commitTime: '2024-05-01T12:34:56Z' };

  test('image key, platform key, then commit time and commit; read back', () => {
    const path = recordPath(record);
    expect(path).toBe(`web/linux-arm64-v8/20240501T123456Z-${COMMIT}.json`);
    expect(parseRecordPath(path)).toEqual({
      imageKey: 'web',
      platformKey: 'linux-arm64-v8',
      commitTime: '2024-05-01T12:34:56Z',
      commit: COMMIT,
    });
    expect(recordPath({ ...record, commitTime: '2024-05-01T14:34:56+02:00' })).toBe(path);
    const sha256Commit = 'f'.repeat(64);
    expect(parseRecordPath(recordPath({ ...record, commit: sha256Commit }))?.commit).toBe(sha256Commit);
  });

  test('a sorted listing is in commit-time order', () => {
    const times = ['2024-05-01T12:34:56Z', '2023-12-31T23:59:59Z', '2024-05-01T09:00:00Z', '2024-10-01T00:00:00Z'];
    const paths = times.map((commitTime) => recordPath({ ...record, commitTime }));
    expect([...paths].sort().map((path) => parseRecordPath(path)?.commitTime)).toEqual([...times].sort());
  });

  test('recordPath refuses a commit that is not a full sha and a time that is not one', () => {
    expect(() => recordPath({ ...record, commit: '../../x' })).toThrow(/not a full commit sha/);
    expect(() => recordPath({ ...record, commit: COMMIT.toUpperCase() })).toThrow(/not a full commit sha/);
    expect(() => recordPath({ ...record, commitTime: 'soon' })).toThrow(/not a time/);
  });

  test('anything else is not a record path', () => {
    const good = `web/linux-amd64/20240501T123456Z-${COMMIT}.json`;
    for (const path of [
      'README.md',
      `web/20240501T123456Z-${COMMIT}.json`,
      `a/web/linux-amd64/20240501T123456Z-${COMMIT}.json`,
      `../linux-amd64/20240501T123456Z-${COMMIT}.json`,
      `./linux-amd64/20240501T123456Z-${COMMIT}.json`,
      `Web/linux-amd64/20240501T123456Z-${COMMIT}.json`,
      `web-/linux-amd64/20240501T123456Z-${COMMIT}.json`,
      `web/linux-amd64/20240501T123456Z-${COMMIT.slice(1)}.json`,
      `web/linux-amd64/20240501T123456Z-${COMMIT.toUpperCase()}.json`,
      `web/linux-amd64/20241301T123456Z-${COMMIT}.json`,
      `web/linux-amd64/20240230T123456Z-${COMMIT}.json`,
      `web/linux-amd64/20240501T123456Z-${COMMIT}.json.bak`,
      `${'x'.repeat(61)}/linux-amd64/20240501T123456Z-${COMMIT}.json`,
      good + '\n',
    ]) {
      expect(parseRecordPath(path)).toBeUndefined();
    }
    expect(parseRecordPath(good)).toBeDefined();
  });
});
