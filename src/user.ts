// Who the container runs as, resolved the way the kernel (runc) resolves Config.User.

export interface PasswdEntry {
  name: string;
  uid: number;
}

/** Pure: parses /etc/passwd text into name -> uid entries (malformed lines are skipped). */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    if (fields.length < 3 || !/^\d+$/.test(fields[2])) continue;
    entries.push({ name: fields[0], uid: Number(fields[2]) });
  }
  return entries;
}

export type UserResolution =
  | { kind: 'root'; configured: string; reason: string }
  | { kind: 'non-root'; configured: string; uid: number; reason: string }
  | { kind: 'unresolved'; configured: string; reason: string };

/** The user part of `user[:group]`. */
export function userPart(configured: string): string {
  return configured.split(':')[0].trim();
}

/** True when resolving `configured` needs the image's /etc/passwd (a user name other than root). */
export function needsPasswd(configured: string): boolean {
  const user = userPart(configured);
  return user !== '' && user !== 'root' && !/^\d+$/.test(user);
}

/**
 * Pure: resolves Config.User. Empty, `root`, `0` (with any group) are root; a numeric uid other than 0 is
 * non-root even without a passwd entry; a name is looked up in the image's own /etc/passwd (`passwd`
 * undefined means the image has none).
 */
export function resolveUser(configured: string, passwd: string | undefined): UserResolution {
  const user = userPart(configured);
  if (user === '') return { kind: 'root', configured, reason: 'no USER is set, so the container runs as root (uid 0)' };
  if (user === 'root') return { kind: 'root', configured, reason: 'USER is root (uid 0)' };
  if (/^\d+$/.test(user)) {
    const uid = Number(user);
    return uid === 0
      ? { kind: 'root', configured, reason: 'USER is uid 0 (root)' }
      : { kind: 'non-root', configured, uid, reason: `USER is uid ${uid}` };
  }
  if (passwd === undefined) {
    return {
      kind: 'unresolved',
      configured,
      reason: `USER "${user}" is a name, but the image has no /etc/passwd to resolve it, so the container cannot start; use a numeric uid (USER 10001) or add a passwd entry`,
    };
  }
  const entry = parsePasswd(passwd).find((candidate) => candidate.name === user);
  if (!entry) {
    return { kind: 'unresolved', configured, reason: `USER "${user}" is not in the image's /etc/passwd, so the container cannot start` };
  }
  return entry.uid === 0
    ? { kind: 'root', configured, reason: `USER "${user}" has uid 0 in /etc/passwd, which is root` }
    : { kind: 'non-root', configured, uid: entry.uid, reason: `USER "${user}" is uid ${entry.uid} in /etc/passwd` };
}
