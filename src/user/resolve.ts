// Who the container runs as, decided the way Docker decides it (lookup.ts redoes the lookup under
// each generation of its user library). The rule: only a container that every engine would start, as the
// same uid other than 0, is non-root; anything that cannot be resolved with certainty is not.
import { byteString, goAtoi } from './go-text.js';
import { Generation, ImageFile, Lookup, lookupUser } from './lookup.js';
import { visible } from '../common/escape.js';

export type { ImageFile } from './lookup.js';

export type UserFileName = 'passwd' | 'group';

export const USER_FILE_PATHS: Record<UserFileName, string> = { passwd: '/etc/passwd', group: '/etc/group' };

/** The largest /etc/passwd or /etc/group the gate reads (Docker reads any size, or 10 MiB since moby/sys/user v0.4.1). */
export const MAX_USER_FILE_BYTES = 64 << 20;

/** One of the two files: undefined means the image has none; a string or Buffer is its content. */
export type UserFileInput = ImageFile | Buffer | string | undefined;

export type UserFiles = Partial<Record<UserFileName, UserFileInput>>;

export type UserResolution = (
  | { kind: 'root'; configured: string; reason: string }
  | { kind: 'non-root'; configured: string; uid: number; gid: number; reason: string }
  | { kind: 'unresolved'; configured: string; reason: string }
) & {
  /**
   * Engines differ here beyond what the image says: the generations of Docker's user library disagree, or an
   * id lies outside 0..2147483647, which some engines truncate to 32 bits and others (Docker 28.5 seen here)
   * refuse at start. Only starting the container on this engine tells which it does (withEngineStart).
   */
  engineDependent?: boolean;
};

/** What this engine did when asked to start the image as its USER (docker/start-probe.ts). */
export type EngineStart =
  | { kind: 'refused'; engine: string; message: string }
  | { kind: 'started'; engine: string }
  | { kind: 'unknown'; engine: string; message: string };

/** Oldest first. */
const GENERATION_ORDER: Generation[] = ['runc-1.0', 'runc-1.1', 'sys-0.4.1', 'sys-main'];

/** How the engines using one generation, or a run of them, are named in a reason. */
const NAME: Record<Generation, string> = {
  'runc-1.0': "runc's libcontainer/user before 1.1",
  'runc-1.1': "runc 1.1's libcontainer/user or moby/sys/user up to v0.4.0",
  'sys-0.4.1': 'moby/sys/user v0.4.1',
  'sys-main': 'moby/sys/user after v0.4.1 (unreleased)',
};
/** A run from the oldest generation to this one. */
const UP_TO: Record<Generation, string> = {
  'runc-1.0': NAME['runc-1.0'],
  'runc-1.1': "runc's libcontainer/user or moby/sys/user up to v0.4.0",
  'sys-0.4.1': "runc's libcontainer/user or moby/sys/user up to v0.4.1",
  'sys-main': 'any user library',
};
/** A run from this generation to the newest. */
const FROM: Record<Generation, string> = {
  'runc-1.0': 'any user library',
  'runc-1.1': "runc 1.1's libcontainer/user or any later one",
  'sys-0.4.1': 'moby/sys/user v0.4.1 or later',
  'sys-main': NAME['sys-main'],
};

/**
 * runc 1.1 resolves the daemon's numeric uid:gid again (libcontainer/init_linux.go setupUser) and refuses a
 * larger one unless /etc/passwd lists it; the kernel never accepts 4294967295 ((uid_t)-1).
 */
const MAX_ID = (1n << 31n) - 1n;

/**
 * Pure: which of the image's files the answer depends on. None when the uid is 0 whatever they say (no
 * user, or a number Docker parses as 0): then the container runs as root or does not start at all.
 */
export function filesNeeded(configured: string): UserFileName[] {
  const userPart = byteString(configured).split(':')[0];
  const atoi = goAtoi(userPart);
  const certainlyRoot = userPart === '' || (atoi.error === undefined && atoi.value === 0n);
  return certainlyRoot ? [] : ['passwd', 'group'];
}

function imageFile(input: UserFileInput): ImageFile {
  if (input === undefined) return { kind: 'absent' };
  if (typeof input === 'string') return { kind: 'file', bytes: Buffer.from(input, 'utf8') };
  if (Buffer.isBuffer(input)) return { kind: 'file', bytes: input };
  return input;
}

interface Verdict {
  kind: UserResolution['kind'];
  uid?: bigint;
  gid?: bigint;
  reason: string;
  outsideIdRange?: boolean;
}

function verdictOf(lookup: Lookup): Verdict {
  if (lookup.outcome === 'refused') return { kind: 'unresolved', reason: lookup.why, outsideIdRange: lookup.outsideIdRange };
  if (lookup.outcome === 'uncertain')
    return { kind: 'unresolved', reason: `${lookup.why}, so the gate cannot tell which uid Docker would use` };
  const { outsideIdRange } = lookup;
  if (lookup.uid === 0n) return { kind: 'root', uid: 0n, gid: lookup.gid, reason: `${lookup.how} (root)`, outsideIdRange };
  if (lookup.uid > MAX_ID || lookup.gid > MAX_ID) {
    const id = lookup.uid > MAX_ID ? `uid ${lookup.uid}` : `gid ${lookup.gid}`;
    return {
      kind: 'unresolved',
      reason: `${lookup.how}; ${id} is above 2147483647, which runc refuses unless /etc/passwd lists it (and the kernel always refuses 4294967295), so the container may not start`,
      outsideIdRange,
    };
  }
  return { kind: 'non-root', uid: lookup.uid, gid: lookup.gid, reason: lookup.how, outsideIdRange };
}

