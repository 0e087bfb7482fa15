// The lookup Docker does when it starts a container: the daemon's getUser (moby daemon/oci_linux.go) calls
// GetExecUserPath on the container's /etc/passwd and /etc/group, from runc's libcontainer/user in older
// engines (Docker 20.10) and moby/sys/user (user/user.go, user/user_utils.go) in newer ones, and keeps
// uint32 of the uid and gid it returns; any error there and the container does not start. The library's
// rules changed over time, so each generation is redone here (its cases are those of user_test.go in both
// repositories); resolve.ts compares their answers. Text is in byte strings (go-text.ts).
import { goAtoi, goLines, goTrimSpace, goUint32, textOf } from './go-text.js';
import { visible } from '../common/escape.js';

/** /etc/passwd or /etc/group of the container, as the daemon would open it. */
export type ImageFile =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'absent' }
  | { kind: 'directory' }
  /** The gate could not read it, or it is something whose effect it cannot tell (a device, a symlink loop). */
  | { kind: 'unreadable'; why: string };

export type Generation = 'runc-1.0' | 'runc-1.1' | 'sys-0.4.1' | 'sys-main';

interface Rules {
  /** USER is split at every colon (parseLine: user, group, the rest ignored), not at the first only (strings.Cut). */
  splitAtEveryColon: boolean;
  /** A number too large for int, or outside 0..2147483647, is an error as soon as it is parsed (not a name). */
  strictNumbers: boolean;
  /** /etc/group is read by a Scanner with this longest line; undefined: bufio.Reader.ReadLine, no limit. */
  groupMaxLineBytes?: number;
  /** /etc/group lines are trimmed, and '#' lines skipped. */
  groupTrimmed: boolean;
  /** Only regular files of at most 10 MiB are read (openUserFile); another kind counts as absent. */
  regularFilesOnly: boolean;
}

/** runc before 1.1; runc 1.1 and moby/sys/user v0.1.0 to v0.4.0; v0.4.1 (June 2026); its main branch since. */
export const GENERATIONS: Record<Generation, Rules> = {
  'runc-1.0': { splitAtEveryColon: true, strictNumbers: false, groupMaxLineBytes: 64 * 1024, groupTrimmed: false, regularFilesOnly: false },
  'runc-1.1': { splitAtEveryColon: true, strictNumbers: false, groupTrimmed: true, regularFilesOnly: false },
  'sys-0.4.1': { splitAtEveryColon: true, strictNumbers: true, groupMaxLineBytes: 1 << 20, groupTrimmed: true, regularFilesOnly: true },
  'sys-main': { splitAtEveryColon: false, strictNumbers: true, groupMaxLineBytes: 1 << 20, groupTrimmed: true, regularFilesOnly: true },
};

const MAX_ID = (1n << 31n) - 1n;
const RANGE_ERROR = 'uids and gids must be in range 0-2147483647';
const PASSWD_MAX_LINE_BYTES = 64 * 1024;
const USER_FILE_MAX_BYTES = 10 << 20;

export type Lookup =
  | {
      outcome: 'runs';
      uid: bigint;
      gid: bigint;
      how: string;
      /** The uid or gid the library found lay outside 0..2147483647 before the daemon's uint32 of it. */
      outsideIdRange: boolean;
    }
  | { outcome: 'refused'; why: string; /** Refused for an id outside 0..2147483647. */ outsideIdRange: boolean }
  | { outcome: 'uncertain'; why: string };

/** Quotes bytes from the image for a message. */
export function quote(bytes: string, maxChars = 120): string {
  return `"${visible(textOf(bytes), maxChars)}"`;
}

type Source =
  { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'read-error'; error: string } | { kind: 'uncertain'; why: string };

function sourceOf(file: ImageFile, rules: Rules): Source {
  switch (file.kind) {
    case 'absent':
      return { kind: 'none' };
    case 'directory':
      return rules.regularFilesOnly ? { kind: 'none' } : { kind: 'read-error', error: 'it is a directory' };
    case 'unreadable':
      return { kind: 'uncertain', why: file.why };
    default:
      return rules.regularFilesOnly && file.bytes.length > USER_FILE_MAX_BYTES
        ? { kind: 'read-error', error: `it is larger than ${USER_FILE_MAX_BYTES} bytes` }
        : { kind: 'text', text: file.bytes.toString('latin1') };
  }
}

/** A USER part: absent, a number, or a name (`atoi` says why a digit-bearing name is not a number). */
type Arg = { kind: 'none' } | { kind: 'number'; value: bigint; text: string } | { kind: 'name'; text: string; atoi?: 'syntax' | 'range' };

