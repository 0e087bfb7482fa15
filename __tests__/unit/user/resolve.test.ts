// The user as Docker resolves it (moby/sys/user and runc's libcontainer/user before it): the disguises a
// pull request can use to run as uid 0 while looking otherwise, the cases of Docker's own user_test.go
// (rewritten for the daemon's defaults, uid 0 and gid 0), the groups, and the text made visible.
import { goAtoi, goLines, goTrimSpace, byteString } from '../../../src/user/go-text.js';
import { visible } from '../../../src/common/escape.js';
import { filesNeeded, resolveUser, UserResolution, withEngineStart } from '../../../src/user/resolve.js';
import { lookupUser } from '../../../src/user/lookup.js';

const BASE_PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const BASE_GROUP = 'root:x:0:\nnogroup:x:65534:\n';

const withPasswd = (lines: string) => ({ passwd: BASE_PASSWD + lines, group: BASE_GROUP });

describe('the disguises that really run as uid 0 on Docker 20.10 are root', () => {
  test.each<[string, string, Record<string, string | undefined>, string]>([
    ['a plus sign', '+0', {}, 'USER "+0" is parsed by Docker as uid 0 (root)'],
    ['a minus sign', '-0', {}, 'USER "-0" is parsed by Docker as uid 0 (root)'],
    ['leading zeros', '000', {}, 'USER "000" is parsed by Docker as uid 0 (root)'],
    [
      'digits too large for a uid, named in passwd',
      '99999999999999999999',
      withPasswd('99999999999999999999:x:0:0::/:/bin/sh\n'),
      'is too large for a number, so Docker looks it up as a name',
    ],
    [
      'a first entry whose uid is not a number',
      'app',
      withPasswd('app:x:abc:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n'),
      'USER "app" is first matched (of 2 lines naming it) by line 3 of /etc/passwd ("app:x:abc:0::/:/bin/sh"), whose id field "abc" Docker reads as 0 (root)',
    ],
    [
      'a first entry with leading spaces',
      'app',
      withPasswd('  app:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n'),
      'by line 3 of /etc/passwd ("  app:x:0:0::/:/bin/sh"), which gives uid 0 (root)',
    ],
    [
      'a trailing space, and a passwd name to match it',
      '1000 ',
      withPasswd('1000 :x:0:0::/:/bin/sh\n'),
      'USER "1000 " is not a plain number to Docker',
    ],
    ['a uid of 2^32', 'app', withPasswd('app:x:4294967296:0::/:/bin/sh\n'), 'which Docker truncates to 32 bits: uid 0 (root)'],
    [
      'USER 2^32 listed in passwd',
      '4294967296',
      withPasswd('big:x:4294967296:0::/:/bin/sh\n'),
      'line 3 of /etc/passwd lists it, so Docker skips its range check',
    ],
    ['a uid of -2^32', 'app', withPasswd('app:x:-4294967296:0::/:/bin/sh\n'), 'uid 0 (root)'],
    ['a uid of -2^63', 'app', withPasswd('app:x:-9223372036854775808:0::/:/bin/sh\n'), 'uid 0 (root)'],
    ['a space inside the uid field', 'app', withPasswd('app:x: 1000:1000::/:/bin/sh\n'), 'whose id field " 1000" Docker reads as 0'],
    ['an empty uid field', 'app', withPasswd('app:x::1000::/:/bin/sh\n'), 'whose id field "" Docker reads as 0'],
    ['a NEL (U+0085) before the name, which Go trims', 'app', withPasswd('\u0085app:x:0:0::/:/bin/sh\n'), 'uid 0 (root)'],
    ['a user part that is empty', ':1000', {}, 'USER ":1000" names no user, so Docker uses uid 0 (root)'],
    ['no USER', '', {}, 'no USER is set, so the container runs as root (uid 0)'],
  ])('%s (USER %j)', (_, configured, files, reason) => {
    const resolved = resolveUser(configured, files);
    expect(resolved.kind).toBe('root');
    expect(resolved.reason).toContain(reason);
  });

  test('a name too large for a number: root where it is looked up, refused by moby/sys/user v0.4.1 and later', () => {
    const resolved = resolveUser('99999999999999999999', withPasswd('99999999999999999999:x:0:0::/:/bin/sh\n'));
    expect(resolved.kind).toBe('root');
    expect(resolved.reason).toContain("(root) (on engines with runc's libcontainer/user or moby/sys/user up to v0.4.0)");
    expect(resolved.reason).toContain(
      'refuses to start the container ("uids and gids must be in range 0-2147483647") (on engines with moby/sys/user v0.4.1 or later)',
    );
  });
});