/** Names the engines a set of generations stands for (empty for all of them). */
function enginesLabel(generations: Generation[]): string {
  const indexes = generations.map((generation) => GENERATION_ORDER.indexOf(generation)).sort((a, b) => a - b);
  const contiguous = indexes.every((index, position) => position === 0 || index === indexes[position - 1] + 1);
  const first = GENERATION_ORDER[indexes[0]];
  const last = GENERATION_ORDER[indexes[indexes.length - 1]];
  if (contiguous && indexes[0] === 0) return UP_TO[last];
  if (contiguous && last === GENERATION_ORDER[GENERATION_ORDER.length - 1]) return FROM[first];
  return generations.map((generation) => NAME[generation]).join(' and ');
}

const SEVERITY: Record<Verdict['kind'], number> = { root: 0, unresolved: 1, 'non-root': 2 };

/** One answer from the generations' verdicts: root if any is root, non-root only if all agree on the same uid. */
function combine(configured: string, verdicts: Map<Generation, Verdict>): UserResolution {
  const byReason = new Map<string, { verdict: Verdict; generations: Generation[] }>();
  for (const [generation, verdict] of verdicts) {
    const key = `${verdict.kind}\n${verdict.reason}`;
    const group = byReason.get(key) ?? { verdict, generations: [] };
    group.generations.push(generation);
    byReason.set(key, group);
  }
  const groups = [...byReason.values()].sort((a, b) => SEVERITY[a.verdict.kind] - SEVERITY[b.verdict.kind]);
  const reason =
    groups.length === 1
      ? groups[0].verdict.reason
      : groups.map((group) => `${group.verdict.reason} (on engines with ${enginesLabel(group.generations)})`).join('; ');
  const all = [...verdicts.values()];
  const worst = groups[0].verdict;
  const dependent = groups.length > 1 || all.some((verdict) => verdict.outsideIdRange) ? { engineDependent: true } : {};
  if (worst.kind === 'root') return { kind: 'root', configured, reason, ...dependent };
  if (worst.kind === 'unresolved' || !all.every((verdict) => verdict.uid === worst.uid && verdict.gid === worst.gid))
    return { kind: 'unresolved', configured, reason, ...dependent };
  return { kind: 'non-root', configured, uid: Number(worst.uid), gid: Number(worst.gid), reason, ...dependent };
}

/**
 * Pure: the resolution with what this engine did when asked to start the container (only asked when
 * `engineDependent`). The kind stays what the libraries say, since another engine may run the image as they
 * do: a container this engine refuses is still root where an older engine truncates its uid to 0. The reason
 * leads with this engine's answer.
 */
export function withEngineStart(resolution: UserResolution, start: EngineStart): UserResolution {
  const said =
    start.kind === 'refused'
      ? `this engine (Docker ${start.engine}) refuses to start the container ("${visible(start.message, 160)}")`
      : start.kind === 'started'
        ? `this engine (Docker ${start.engine}) starts the container as this USER`
        : `this engine (Docker ${start.engine}) could not be asked whether it starts the container (${visible(start.message, 160)})`;
  return { ...resolution, reason: `${said}; ${resolution.reason}` };
}

/**
 * Pure: resolves Config.User against the final image's /etc/passwd and /etc/group exactly as Docker does
 * when it starts the container (see lookup.ts), under every generation of Docker's user library.
 */
export function resolveUser(configured: string, files: UserFiles = {}): UserResolution {
  if (configured === '') return { kind: 'root', configured, reason: 'no USER is set, so the container runs as root (uid 0)' };
  const spec = byteString(configured);
  const passwd = imageFile(files.passwd);
  const group = imageFile(files.group);
  const verdicts = new Map(GENERATION_ORDER.map((generation) => [generation, verdictOf(lookupUser(spec, passwd, group, generation))]));
  return combine(configured, verdicts);
}

/**
 * Pure: the resolution from the image held against the uid the smoke container's main process really got
 * (`docker top`). A process running as uid 0 is root whatever the image says; any other disagreement means
 * the gate's reading of the image is not what the engine did, so the user is not known to be non-root.
 * Under userns-remap or rootless Docker the engine reports host ids; the check then says so rather than guess.
 */
export function checkRuntimeUser(resolution: UserResolution, runtimeUid: number | undefined): UserResolution {
  if (runtimeUid === undefined) return resolution;
  const { configured } = resolution;
  if (runtimeUid === 0) {
    return resolution.kind === 'root'
      ? resolution
      : { kind: 'root', configured, reason: `the smoke container's main process ran as uid 0 (root), though ${resolution.reason}` };
  }
  if (resolution.kind === 'non-root' && resolution.uid === runtimeUid) return resolution;
  const expected = resolution.kind === 'non-root' ? `uid ${resolution.uid}` : `not non-root (${resolution.reason})`;
  return {
    kind: 'unresolved',
    configured,
    reason: `the image's USER resolves to ${expected}, but the smoke container's main process ran as uid ${runtimeUid} (under userns-remap or rootless Docker the engine reports host ids)`,
  };
}
