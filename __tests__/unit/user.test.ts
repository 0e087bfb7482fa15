import { needsPasswd, parsePasswd, resolveUser } from '../../src/user.js';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/sh',
  'toor:x:0:0::/:/bin/sh',
  'app:x:10001:10001:app:/:/nonexistent',
  'broken line',
  'nobody:x:65534:65534::/:/bin/false',
].join('\n');

describe('resolveUser', () => {
  test.each([
    ['', 'root'],
    ['root', 'root'],
    ['0', 'root'],
    ['0:0', 'root'],
    ['0:1000', 'root'],
    ['root:app', 'root'],
    ['1000', 'non-root'],
    ['1000:0', 'non-root'],
    ['65534:65534', 'non-root'],
  ])('%j without a passwd file is %s', (configured, kind) => {
    expect(resolveUser(configured, undefined).kind).toBe(kind);
  });

  test('a name is looked up in the image passwd', () => {
    expect(resolveUser('app', PASSWD)).toMatchObject({ kind: 'non-root', uid: 10001 });
    expect(resolveUser('nobody:nogroup', PASSWD)).toMatchObject({ kind: 'non-root', uid: 65534 });
  });

  test('a name with uid 0 is root', () => {
    expect(resolveUser('toor', PASSWD)).toMatchObject({ kind: 'root' });
  });

  test('a name missing from passwd, or with no passwd at all, is unresolved and says why', () => {
    expect(resolveUser('ghost', PASSWD)).toMatchObject({ kind: 'unresolved' });
    const none = resolveUser('app', undefined);
    expect(none.kind).toBe('unresolved');
    expect(none.reason).toContain('no /etc/passwd');
  });

  test('needsPasswd only for names other than root', () => {
    expect(['', 'root', '0', '1000:1000'].map(needsPasswd)).toEqual([false, false, false, false]);
    expect(['app', 'app:app'].map(needsPasswd)).toEqual([true, true]);
  });

  test('parsePasswd skips malformed lines', () => {
    expect(parsePasswd(PASSWD).map((entry) => entry.name)).toEqual(['root', 'toor', 'app', 'nobody']);
  });
});