describe('ordinary users', () => {
  test.each<[string, Record<string, string | undefined>, number, number]>([
    ['1000', {}, 1000, 0],
    ['1000:1000', {}, 1000, 1000],
    ['nobody', { passwd: BASE_PASSWD }, 65534, 65534],
    ['nobody:nogroup', withPasswd(''), 65534, 65534],
    ['app', withPasswd('app:x:+1000:1000::/:/bin/sh\n'), 1000, 1000],
    ['app', withPasswd('app:x:01000:1000::/:/bin/sh\n'), 1000, 1000],
    ['app', withPasswd('app:x:1000:1000::/:/bin/sh\r\n'), 1000, 1000],
    ['app', withPasswd('#app:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n'), 1000, 1000],
    // A byte-order mark is not white space to Go: that line names "\ufeffapp".
    ['app', withPasswd('\ufeffapp:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n'), 1000, 1000],
    // "root" is only a name: an image may give it any uid.
    ['root', { passwd: 'root:x:1000:1000::/:/bin/sh\n' }, 1000, 1000],
    ['2147483647', {}, 2147483647, 0],
  ])('USER %j is non-root', (configured, files, uid, gid) => {
    expect(resolveUser(configured, files)).toMatchObject({ kind: 'non-root', uid, gid });
  });

  test('a plain name says where its uid comes from', () => {
    expect(resolveUser('nobody', { passwd: BASE_PASSWD }).reason).toBe('USER "nobody" is uid 65534 in /etc/passwd');
    expect(resolveUser('1000', {}).reason).toBe('USER "1000" is uid 1000');
  });
});

describe('users Docker refuses to start, or the gate cannot be sure of, are unresolved', () => {
  test.each<[string, Record<string, string | undefined>, string]>([
    ['ghost', withPasswd(''), `USER "ghost" is not in the image's /etc/passwd, so Docker refuses to start the container`],
    ['app', {}, `USER "app" is not in the image's /etc/passwd (the image has none)`],
    ['root', {}, `USER "root" is not in the image's /etc/passwd (the image has none)`],
    ['2147483648', {}, 'outside 0 to 2147483647, so Docker refuses to start the container'],
    ['-1', {}, 'USER "-1" is uid -1, outside 0 to 2147483647'],
    ['app', withPasswd('app:x:2147483648:0::/:/bin/sh\n'), 'uid 2147483648 is above 2147483647'],
    ['app', withPasswd('app:x:18446744073709551616:0::/:/bin/sh\n'), 'Docker reads as 9223372036854775807'],
    ['1000', withPasswd(`${'x'.repeat(65536)}\n`), 'line 3 is too long to read (bufio.Scanner: token too long)'],
  ])('USER %j', (configured, files, reason) => {
    const resolved = resolveUser(configured, files);
    expect(resolved.kind).toBe('unresolved');
    expect(resolved.reason).toContain(reason);
  });

  test('a passwd line of 65535 bytes is still read', () => {
    expect(resolveUser('1000', withPasswd(`${'x'.repeat(65535)}\n`)).kind).toBe('non-root');
  });

  test('a passwd directory stops the older engines; moby/sys/user v0.4.1 treats it as absent', () => {
    const resolved = resolveUser('1000', { passwd: { kind: 'directory' } } as never);
    expect(resolved.kind).toBe('unresolved');
    expect(resolved.reason).toContain('Docker cannot read /etc/passwd: it is a directory');
    expect(resolved.reason).toContain('USER "1000" is uid 1000 (on engines with moby/sys/user v0.4.1 or later)');
  });

  test('a passwd file over 10 MiB is refused by moby/sys/user v0.4.1', () => {
    const big = Buffer.concat([Buffer.from(BASE_PASSWD), Buffer.alloc(10 << 20, '#\n')]);
    const resolved = resolveUser('nobody', { passwd: big, group: BASE_GROUP });
    expect(resolved.kind).toBe('unresolved');
    expect(resolved.reason).toContain('it is larger than 10485760 bytes');
  });

  test('a file the gate could not read leaves the user unresolved', () => {
    const resolved = resolveUser('1000', { passwd: { kind: 'unreadable', why: 'too many links' } });
    expect(resolved).toMatchObject({ kind: 'unresolved' });
    expect(resolved.reason).toBe('/etc/passwd could not be read (too many links), so the gate cannot tell which uid Docker would use');
  });
});

