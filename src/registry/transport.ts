// One HTTP exchange with a registry, its token service or the storage its blobs are redirected to, over Node's
// http and https alone: plain HTTP only to loopback hosts and to hosts the caller calls insecure (refused before
// any connection), redirects followed a bounded number of times with Authorization dropped when the host
// changes, a time-out on connecting and one on stalls (no byte for a while when we are waiting for one), and
// bodies read with a bound. URLs in messages lose their query, where storage puts its signatures.
import http from 'node:http';
import https from 'node:https';
import { Socket } from 'node:net';
import { visible } from '../common/escape.js';
import { hostNameOf, isLoopbackHost } from './reference.js';

export interface TransportLimits {
  connectTimeoutMs: number;
  /** The longest quiet spell while a byte is awaited (the answer's head, or body bytes the reader asks for). */
  stallTimeoutMs: number;
  maxRedirects: number;
  /** Hosts (`host` or `host:port`, lower case) that may be reached over plain HTTP besides loopback ones. */
  insecureHosts: ReadonlySet<string>;
}

export interface HttpAsk {
  method: 'GET' | 'HEAD' | 'POST';
  url: URL;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** Every WWW-Authenticate value, kept apart. */
  wwwAuthenticate: string[];
  /** Where the answer came from, after redirects. */
  url: URL;
  body: http.IncomingMessage;
}

/** A failed exchange: no answer, or one that may not be followed. `retryable` says whether trying again may help. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export function createAgents(): Agents {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}

/** `https://host/path`, without the query (a storage redirect's signature) or any user:password. */
export function describeUrl(url: URL): string {
  return visible(`${url.protocol}//${url.host}${url.pathname}`, 160);
}

/** Plain HTTP is for loopback hosts (127.0.0.0/8, ::1, localhost) and the ones the caller lists as insecure. */
export function plainHttpAllowed(host: string, insecureHosts: ReadonlySet<string>): boolean {
  const name = hostNameOf(host).toLowerCase();
  return isLoopbackHost(name) || insecureHosts.has(host.toLowerCase()) || insecureHosts.has(name);
}

/** Throws (not retryable) for a URL that may not be asked: another scheme, or plain HTTP to a host that is not allowed it. */
export function checkUrl(url: URL, insecureHosts: ReadonlySet<string>): void {
  if (url.protocol === 'https:') return;
  if (url.protocol !== 'http:') throw new TransportError(`${describeUrl(url)} is neither https nor http`, false);
  if (!plainHttpAllowed(url.host, insecureHosts))
    throw new TransportError(
      `refused to send a request over plain HTTP to ${describeUrl(url)}: plain HTTP is only for loopback hosts and hosts listed as insecure`,
      false,
    );
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function networkError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // Not `instanceof Error`: errors of Node's own modules may come from another realm (a test's VM context).
  const message = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
  return new TransportError(visible(message, 200), code !== undefined && RETRYABLE_NETWORK_CODES.has(code));
}

/**
 * Fails the exchange when no byte arrives for `stallTimeoutMs` while one is awaited: before the answer's head, and
 * while its reader takes the body; not while the reader holds back (the body paused, or not yet read). Bytes are
 * seen on the socket, so that the body is left for its reader untouched.
 */
function watchStalls(request: http.ClientRequest, stallTimeoutMs: number) {
  let response: http.IncomingMessage | undefined;
  let socket: Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(fire, stallTimeoutMs);
  };
  const stop = () => {
    clearTimeout(timer);
    socket?.off('data', touch);
  };
  function fire() {
    if (response && (response.readableFlowing !== true || response.readableEnded)) {
      if (!response.readableEnded && !response.destroyed) touch();
      return;
    }
    const error = new TransportError(`no byte arrived for ${stallTimeoutMs} ms (the server stalled)`, true);
    if (response) response.destroy(error);
    else request.destroy(error);
  }
  return {
    start(connected: Socket) {
      socket = connected;
      socket.on('data', touch);
      touch();
    },
    stop,
    follow(answer: http.IncomingMessage) {
      response = answer;
      touch();
      answer.once('close', stop);
      // The reader attaches its own listener; until it does, an error here must not end the process.
      answer.on('error', () => undefined);
    },
  };
}

