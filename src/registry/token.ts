// The token service's side of the Bearer dance: GET the realm with the service and scope (Basic credentials
// when there are some), or, with an identity token, the OAuth2 POST form with the refresh token; the answer's
// `token` or `access_token` and its life. The answer is bounded in size and read defensively.
import { Challenge, challengeScopes } from './challenge.js';
import { Credentials } from './docker-config.js';
import { RegistryTarget } from './errors.js';
import { failedAnswer, registryError, RequestContext, sendWithRetries } from './request.js';
import { describeUrl, HttpAsk, readBody } from './transport.js';

/** Token answers larger than this are refused: a JWT is a few kilobytes, ECR's and GCR's included. */
export const MAX_TOKEN_ANSWER_BYTES = 1024 * 1024;
/** The life of a token whose answer names none (the distribution token spec's default). */
const DEFAULT_TOKEN_LIFE_SECONDS = 60;
/** The client id sent with the OAuth2 form. */
const CLIENT_ID = 'image-size-gate';

export interface Token {
  value: string;
  expiresInSeconds: number;
}

function tokenAsk(realm: URL, challenge: Challenge, scope: string, credentials: Credentials | undefined): HttpAsk {
  const scopes = challengeScopes(challenge, scope);
  if (credentials?.kind === 'identity-token') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.identityToken, client_id: CLIENT_ID });
    if (challenge.params.service) form.set('service', challenge.params.service);
    for (const one of scopes) form.append('scope', one);
    const body = form.toString();
    return { method: 'POST', url: realm, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
  }
  const url = new URL(realm);
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  for (const one of scopes) url.searchParams.append('scope', one);
  const headers: Record<string, string> = {};
  if (credentials?.kind === 'password')
    headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  return { method: 'GET', url, headers };
}

/** The token in a token service's answer; throws a plain Error saying what is missing. */
export function parseTokenAnswer(body: Buffer): Token {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('the token service answered something that is not JSON');
  }
  const answer = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const value = [answer.token, answer.access_token].find((candidate) => typeof candidate === 'string' && candidate !== '');
  if (typeof value !== 'string') throw new Error('the token service answered without a "token" or "access_token"');
  if (/[\s\u0000-\u001f\u007f]/.test(value)) throw new Error('the token service answered a token with white space or control characters');
  const expiresIn = answer.expires_in;
  const life = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_LIFE_SECONDS;
  return { value, expiresInSeconds: life };
}

/** Fetches a token for `scope` from the service the challenge names. */
export async function requestToken(
  context: RequestContext,
  target: RegistryTarget,
  challenge: Challenge,
  scope: string,
  found: { credentials?: Credentials; from: string },
): Promise<Token> {
  const ask = { kind: 'token' } as const;
  let realm: URL;
  try {
    realm = new URL(challenge.params.realm ?? '');
  } catch {
    throw registryError(context, target, ask, "the registry's Bearer challenge names a realm that is not a URL");
  }
  const answer = await sendWithRetries(context, target, ask, tokenAsk(realm, challenge, scope, found.credentials));
  if (answer.status === 401 || answer.status === 403) {
    const why = found.credentials ? `the token service refused ${found.from}` : `the token service wants credentials: ${found.from}`;
    throw await failedAnswer(context, target, ask, answer, why);
  }
  if (answer.status !== 200) throw await failedAnswer(context, target, ask, answer, `from ${describeUrl(realm)}`);
  try {
    const token = parseTokenAnswer(await readBody(answer, MAX_TOKEN_ANSWER_BYTES));
    context.secrets.add(token.value);
    return token;
  } catch (error) {
    throw registryError(context, target, ask, `${describeUrl(realm)}: ${(error as Error).message}`);
  }
}