/** Parses a USER part; `outOfRange` when the rules refuse the number as soon as it is parsed (moby/sys/user v0.4.1). */
function parseArg(text: string, rules: Rules): Arg & { outOfRange?: boolean } {
  if (text === '') return { kind: 'none' };
  const atoi = goAtoi(text);
  if (atoi.error === undefined) {
    return { kind: 'number', value: atoi.value, text, outOfRange: rules.strictNumbers && (atoi.value < 0n || atoi.value > MAX_ID) };
  }
  return {
    kind: 'name',
    text,
    atoi: /[0-9]/.test(text) ? atoi.error : undefined,
    outOfRange: rules.strictNumbers && atoi.error === 'range',
  };
}

function splitSpec(spec: string, rules: Rules): [string, string] {
  if (!rules.splitAtEveryColon) {
    const colon = spec.indexOf(':');
    return colon === -1 ? [spec, ''] : [spec.slice(0, colon), spec.slice(colon + 1)];
  }
  const fields = spec.split(':');
  return [fields[0], fields[1] ?? ''];
}

interface Entry {
  name: string;
  id: bigint;
  /** The id field as written. */
  idText: string;
  gid: bigint;
  members: string[];
  line: { number: number; text: string };
}

/** ParsePasswdFilter / ParseGroupFilter: every entry the filter keeps, in file order, or the read error. */
function parseEntries(
  source: Source,
  kind: 'passwd' | 'group',
  rules: Rules,
  keep: (entry: Entry) => boolean,
): Entry[] | { error: string } {
  if (source.kind === 'none') return [];
  if (source.kind === 'read-error') return { error: source.error };
  if (source.kind === 'uncertain') return { error: source.why };
  const scanned = goLines(source.text, kind === 'passwd' ? PASSWD_MAX_LINE_BYTES : rules.groupMaxLineBytes);
  if (scanned.tooLongLine !== undefined)
    return { error: `line ${scanned.tooLongLine} is too long to read (bufio.Scanner: token too long)` };
  const trimmed = kind === 'passwd' || rules.groupTrimmed;
  const entries: Entry[] = [];
  for (const line of scanned.lines) {
    const text = trimmed ? goTrimSpace(line.text) : line.text;
    if (text === '' || (kind === 'group' && trimmed && text.startsWith('#'))) continue;
    const fields = text.split(':');
    const idText = fields[2] ?? '';
    const entry: Entry = {
      name: fields[0],
      id: goAtoi(idText).value,
      idText,
      gid: kind === 'passwd' ? goAtoi(fields[3] ?? '').value : 0n,
      members: kind === 'group' && fields[3] ? fields[3].split(',') : [],
      line,
    };
    if (keep(entry)) entries.push(entry);
  }
  return entries;
}

/** Where an entry is, e.g. `line 3 of /etc/passwd ("app:x:0:0::/:/bin/sh")`, and how Docker reads its id. */
function describeEntry(entry: Entry, file: string): string {
  const reading =
    String(entry.id) === entry.idText
      ? `which gives ${file === '/etc/passwd' ? 'uid' : 'gid'} ${entry.id}`
      : `whose id field ${quote(entry.idText, 40)} Docker reads as ${entry.id}`;
  return `line ${entry.line.number} of ${file} (${quote(entry.line.text)}), ${reading}`;
}

function describeUserArg(arg: Arg, spec: string): string {
  const user = `USER ${quote(spec)}`;
  if (arg.kind === 'none')
    return spec === '' ? 'no USER is set, so the container runs as uid 0' : `${user} names no user, so Docker uses uid 0`;
  if (arg.kind === 'number')
    return String(arg.value) === arg.text ? `${user} is uid ${arg.value}` : `${user} is parsed by Docker as uid ${arg.value}`;
  if (arg.atoi === 'range') return `${user} is too large for a number, so Docker looks it up as a name`;
  if (arg.atoi === 'syntax')
    return `${user} is not a plain number to Docker (it neither trims nor converts it), so it is looked up as a name`;
  return user;
}

/** How the matched passwd line gives the uid; plain when nothing about it is unusual. */
function describeMatch(arg: Arg, spec: string, users: Entry[]): string {
  const [entry] = users;
  const described = describeUserArg(arg, spec);
  if (arg.kind === 'number') {
    const lists = `line ${entry.line.number} of /etc/passwd lists it, so Docker skips its range check`;
    return entry.id === goUint32(entry.id) ? described : `${described} (${lists})`;
  }
  if (arg.kind !== 'name') return described;
  const plain =
    arg.atoi === undefined && users.length === 1 && String(entry.id) === entry.idText && goTrimSpace(entry.line.text) === entry.line.text;
  if (plain) return `${described} is uid ${entry.id} in /etc/passwd`;
  if (arg.atoi !== undefined) return `${described}: it is matched by ${describeEntry(entry, '/etc/passwd')}`;
  const first = users.length > 1 ? `first matched (of ${users.length} lines naming it)` : 'matched';
  return `${described} is ${first} by ${describeEntry(entry, '/etc/passwd')}`;
}

