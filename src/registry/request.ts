// A request to a registry or its token service with the retry policy applied: 429 and 503 after the wait asked
// for, other 5xx and network failures after a back-off. Resolves with any other answer for the caller to judge;
// a failure given up on becomes a RegistryError naming the registry, the repository, what was asked and why.
import { describeAsk, describeStatus, RegistryAsk, RegistryError, RegistryTarget, registryErrorOf, Secrets } from './errors.js';
import { DEFAULT_RETRY_POLICY, Failure, RetryPolicy, retryDecision } from './retry.js';
import { Agents, discard, HttpAnswer, HttpAsk, readBody, send, TransportError, TransportLimits } from './transport.js';

/** The part of an error answer read for the registry's code and message. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface RequestContext {
  limits: TransportLimits;
  agents: Agents;
  policy: RetryPolicy;
  secrets: Secrets;
  /** Told about each retry: one line, secrets blanked. */
  log?: (line: string) => void;
  now?: () => number;
}

/** A RegistryError whose reason has every known secret blanked. */
export function registryError(
  context: RequestContext,
  target: RegistryTarget,
  ask: RegistryAsk,
  reason: string,
  status?: number,
  code?: string,
) {
  return new RegistryError(target, ask, context.secrets.blank(reason), { status, code });
}

/** The error for an answer that is not the one wanted: its status, and the registry's own code and message. */
export async function failedAnswer(
  context: RequestContext,
  target: RegistryTarget,
  ask: RegistryAsk,
  answer: HttpAnswer,
  explanation = '',
): Promise<RegistryError> {
  const body = await readBody(answer, MAX_ERROR_BODY_BYTES).catch(() => Buffer.alloc(0));
  const blank = (text: string) => context.secrets.blank(text);
  const said = registryErrorOf(body, blank);
  const reason = `${describeStatus(answer.status, blank(answer.statusText), said)}${explanation ? `; ${explanation}` : ''}`;
  return registryError(context, target, ask, reason, answer.status, said.code);
}

function failureOf(answerOrError: HttpAnswer | TransportError): Failure {
  if (answerOrError instanceof TransportError) return { network: true, retryable: answerOrError.retryable };
  const retryAfter = answerOrError.headers['retry-after'];
  return { status: answerOrError.status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
}

function isTransient(answer: HttpAnswer): boolean {
  return answer.status === 429 || answer.status >= 500;
}

/** Sends `ask` until an answer that is no transient failure arrives, or the policy gives up (then throws). */
export async function sendWithRetries(
  context: RequestContext,
  target: RegistryTarget,
  ask: RegistryAsk,
  http: HttpAsk,
): Promise<HttpAnswer> {
  const policy = context.policy ?? DEFAULT_RETRY_POLICY;
  const now = context.now ?? Date.now;
  const retries = { rateLimit: 0, other: 0 };
  let waitedMs = 0;
  for (;;) {
    let outcome: HttpAnswer | TransportError;
    try {
      outcome = await send(http, context.limits, context.agents);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      outcome = error;
    }
    if (!(outcome instanceof TransportError) && !isTransient(outcome)) return outcome;
    const failure = failureOf(outcome);
    const rateLimited = 'status' in failure && (failure.status === 429 || failure.status === 503);
    const decision = retryDecision(failure, rateLimited ? retries.rateLimit : retries.other, waitedMs, policy, now());
    if (!decision.retry) {
      const why = decision.why ? ` (given up ${decision.why})` : '';
      if (outcome instanceof TransportError) throw registryError(context, target, ask, `${outcome.message}${why}`);
      throw await failedAnswer(context, target, ask, outcome, why.trim().replace(/^\(|\)$/g, ''));
    }
    if (!(outcome instanceof TransportError)) discard(outcome);
    const what = outcome instanceof TransportError ? outcome.message : `${outcome.status} ${outcome.statusText}`;
    context.log?.(
      context.secrets.blank(
        `registry ${target.registry}, repository ${target.repository}: ${describeAsk(ask)}: ${what}; trying again in ${(decision.waitMs / 1000).toFixed(1)} s`,
      ),
    );
    await policy.sleep(decision.waitMs);
    waitedMs += decision.waitMs;
    if (rateLimited) retries.rateLimit += 1;
    else retries.other += 1;
  }
}
