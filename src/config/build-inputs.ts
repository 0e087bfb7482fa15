// Pure: what a Dockerfile reads from outside its build context, for changed-only. The images it names (FROM,
// COPY and ADD --from, RUN --mount from=, the `# syntax=` frontend and BUILDKIT_SYNTAX), the sources it fetches
// from the network (ADD <url>, ADD <git>), and the names it gives by a variable this reading cannot resolve
// without building (the platform's own ARGs, an ARG without a value). It reads as BuildKit does where that
// matters here: parser directives at the top only, the escape directive, continuation lines, comments inside
// them, ARGs before the first FROM with their defaults and the build arguments that override them.
import { formatImageReference, parseImageReference } from '../registry/reference.js';

export interface DockerfileInputs {
  /** Images the build reads by name, normalised (`base` -> `docker.io/library/base:latest`). */
  images: string[];
  /** Sources fetched from outside the repository: ADD of a URL or a git repository. */
  remote: string[];
  /** Image names or ADD sources that hold a variable this reading cannot resolve, as written. */
  unresolved: string[];
}

/** The ARGs BuildKit defines from the platform: their values differ per platform, so they are never resolved here. */
const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

const REMOTE_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** `docker.io/library/base:latest` for `base`; the text itself when it is not a reference Docker would read. */
export function normalisedReference(text: string): string {
  try {
    return formatImageReference(parseImageReference(text));
  } catch {
    return text;
  }
}

/** The parser directives at the top (`# syntax=...`, `# escape=...`), keys lowercased. */
function directives(lines: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of lines) {
    const match = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || found.has(match[1].toLowerCase())) break;
    found.set(match[1].toLowerCase(), match[2]);
  }
  return found;
}

/** The instructions, one logical line each: continuation lines joined, comment and blank lines inside them dropped. */
function logicalLines(lines: string[], escape: string): string[] {
  const joined: string[] = [];
  let current: string | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (current !== undefined && trimmed === '')) continue;
    const body = line.replace(/\s+$/, '');
    const continues = body.endsWith(escape);
    const part = continues ? body.slice(0, -escape.length) : body;
    current = current === undefined ? part : `${current} ${part.trimStart()}`;
    if (!continues) {
      if (current.trim() !== '') joined.push(current.trim());
      current = undefined;
    }
  }
  if (current !== undefined && current.trim() !== '') joined.push(current.trim());
  return joined;
}

/** Words of an instruction's arguments, quotes kept off (`a "b c"` -> `a`, `b c`). */
function words(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

/**
 * `text` with `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` replaced from `vars`, or undefined when it
 * names a variable whose value is not known here (a platform ARG, one without a value, one of a stage) or uses
 * a form this reading does not follow.
 */
export function expandVariables(text: string, vars: Map<string, string>): string | undefined {
  let unknown = false;
  const pattern = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  const expanded = text.replace(pattern, (all: string, braced?: string, op?: string, word?: string, bare?: string) => {
    if (all === '\\$') return '\0';
    const name = (braced ?? bare)!;
    const value = PLATFORM_ARGS.has(name) ? undefined : vars.get(name);
    if (value === undefined) {
      unknown = true;
      return '';
    }
    if (op === ':-') return value === '' ? (word ?? '') : value;
    if (op === ':+') return value === '' ? '' : (word ?? '');
    return value;
  });
  if (unknown || expanded.includes('$')) return undefined;
  return expanded.replaceAll('\0', '$');
}

/** `--name=value` flags at the start of an instruction's words, and the words after them. */
function flagsOf(args: string[]): { flags: [string, string][]; rest: string[] } {
  const flags: [string, string][] = [];
  let index = 0;
  for (; index < args.length && args[index].startsWith('--'); index += 1) {
    const [name, ...value] = args[index].slice(2).split('=');
    flags.push([name.toLowerCase(), value.join('=')]);
  }
  return { flags, rest: args.slice(index) };
}

/** The ADD sources of an instruction's words after its flags: all but the destination, JSON form too. */
function addSources(rest: string[], argText: string): string[] {
  const json = argText.replace(/^(?:--\S+\s+)*/, '');
  if (json.startsWith('[')) {
    try {
      const parsed = JSON.parse(json) as unknown;
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed.slice(0, -1);
    } catch {
      // Not JSON after all: read as words.
    }
  }
  return rest.slice(0, -1).filter((word) => !word.startsWith('<<'));
}

/** `from=` of every `--mount=` flag. */
function mountSources(flags: [string, string][]): string[] {
  return flags
    .filter(([name]) => name === 'mount')
    .flatMap(([, value]) => value.split(',').flatMap((pair) => (/^from=/i.test(pair) ? [pair.slice(5)] : [])));
}

/** Reads a Dockerfile's text with the build arguments the gate passes (`KEY=VALUE`). */
export function dockerfileInputs(text: string, buildArgs: string[]): DockerfileInputs {
  const lines = text.split('\n');
  const top = directives(lines);
  const args = new Map<string, string>();
  for (const arg of buildArgs) {
    const at = arg.indexOf('=');
    if (at > 0) args.set(arg.slice(0, at), arg.slice(at + 1));
  }
  const found: DockerfileInputs = { images: [], remote: [], unresolved: [] };
  const vars = new Map<string, string>();
  const stages = new Set<string>();
  let stageCount = 0;
  const syntax = args.get('BUILDKIT_SYNTAX') ?? top.get('syntax');
  if (syntax) found.images.push(normalisedReference(syntax));
  const named = (written: string) => {
    const value = expandVariables(written, vars);
    if (value === undefined) found.unresolved.push(written);
    else if (value !== 'scratch' && !stages.has(value.toLowerCase()) && !/^\d+$/.test(value)) found.images.push(normalisedReference(value));
  };
  for (const line of logicalLines(lines, top.get('escape') === '`' ? '`' : '\\')) {
    const keyword = /^\S+/.exec(line)![0].toUpperCase();
    const argText = line.slice(keyword.length).trim();
    const { flags, rest } = flagsOf(words(argText));
    if (keyword === 'ARG' && stageCount === 0) {
      for (const word of rest) {
        const at = word.indexOf('=');
        const name = at < 0 ? word : word.slice(0, at);
        const value = args.get(name) ?? (at < 0 ? undefined : expandVariables(word.slice(at + 1), vars));
        if (value === undefined) vars.delete(name);
        else vars.set(name, value);
      }
    } else if (keyword === 'FROM' && rest.length > 0) {
      named(rest[0]);
      stageCount += 1;
      if (rest.length >= 3 && rest[1].toLowerCase() === 'as') stages.add(rest[2].toLowerCase());
    } else if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'RUN') {
      for (const [name, value] of flags) if (name === 'from') named(value);
      for (const source of mountSources(flags)) named(source);
      if (keyword !== 'ADD') continue;
      for (const source of addSources(rest, argText)) {
        if (REMOTE_SOURCE.test(source)) found.remote.push(source);
        else if (/\$/.test(source) && expandVariables(source, vars) === undefined) found.unresolved.push(source);
      }
    }
  }
  return found;
}
