// What a registry's 401 asks for: its WWW-Authenticate challenges (RFC 7235) parsed into a scheme and its
// parameters, e.g. `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`.
// Pure; a header that cannot be read gives no challenge rather than an error.

export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names in lower case: `realm`, `service`, `scope`, `error`. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
/** Longer headers are not read: no registry needs more, and a hostile one should not cost time. */
const MAX_HEADER_CHARS = 8192;

/** A quoted string starting at `start` (the opening quote): its value with backslash escapes undone, and where it ends. */
function quoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) index += 1;
    value += text[index];
    index += 1;
  }
  return { value, end: index + 1 };
}

function skip(text: string, index: number, characters: RegExp): number {
  let at = index;
  while (at < text.length && characters.test(text[at])) at += 1;
  return at;
}

/** Reads the challenges of one header value into `into`. */
function parseOne(text: string, into: Challenge[]): void {
  let index = 0;
  let current: Challenge | undefined;
  while (index < text.length) {
    index = skip(text, index, /[\s,]/);
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    if (!match) {
      // Something unreadable: skip to the next comma.
      const comma = text.indexOf(',', index);
      index = comma < 0 ? text.length : comma + 1;
      continue;
    }
    index = skip(text, index + match[0].length, /[ \t]/);
    if (text[index] === '=' && text[index + 1] !== '=') {
      index = skip(text, index + 1, /[ \t]/);
      let value: string;
      if (text[index] === '"') ({ value, end: index } = quoted(text, index));
      else {
        const end = text.slice(index).search(/[\s,]/);
        value = end < 0 ? text.slice(index) : text.slice(index, index + end);
        index = end < 0 ? text.length : index + end;
      }
      if (current) current.params[match[0].toLowerCase()] = value;
    } else {
      current = { scheme: match[0].toLowerCase(), params: {} };
      into.push(current);
      // A token68 credential after the scheme (`Negotiate abc==`) is not a parameter: skip it.
      const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(text.slice(index));
      if (token68) index += token68[0].length;
    }
  }
}

/** Every challenge in the WWW-Authenticate header values, in order. */
export function parseWwwAuthenticate(values: string[] | string | undefined): Challenge[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  const challenges: Challenge[] = [];
  for (const value of list) parseOne(value.slice(0, MAX_HEADER_CHARS), challenges);
  return challenges;
}

/** The challenge to answer: Bearer when offered (it is what token services expect), else Basic, else none. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((challenge) => challenge.scheme === 'bearer' && challenge.params.realm) ??
    challenges.find((challenge) => challenge.scheme === 'basic')
  );
}

/** The scopes to ask a token service for: the one the request needs and any other the challenge names (space separated). */
export function challengeScopes(challenge: Challenge, scope: string): string[] {
  const asked = (challenge.params.scope ?? '').split(' ').filter((one) => one !== '');
  return [...new Set([scope, ...asked])];
}

/** The challenge kept for the registry's next repositories: its scope was for this request's repository only. */
export function withoutScope(challenge: Challenge): Challenge {
  const { scope: _scope, ...params } = challenge.params;
  return { scheme: challenge.scheme, params };
}