describe('groups', () => {
  const files = withPasswd('app:x:1000:1000::/home/app:/bin/sh\n');
  const group = (lines: string) => ({ ...files, group: BASE_GROUP + lines });

  test('an explicit group sets the gid, by name or number', () => {
    expect(resolveUser('app:staff', group('staff:x:50:\n'))).toMatchObject({ kind: 'non-root', uid: 1000, gid: 50 });
    expect(resolveUser('app:4242', files)).toMatchObject({ kind: 'non-root', uid: 1000, gid: 4242 });
    // A numeric group is a gid even when a group is named with those digits.
    expect(resolveUser('app:444', group('444:x:555:\nodd:x:444:\n'))).toMatchObject({ gid: 444 });
  });

  test('a group Docker cannot find stops the container', () => {
    const missing = resolveUser('app:nosuchgroup', files);
    expect(missing.kind).toBe('unresolved');
    expect(missing.reason).toBe(
      'the group "nosuchgroup" of USER "app:nosuchgroup" is not a number, and no line of /etc/group names it, so Docker refuses to start the container ("unable to find group nosuchgroup: no matching entries in group file")',
    );
    expect(resolveUser('app:staff', { passwd: files.passwd }).reason).toContain('the image has no /etc/group');
    expect(resolveUser('app:-1', files).kind).toBe('unresolved');
    expect(resolveUser('app:2147483648', files).kind).toBe('unresolved');
  });

  test('a group line too long for runc before 1.1 only stops those engines', () => {
    const members = Array.from({ length: 8000 }, (_, index) => `user${index}`).join(',');
    const resolved = resolveUser('app', group(`big:x:3000:${members},app\n`));
    expect(resolved.kind).toBe('unresolved');
    expect(resolved.reason).toContain("(on engines with runc's libcontainer/user before 1.1)");
    expect(resolved.reason).toContain(
      'USER "app" is uid 1000 in /etc/passwd (on engines with runc 1.1\'s libcontainer/user or any later one)',
    );
  });

  test('a third USER field is ignored by the released engines, but part of the group for the next moby/sys/user', () => {
    const resolved = resolveUser('1000:1000:junk', {});
    expect(resolved.kind).toBe('unresolved');
    expect(resolved.reason).toContain('the group "1000:junk"');
  });
});

