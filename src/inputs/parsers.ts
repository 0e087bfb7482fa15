// Pure: one input's raw text -> its typed value, or an InputError that names the input, says what was wrong
// and gives an accepted example.
import { parseDurationMs, parseSize, UnitParseError } from '../common/units.js';
import type { BaselineSpec, IncreaseBudget } from './options.js';

/** A bad input value: names the input, what was wrong, and an accepted example. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
    readonly example: string,
  ) {
    super(`input ${input}: ${problem}; expected e.g. ${example}`);
  }
}

export function parseOptional<T>(name: string, raw: string, parse: (text: string) => T, example: string): T | undefined {
  if (raw === '') return undefined;
  try {
    return parse(raw);
  } catch (error) {
    if (error instanceof UnitParseError) throw new InputError(name, error.message, example);
    throw error;
  }
}

/** `linux/amd64,linux/arm64/v8`: os/architecture[/variant], lower case, as buildx's --platform takes them. */
export function parsePlatforms(text: string): string[] {
  const platforms = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  for (const platform of platforms) {
    if (!/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/.test(platform)) {
      throw new InputError('platforms', `"${platform}" is not os/architecture[/variant]`, 'linux/amd64,linux/arm64');
    }
  }
  return [...new Set(platforms)];
}

export function parseBuilderName(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text)) throw new UnitParseError(`"${text}" is not a buildx builder name`);
  return text;
}

/** A branch name git accepts (git check-ref-format's rules, plus no leading dash or refs/ prefix needed). */
export function parseBranchName(text: string): string {
  const name = text.replace(/^refs\/heads\//, '');
  const bad = !/^[A-Za-z0-9._/-]+$/.test(name) || /(^|\/)\.|\.\.|\/\/|^\/|\/$|\.lock(\/|$)|\.$|^-|@\{/.test(name) || name.length > 200;
  if (bad) throw new UnitParseError(`"${text}" is not a branch name`);
  return name;
}

/** Branch names, comma- or newline-separated. */
export function parseBranchList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseBranchName);
}

/** Package names, comma- or newline-separated, each a name or ecosystem:name (deb, apk, rpm, python, npm). */
export function parsePackageList(text: string): string[] {
  const names = text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  for (const name of names) {
    if (/\s/.test(name) || name.length > 300 || /^(deb|apk|rpm|python|npm):$/.test(name))
      throw new InputError('allow-large-packages', `"${name}" is not a package name`, 'typescript, deb:libc6');
  }
  return names;
}

export function parseCount(text: string): number {
  if (!/^\d+$/.test(text)) throw new UnitParseError(`"${text}" is not a whole number of 0 or more`);
  return Number(text);
}

/** How many times its compressed bytes a layer may expand to: a whole number of 1 or more (max-layer-expansion). */
export function parseExpansionRatio(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UnitParseError(`"${text}" is not a whole number of 1 or more`);
  return Number(text);
}

/** `5%` (of the baseline size) or a size such as `2MB`. */
export function parseIncrease(text: string): IncreaseBudget {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: 'percent', fraction: Number(percent[1]) / 100, text: `${percent[1]}%` };
  const size = parseSize(text);
  return { kind: 'bytes', bytes: size.bytes, text: text.replace(/\s+/g, '') };
}

/** An image reference (name, tag, digest or id): never one docker could read as an option or split into two. */
export function parseImageReference(name: string, text: string): string {
  if (/[\s\u0000-\u001f\u007f]/.test(text) || text.startsWith('-'))
    throw new InputError(name, `"${text}" is not an image reference`, 'my-app:ci, ghcr.io/acme/app:main or sha256:...');
  return text;
}

/** A path to an image archive or layout: any path, but no control characters and no leading dash. */
export function parseArchivePath(text: string): string {
  if (/[\u0000-\u001f\u007f]/.test(text) || text.startsWith('-')) throw new UnitParseError(`"${text.slice(0, 80)}" is not a path`);
  return text;
}

export function parseBaseline(text: string): BaselineSpec {
  if (text === 'auto') return { kind: 'auto' };
  if (text === 'none') return { kind: 'none' };
  if (/\s/.test(text) || text.startsWith('-'))
    throw new InputError('baseline', `"${text}" is neither auto, none nor an image reference`, 'auto, none or ghcr.io/acme/app:main');
  return { kind: 'image', reference: text };
}

/** 0..1, or a percentage 0%..100%. */
export function parseFraction(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a number between 0 and 1 or a percentage`);
  const fraction = match[2] ? Number(match[1]) / 100 : Number(match[1]);
  if (fraction > 1) throw new UnitParseError(`"${text}" is more than ${match[2] ? '100%' : '1'}`);
  return fraction;
}

export function parsePositiveDuration(text: string): number {
  const ms = parseDurationMs(text);
  if (ms <= 0) throw new UnitParseError(`"${text}" must be longer than 0`);
  return ms;
}

export function parsePort(text: string): number {
  const match = /^(\d+)(?:\/(\w+))?$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a port`);
  if (match[2] && match[2].toLowerCase() !== 'tcp') {
    throw new UnitParseError(`"${text}" is not a TCP port (the smoke test speaks HTTP over TCP)`);
  }
  const port = Number(match[1]);
  if (port < 1 || port > 65535) throw new UnitParseError(`"${text}" is outside 1..65535`);
  return port;
}

export function parseStatus(text: string): number {
  if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
    throw new InputError('smoke-expect-status', `"${text}" is not an HTTP status`, '200');
  }
  return Number(text);
}

/** Characters a request-target's path and query may hold as they are (RFC 3986 pchar, "/", "?" and "%" escapes). */
const REQUEST_TARGET_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/**
 * The smoke request's target, checked where it enters: an absolute path with an optional query. Spaces and
 * non-ASCII characters are percent-encoded as UTF-8 (`/€` -> `/%E2%82%AC`), as are the printable characters a
 * request line cannot carry (`"<>\^`{|}`); what cannot be part of a request-target at all is refused.
 */
export function parseSmokePath(text: string): string {
  const refuse = (problem: string) => new InputError('smoke-path', `${JSON.stringify(text)} ${problem}`, '/healthz or /status?full=1');
  if (!text.startsWith('/')) throw refuse('is not an absolute URL path');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw refuse('contains a control character');
  if (text.includes('#')) throw refuse('has a fragment (#...), which a client never sends');
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) throw refuse('has a "%" that does not start a %XX escape (write %25 for a literal %)');
  try {
    return [...text].map((character) => (REQUEST_TARGET_SAFE.test(character) ? character : encodeURIComponent(character))).join('');
  } catch {
    throw refuse('is not valid Unicode'); // a lone surrogate has no UTF-8 form (encodeURIComponent throws)
  }
}

export function parseBoolean(name: string, text: string): boolean {
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^(false|no|off)$/i.test(text)) return false;
  throw new InputError(name, `"${text}" is not true or false`, 'true');
}

export function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === text.toLowerCase());
  if (found === undefined) throw new InputError(name, `"${text}" is not one of ${choices.join(', ')}`, choices[0]);
  return found;
}

export function parseKeyValueLines(name: string, text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(line)) {
        throw new InputError(name, `"${line}" is not KEY=VALUE`, 'GO_VERSION=1.22');
      }
      return line;
    });
}