/** Times the connection out, then starts the stall watch once connected (at once on a reused socket). */
function watchConnect(request: http.ClientRequest, limits: TransportLimits, connected: (socket: Socket) => void): void {
  request.once('socket', (socket) => {
    if (!socket.connecting) {
      connected(socket);
      return;
    }
    const timer = setTimeout(
      () => request.destroy(new TransportError(`could not connect within ${limits.connectTimeoutMs} ms`, true)),
      limits.connectTimeoutMs,
    );
    socket.once('encrypted' in socket ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      connected(socket);
    });
    socket.once('close', () => clearTimeout(timer));
  });
}

/** One request, no redirects followed: resolves with the answer's head, its body still to be read. */
function sendOnce(ask: HttpAsk, limits: TransportLimits, agents: Agents): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = ask.url.protocol === 'https:';
    const headers = { ...ask.headers, ...(ask.body !== undefined ? { 'content-length': String(Buffer.byteLength(ask.body)) } : {}) };
    const request = (secure ? https : http).request(ask.url, { method: ask.method, headers, agent: secure ? agents.https : agents.http });
    const stalls = watchStalls(request, limits.stallTimeoutMs);
    watchConnect(request, limits, stalls.start);
    request.once('response', (response) => {
      stalls.follow(response);
      resolve(response);
    });
    request.on('error', (error) => {
      stalls.stop();
      reject(networkError(error));
    });
    request.end(ask.body);
  });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next hop of a redirect: Authorization dropped when the host or scheme changes, GET after a 303 (or a 301/302 of a POST). */
export function redirectAsk(ask: HttpAsk, status: number, location: string): HttpAsk {
  let url: URL;
  try {
    url = new URL(location, ask.url);
  } catch {
    throw new TransportError(`${describeUrl(ask.url)} redirected to something that is not a URL`, false);
  }
  const headers = { ...ask.headers };
  if (url.host !== ask.url.host || url.protocol !== ask.url.protocol) delete headers.authorization;
  const toGet = status === 303 || ((status === 301 || status === 302) && ask.method === 'POST');
  return toGet ? { method: 'GET', url, headers } : { ...ask, url, headers };
}

/** Sends `ask`, following redirects; every hop's URL is checked before anything is sent to it. */
export async function send(ask: HttpAsk, limits: TransportLimits, agents: Agents): Promise<HttpAnswer> {
  let current = ask;
  for (let hop = 0; ; hop += 1) {
    checkUrl(current.url, limits.insecureHosts);
    const response = await sendOnce(current, limits, agents);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(status) || location === undefined)
      return {
        status,
        statusText: response.statusMessage ?? '',
        headers: response.headers,
        wwwAuthenticate: response.headersDistinct['www-authenticate'] ?? [],
        url: current.url,
        body: response,
      };
    response.resume();
    if (hop >= limits.maxRedirects)
      throw new TransportError(`more than ${limits.maxRedirects} redirects, the last to ${describeUrl(current.url)}`, false);
    current = redirectAsk(current, status, location);
  }
}

/** Reads a whole body of at most `maxBytes` (a longer one is cut off and refused, by its Content-Length when it says). */
export function readBody(answer: HttpAnswer, maxBytes: number): Promise<Buffer> {
  const declared = Number(answer.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    answer.body.destroy();
    return Promise.reject(new TransportError(`the answer is ${declared} bytes, more than the ${maxBytes} read at most`, false));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    answer.body.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length;
      if (receivedBytes > maxBytes) {
        answer.body.destroy(new TransportError(`the answer is more than the ${maxBytes} bytes read at most`, false));
        return;
      }
      chunks.push(chunk);
    });
    answer.body.once('end', () => resolve(Buffer.concat(chunks)));
    answer.body.once('error', (error) => reject(networkError(error)));
    answer.body.once('close', () => {
      if (!answer.body.readableEnded) reject(new TransportError('the connection closed before the answer was complete', true));
    });
  });
}

/** Throws an answer's body away (reading it, so that its connection can serve the next request). */
export function discard(answer: HttpAnswer): void {
  answer.body.on('error', () => undefined);
  answer.body.resume();
}
