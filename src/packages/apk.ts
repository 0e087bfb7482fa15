// Pure: Alpine's installed database (/lib/apk/db/installed): one record per package, separated by blank
// lines, each line a letter, a colon and a value; P: is the name, V: the version, F: a folder (relative to /)
// and each R: a file in the folder named last. Tolerant: a record without P: is skipped and counted.
import { clip, MAX_NAME_CHARS, MAX_VERSION_CHARS } from './dpkg.js';
import { finish, UNITS_BETWEEN_PAUSES } from './steps.js';

export interface ApkPackage {
  name: string;
  version: string;
  /** Absolute paths of its files. */
  files: string[];
}

/** The packages of Alpine's installed database, pausing every UNITS_BETWEEN_PAUSES lines. */
export function* parseApkInstalledSteps(text: string): Generator<void, { packages: ApkPackage[]; malformed: number }, void> {
  const packages: ApkPackage[] = [];
  let malformed = 0;
  let current: { name?: string; version: string; files: string[] } = { version: '', files: [] };
  let folder = '';
  const close = () => {
    if (current.name) packages.push({ name: clip(current.name, MAX_NAME_CHARS), version: current.version, files: current.files });
    else if (current.files.length > 0 || current.version) malformed += 1;
    current = { version: '', files: [] };
    folder = '';
  };
  let lines = 0;
  for (let start = 0; start <= text.length;) {
    if (++lines % UNITS_BETWEEN_PAUSES === 0) yield;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || line === '\r') {
      close();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') continue;
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        current.name = value;
        break;
      case 'V':
        current.version = clip(value, MAX_VERSION_CHARS);
        break;
      case 'F':
        folder = value.replace(/^\/+|\/+$/g, '');
        break;
      case 'R':
        if (value !== '') current.files.push(folder ? `/${folder}/${value}` : `/${value}`);
        break;
      default:
        break;
    }
  }
  close();
  return { packages, malformed };
}

/** parseApkInstalledSteps run to its end. */
export function parseApkInstalled(text: string): { packages: ApkPackage[]; malformed: number } {
  return finish(parseApkInstalledSteps(text));
}
