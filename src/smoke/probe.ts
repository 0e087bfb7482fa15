// One HTTP probe of the smoke test: a GET with a hard time limit and a body read cap that never follows
// redirects, and that says what happened when there was no answer (refused, closed, reset, not HTTP, timed out).
import http from 'node:http';

/** Largest body the probe reads; an endless stream is cut here. */
export const BODY_READ_CAP_BYTES = 64 * 1024;
/** Longest one probe request may take before it is abandoned and retried. */
export const REQUEST_TIMEOUT_MS = 5_000;

export interface SmokeAnswer {
  status: number;
  body: string;
  /** True when the body was longer than BODY_READ_CAP_BYTES and was cut. */
  truncated: boolean;
  location?: string;
}

/** closed: no answer at all; incomplete: the answer began, then the connection ended before its body did. */
export type ProbeFailureKind = 'refused' | 'closed' | 'incomplete' | 'reset' | 'not-http' | 'timeout' | 'other';

/** How far a probe got: connecting, connected and waiting for the answer, or reading the answer's body. */
export type ProbeStage = { stage: 'connecting' } | { stage: 'waiting' } | { stage: 'body'; status: number };

/** A probe that got no complete answer; the message says what happened and after how long. */
export class ProbeError extends Error {
  constructor(
    readonly kind: ProbeFailureKind,
    readonly elapsedMs: number,
    message: string,
  ) {
    super(message);
  }
}

type ClientError = NodeJS.ErrnoException & { reason?: string };

/** Pure: what one failed probe means, in words, from the client's error and how far the probe got. */
export function describeProbeError(error: ClientError, progress: ProbeStage, elapsedMs: number): ProbeError {
  const after = `after ${Math.round(elapsedMs)} ms`;
  const began = progress.stage === 'body' ? `HTTP ${progress.status} came, then ` : '';
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new ProbeError('refused', elapsedMs, `connection refused ${after}: nothing listens on the port yet`);
  // Node's parser errors carry a reason of its own ("Expected HTTP/"); the raw bytes are the server's and stay out.
  if (code.startsWith('HPE_'))
    return new ProbeError('not-http', elapsedMs, `${began}the answer was not HTTP (${error.reason ?? code}) ${after}`);
  if (code === 'ECONNRESET' && progress.stage === 'body')
    return new ProbeError('incomplete', elapsedMs, `${began}the connection ended before the body did, ${after}`);
  if (code === 'ECONNRESET' && error.message === 'socket hang up')
    return new ProbeError('closed', elapsedMs, `the connection was closed without an answer ${after}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new ProbeError('reset', elapsedMs, `the connection was reset ${after}`);
  return new ProbeError('other', elapsedMs, `${began}${code ? `${code}: ` : ''}${error.message} ${after}`);
}

/** Pure: the words for a probe that ran out of time at the given stage. */
export function describeProbeTimeout(progress: ProbeStage, timeoutMs: number): ProbeError {
  const within = `within ${Math.round(timeoutMs)} ms`;
  const text =
    progress.stage === 'connecting'
      ? `could not connect ${within}`
      : progress.stage === 'waiting'
        ? `connected, but no answer came ${within}`
        : `HTTP ${progress.status} came, but the body did not end ${within}`;
  return new ProbeError('timeout', timeoutMs, text);
}

/** One GET with a hard time limit and a body read cap; never follows redirects. Rejects with a ProbeError. */
export function httpGet(port: number, urlPath: string, timeoutMs: number): Promise<SmokeAnswer> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let progress: ProbeStage = { stage: 'connecting' };
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: ClientError) => settle(() => reject(describeProbeError(error, progress, performance.now() - startedAt)));
    // Reject first, then tear down: whatever error the teardown raises, the time-out is the reason.
    const timer = setTimeout(() => {
      settle(() => reject(describeProbeTimeout(progress, timeoutMs)));
      request?.destroy();
    }, timeoutMs);
    let request: http.ClientRequest | undefined;
    try {
      // Lenient parsing, as curl is: small servers (busybox httpd CGI, hand-written ones) end header lines with
      // a bare LF, and a smoke test is about whether the app answers, not about its HTTP hygiene.
      request = http.get({
        host: '127.0.0.1',
        port,
        path: urlPath,
        agent: false,
        insecureHTTPParser: true,
        headers: { connection: 'close', 'user-agent': 'image-size-gate' },
      });
    } catch (error) {
      fail(error as ClientError);
      return;
    }
    request.on('socket', (socket) => socket.once('connect', () => (progress = { stage: 'waiting' })));
    request.on('response', (response) => {
      progress = { stage: 'body', status: response.statusCode ?? 0 };
      readCappedBody(response, (body, truncated) => {
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            body,
            truncated,
            location: typeof response.headers.location === 'string' ? response.headers.location : undefined,
          }),
        );
        if (truncated) request?.destroy();
      });
      response.on('error', fail);
    });
    request.on('error', fail);
  });
}

/** Reads a body up to BODY_READ_CAP_BYTES, then calls `done` once, with `truncated` when it was cut there. */
function readCappedBody(response: http.IncomingMessage, done: (body: string, truncated: boolean) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let truncated = false;
  response.on('data', (chunk: Buffer) => {
    if (truncated) return;
    const room = BODY_READ_CAP_BYTES - length;
    chunks.push(chunk.subarray(0, room));
    length += Math.min(room, chunk.length);
    if (chunk.length >= room) {
      truncated = true;
      done(Buffer.concat(chunks).toString('utf8'), true);
    }
  });
  response.on('end', () => {
    if (!truncated) done(Buffer.concat(chunks).toString('utf8'), false);
  });
}