/** GetExecUser with the daemon's defaults (uid 0, gid 0) and the daemon's uint32 of the result, under one generation's rules. */
export function lookupUser(spec: string, passwd: ImageFile, group: ImageFile, generation: Generation): Lookup {
  const rules = GENERATIONS[generation];
  const [userText, groupText] = splitSpec(spec, rules);
  const userArg = parseArg(userText, rules);
  const groupArg = parseArg(groupText, rules);
  if (userArg.outOfRange) {
    const described = userArg.kind === 'number' ? describeUserArg(userArg, spec) : `USER ${quote(spec)} is too large for a number`;
    return refuse(`${described}, outside 0 to 2147483647`, RANGE_ERROR);
  }
  if (groupArg.outOfRange) return refuse(`the group of USER ${quote(spec)} is outside 0 to 2147483647`, RANGE_ERROR);
  const passwdSource = sourceOf(passwd, rules);
  if (passwdSource.kind === 'uncertain') return { outcome: 'uncertain', why: `/etc/passwd could not be read (${passwdSource.why})` };
  const users = parseEntries(passwdSource, 'passwd', rules, (entry) =>
    userArg.kind === 'none' ? entry.id === 0n : userArg.kind === 'number' ? entry.id === userArg.value : entry.name === userArg.text,
  );
  if ('error' in users) return refuse(`Docker cannot read /etc/passwd: ${users.error}`);
  let uid = 0n;
  let gid = 0n;
  let how = describeUserArg(userArg, spec);
  const matched = users[0];
  if (matched) {
    uid = matched.id;
    gid = matched.gid;
    how = describeMatch(userArg, spec, users);
  } else if (userArg.kind === 'name') {
    const none = passwdSource.kind === 'none' ? ' (the image has none)' : '';
    const missing = userArg.atoi === undefined ? `${how} is not in the image's /etc/passwd` : `${how}, and no line of /etc/passwd names it`;
    return refuse(`${missing}${none}`, `unable to find user ${userArg.text}: no matching entries in passwd file`);
  } else if (userArg.kind === 'number') {
    if (userArg.value < 0n || userArg.value > MAX_ID) return refuse(`${how}, outside 0 to 2147483647`, RANGE_ERROR);
    uid = userArg.value;
  }
  const groupResult = lookupGroup(groupArg, matched?.name ?? '', sourceOf(group, rules), rules, spec);
  if (groupResult.outcome !== 'runs') return groupResult;
  if (groupResult.gid !== undefined) gid = groupResult.gid;
  const uid32 = goUint32(uid);
  if (uid32 !== uid) how += `, which Docker truncates to 32 bits: uid ${uid32}`;
  const outsideIdRange = uid < 0n || uid > MAX_ID || gid < 0n || gid > MAX_ID;
  return { outcome: 'runs', uid: uid32, gid: goUint32(gid), how, outsideIdRange };
}

type Refusal = Extract<Lookup, { outcome: 'refused' }>;

function refuse(explanation: string, dockerSays?: string): Refusal {
  return {
    outcome: 'refused',
    why: `${explanation}, so Docker refuses to start the container${dockerSays ? ` ("${visible(textOf(dockerSays))}")` : ''}`,
    outsideIdRange: dockerSays === RANGE_ERROR,
  };
}

/** The group half of GetExecUser: an explicit group sets the gid; a matched user name only reads supplementary groups. */
function lookupGroup(
  groupArg: Arg,
  userName: string,
  source: Source,
  rules: Rules,
  spec: string,
): { outcome: 'runs'; gid?: bigint } | Refusal | Extract<Lookup, { outcome: 'uncertain' }> {
  if (groupArg.kind === 'none' && userName === '') return { outcome: 'runs' };
  if (source.kind === 'uncertain') return { outcome: 'uncertain', why: `/etc/group could not be read (${source.why})` };
  const groups = parseEntries(source, 'group', rules, (entry) =>
    groupArg.kind === 'none'
      ? entry.members.includes(userName)
      : groupArg.kind === 'number'
        ? entry.id === groupArg.value
        : entry.name === groupArg.text,
  );
  if ('error' in groups) return refuse(`Docker cannot read /etc/group: ${groups.error}`);
  if (groupArg.kind === 'none') return { outcome: 'runs' };
  if (groups[0]) return { outcome: 'runs', gid: groups[0].id };
  if (groupArg.kind === 'name') {
    const where = source.kind === 'none' ? 'the image has no /etc/group' : 'no line of /etc/group names it';
    return refuse(
      `the group ${quote(groupArg.text)} of USER ${quote(spec)} is not a number, and ${where}`,
      `unable to find group ${groupArg.text}: no matching entries in group file`,
    );
  }
  if (groupArg.value < 0n || groupArg.value > MAX_ID)
    return refuse(`the group of USER ${quote(spec)} is outside 0 to 2147483647`, RANGE_ERROR);
  return { outcome: 'runs', gid: groupArg.value };
}
