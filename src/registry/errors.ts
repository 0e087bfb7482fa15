// Errors of the registry client. Each names the registry, the repository and what was asked (a manifest, a
// blob, a token, credentials), says what went wrong, and quotes the registry's own error code and message cut
// short and made visible; secrets the client knows are blanked from every message before it is made.
import { visible } from '../common/escape.js';

/** What a request was for, as errors name it: `manifest "latest"`, `blob sha256:…`, `token`, `credentials`. */
export type RegistryAsk =
  { kind: 'manifest'; name: string } | { kind: 'blob'; digest: string } | { kind: 'token' } | { kind: 'credentials' } | { kind: 'index' };

/** A registry and repository, as errors name them. */
export interface RegistryTarget {
  registry: string;
  repository: string;
}

export interface RegistryErrorDetails {
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** The registry's error code (`MANIFEST_UNKNOWN`, `UNAUTHORIZED`), when it sent one. */
  code?: string;
}

/** The registry's error code and message are quoted at most this long. */
const MAX_QUOTED_CHARS = 200;

export function describeAsk(ask: RegistryAsk): string {
  switch (ask.kind) {
    case 'manifest':
      return `manifest "${visible(ask.name, 140)}"`;
    case 'blob':
      return `blob ${visible(ask.digest, 140)}`;
    default:
      return ask.kind;
  }
}

export class RegistryError extends Error {
  readonly status?: number;
  readonly code?: string;

  constructor(
    readonly target: RegistryTarget,
    readonly ask: RegistryAsk,
    reason: string,
    details: RegistryErrorDetails = {},
  ) {
    super(`registry ${visible(target.registry)}, repository ${visible(target.repository)}: ${describeAsk(ask)}: ${reason}`);
    this.name = 'RegistryError';
    this.status = details.status;
    this.code = details.code;
  }
}

/**
 * The first error of a registry's error body (`{"errors":[{"code":…,"message":…}]}`), or its text when it is no
 * such JSON. `blank` (the client's Secrets) runs on each string before it is cut, so that no part of a secret the
 * registry quotes back can survive the cut.
 */
export function registryErrorOf(body: Buffer, blank: (text: string) => string = (text) => text): { code?: string; message?: string } {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  const quote = (value: unknown, maxChars: number) => (typeof value === 'string' ? visible(blank(value), maxChars) : undefined);
  try {
    const parsed = JSON.parse(text) as { errors?: unknown; error?: unknown; details?: unknown };
    const first = Array.isArray(parsed.errors) ? (parsed.errors[0] as { code?: unknown; message?: unknown } | undefined) : undefined;
    if (first && typeof first === 'object') return { code: quote(first.code, 60), message: quote(first.message, MAX_QUOTED_CHARS) };
    // Token services answer {"error": "...", "details": "..."} (OAuth2 and Docker Hub's auth service).
    if (typeof parsed.error === 'string' || typeof parsed.details === 'string')
      return { code: quote(parsed.error, 60), message: quote(parsed.details, MAX_QUOTED_CHARS) };
  } catch {
    // Not JSON: the text itself, when it is short text and not a page of HTML.
  }
  return /^<(!doctype|html)/i.test(text) ? {} : { message: quote(text, MAX_QUOTED_CHARS) };
}

/** `404 Not Found: MANIFEST_UNKNOWN manifest unknown` */
export function describeStatus(status: number, statusText: string | undefined, body: { code?: string; message?: string }): string {
  const said = [body.code, body.message].filter((part) => part !== undefined && part !== '').join(' ');
  const line = `${status}${statusText ? ` ${visible(statusText, 60)}` : ''}`;
  return said === '' ? line : `${line}: ${said}`;
}

/**
 * The secrets a client has seen (passwords, identity tokens, registry tokens). Every message the client makes
 * passes through `blank`, so a registry that echoes a token back, or a message that quotes a URL, cannot
 * carry one out. Secrets shorter than 4 characters are not blanked: doing so would garble every message.
 */
export class Secrets {
  private readonly known = new Set<string>();

  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.known.add(secret);
  }

  blank(text: string): string {
    let result = text;
    for (const secret of this.known) result = result.split(secret).join('***');
    return result;
  }
}