// Docker's own cases (moby/sys/user user_test.go: TestGetExecUser, TestGetExecUserInvalid,
// TestGetExecUserNilSources), with our own files of the same shape and the daemon's defaults.
describe("Docker's user_test.go cases", () => {
  const passwd = [
    '',
    'root:x:0:0:root user:/root:/bin/bash',
    'adm:x:42:43:adm:/var/adm:/bin/false',
    '111:x:222:333::/var/garbage',
    'odd:x:111:112::/home/odd:::::',
    '-42:x:12:13:broken:/very/broken',
    '2147483647:x:0:0:maxint32:/root:/bin/bash',
    '2147483648:x:0:0:toolarge:/root:/bin/bash',
    '9223372036854775807:x:0:0:maxint64:/root:/bin/bash',
    '9223372036854775808:x:0:0:maxint64plusone:/root:/bin/bash',
    'user7456:x:7456:100:Vasya:/home/user7456',
    'this is just some garbage data',
  ].join('\n');
  const group = [
    '',
    'root:x:0:root',
    'adm:x:43:',
    'grp:x:1234:root,adm,user7456',
    '444:x:555:111',
    'odd:x:444:',
    '2147483647:x:1235:',
    '9223372036854775808:x:1238:',
    'this is just some garbage data',
  ].join('\n');
  const largeGroup = `largegroup:x:1000:${Array.from({ length: 7500 }, (_, index) => `user${index + 1}`).join(',')}`;
  const lookupEverywhere = (spec: string, groupText = group) =>
    (['runc-1.0', 'runc-1.1', 'sys-0.4.1', 'sys-main'] as const).map((generation) =>
      lookupUser(
        byteString(spec),
        { kind: 'file', bytes: Buffer.from(passwd) },
        { kind: 'file', bytes: Buffer.from(groupText) },
        generation,
      ),
    );

  test.each<[string, number, number]>([
    ['adm', 42, 43],
    ['adm:1234', 42, 1234],
    ['42:1234', 42, 1234],
    ['1337:1234', 1337, 1234],
    ['1337', 1337, 0],
    ['111', 111, 112],
    ['111:444', 111, 444],
    ['7456:2147483647', 7456, 2147483647],
    ['2147483647:43', 2147483647, 43],
    ['2147483647', 2147483647, 0],
  ])('%j runs as uid %i gid %i everywhere', (spec, uid, gid) => {
    for (const lookup of lookupEverywhere(spec)) expect(lookup).toMatchObject({ outcome: 'runs', uid: BigInt(uid), gid: BigInt(gid) });
    expect(resolveUser(spec, { passwd, group })).toMatchObject({ kind: 'non-root', uid, gid });
  });

  test.each(['root', 'root:adm', '', '0', '0:0'])('%j is root', (spec) => {
    expect(resolveUser(spec, { passwd, group }).kind).toBe('root');
  });

  // user7456 is in grp and in largegroup, whose line (over 64 KiB) runc before 1.1 cannot read.
  test('7456 runs as uid 7456 gid 100 where /etc/group can be read', () => {
    const lookups = lookupEverywhere('7456', `${group}\n${largeGroup}`);
    expect(lookups.map((lookup) => lookup.outcome)).toEqual(['refused', 'runs', 'runs', 'runs']);
    expect(lookups[1]).toMatchObject({ uid: 7456n, gid: 100n });
    expect(lookupEverywhere('7456')[0]).toMatchObject({ outcome: 'runs', uid: 7456n, gid: 100n });
  });

  test.each([
    'notuser',
    'notuser:notgroup',
    'root:notgroup',
    'notuser:adm',
    '8888:notgroup',
    'notuser:8888',
    '-1:0',
    '0:-3',
    '-5:-2',
    '-42',
    '-43',
    '42:2147483648',
    '2147483648:43',
    '2147483648',
    '7456:9223372036854775807',
    '9223372036854775807:43',
    '9223372036854775807',
  ])('%j is refused everywhere', (spec) => {
    for (const lookup of lookupEverywhere(spec)) expect(lookup.outcome).toBe('refused');
    expect(resolveUser(spec, { passwd, group }).kind).toBe('unresolved');
  });

  test('maxInt64+1 is a name (uid 0) to the older engines, refused from moby/sys/user v0.4.1', () => {
    expect(lookupEverywhere('9223372036854775808').map((lookup) => lookup.outcome)).toEqual(['runs', 'runs', 'refused', 'refused']);
    expect(resolveUser('9223372036854775808', { passwd, group }).kind).toBe('root');
  });

  test('without the files: no user or uid 0 is root, a name is refused', () => {
    expect(resolveUser('', {}).kind).toBe('root');
    expect(resolveUser('0', {}).kind).toBe('root');
    expect(resolveUser('0:0', {}).kind).toBe('root');
    expect(resolveUser('root', { passwd }).kind).toBe('root');
  });
});

describe('filesNeeded', () => {
  test('none when the uid is 0 whatever the files say; both otherwise', () => {
    expect(['', '0', '+0', '-0', '000', '0:app', ':1000'].map(filesNeeded)).toEqual([[], [], [], [], [], [], []]);
    expect(['root', '1000', 'app:app', '1000 ', '99999999999999999999'].map(filesNeeded)).toEqual(Array(5).fill(['passwd', 'group']));
  });
});

describe('text from the image is shown with its control characters visible', () => {
  test('CR and LF in USER', () => {
    const resolved: UserResolution = resolveUser('app\r\nroot', withPasswd(''));
    expect(resolved.reason).toContain('USER "app\\x0d\\x0aroot" is not in the image\'s /etc/passwd');
    expect(resolved.reason).not.toMatch(/[\r\n]/);
  });

  test('an escape sequence in a passwd line', () => {
    const resolved = resolveUser('app', withPasswd('app:x:0:0:\u001b[2J\u2028:/:/bin/sh\napp:x:1:1::/:/bin/sh\n'));
    expect(resolved.reason).toContain('("app:x:0:0:\\x1b[2J\\u2028:/:/bin/sh")');
  });

  test.each([
    ['\r\n\t', '\\x0d\\x0a\\x09'],
    ['\u0085\u009b', '\\x85\\x9b'],
    ['\u202e\u2066\u200b\ufeff', '\\u202e\\u2066\\u200b\\ufeff'],
    ['back\\x0a', 'back\\\\x0a'],
    ['\ud800!', '\\ud800!'],
    ['é😀', 'é😀'],
  ])('visible(%j)', (text, shown) => {
    expect(visible(text)).toBe(shown);
  });

  test('long text is cut with an ellipsis, never inside an escape', () => {
    expect(visible('a'.repeat(300))).toBe(`${'a'.repeat(200)}…`);
    expect(visible(`${'a'.repeat(198)}\n`)).toBe(`${'a'.repeat(198)}…`);
  });
});

describe('Go text primitives', () => {
  test.each<[string, bigint, string | undefined]>([
    ['0', 0n, undefined],
    ['+0', 0n, undefined],
    ['-0', 0n, undefined],
    ['007', 7n, undefined],
    ['', 0n, 'syntax'],
    ['+', 0n, 'syntax'],
    ['1_000', 0n, 'syntax'],
    ['0x10', 0n, 'syntax'],
    [' 1', 0n, 'syntax'],
    ['1 ', 0n, 'syntax'],
    ['\u0661', 0n, 'syntax'],
    ['9223372036854775807', 9223372036854775807n, undefined],
    ['9223372036854775808', 9223372036854775807n, 'range'],
    ['-9223372036854775808', -9223372036854775808n, undefined],
    ['-9223372036854775809', -9223372036854775808n, 'range'],
    ['99999999999999999999x', 9223372036854775807n, 'range'],
    ['9999999999999999999x', 0n, 'syntax'],
  ])('strconv.Atoi(%j)', (text, value, error) => {
    expect(goAtoi(text)).toEqual(error ? { value, error } : { value });
  });

  test('bytes.TrimSpace trims what unicode.IsSpace accepts, not U+FEFF', () => {
    expect(goTrimSpace(byteString('\u0085\u00a0\u3000 a b\t\r\n\u2029'))).toBe('a b');
    expect(goTrimSpace(byteString('\ufeffa'))).toBe(byteString('\ufeffa'));
    expect(goTrimSpace('\xe2\x80 a')).toBe('\xe2\x80 a');
  });

  test('bufio lines: one CR dropped, no line after the last newline, a limit on length', () => {
    expect(goLines('a\r\nb\r\r\n\nc').lines.map((line) => line.text)).toEqual(['a', 'b\r', '', 'c']);
    expect(goLines('a\n').lines).toEqual([{ number: 1, text: 'a' }]);
    expect(goLines(`a\n${'x'.repeat(9)}\n`, 10).tooLongLine).toBeUndefined();
    expect(goLines(`a\n${'x'.repeat(10)}`, 10).tooLongLine).toBe(2);
  });
});

describe('where engines differ, only this engine can say: engineDependent, and its answer in the reason', () => {
  test.each<[string, string, Record<string, string | undefined>, boolean]>([
    ['a uid of 2^32 (truncated by some engines, refused by others)', 'app', withPasswd('app:x:4294967296:0::/:/bin/sh\n'), true],
    [
      'a name too large for a number (libraries disagree)',
      '99999999999999999999',
      withPasswd('99999999999999999999:x:0:0::/:/bin/sh\n'),
      true,
    ],
    ['a uid above 2^31-1 given as a number', '3000000000', {}, true],
    ['a gid above 2^31-1 in passwd', 'app', withPasswd('app:x:1000:3000000000::/:/bin/sh\n'), true],
    ['an ordinary uid', 'app', withPasswd('app:x:1000:1000::/:/bin/sh\n'), false],
    ['root by name', 'root', withPasswd(''), false],
    ['no USER', '', {}, false],
  ])('%s', (_name, configured, files, dependent) => {
    expect(resolveUser(configured, files).engineDependent ?? false).toBe(dependent);
  });

  test("a refusal leads the reason and keeps the libraries' verdict (another engine may run it as root)", () => {
    const resolved = resolveUser('app', withPasswd('app:x:4294967296:0::/:/bin/sh\n'));
    const checked = withEngineStart(resolved, {
      kind: 'refused',
      engine: '28.5.2',
      message: 'unable to setup user: uids and gids must be in range 0-2147483647',
    });
    expect(checked.kind).toBe('root');
    expect(checked.reason).toBe(
      'this engine (Docker 28.5.2) refuses to start the container ("unable to setup user: uids and gids must be in range 0-2147483647"); ' +
        resolved.reason,
    );
  });

  test('a start and an unknown answer are said as such; engine text is made visible', () => {
    const resolved = resolveUser('app', withPasswd('app:x:4294967296:0::/:/bin/sh\n'));
    expect(withEngineStart(resolved, { kind: 'started', engine: '20.10.24' }).reason).toMatch(
      /^this engine \(Docker 20\.10\.24\) starts the container as this USER; USER "app"/,
    );
    const unknown = withEngineStart(resolved, { kind: 'unknown', engine: '28.5.2', message: 'odd\u202eanswer' });
    expect(unknown.reason).toContain('could not be asked whether it starts the container (odd');
    expect(unknown.reason).not.toContain('\u202e');
  });
});
