// Small servers the registry client's tests put beside the real registry, all on 127.0.0.1: a proxy in front of it
// that can answer some requests itself (429, 500, a stall, a reset, a redirect), a store that serves the blobs the
// registry redirects to, and a guard that records every connection the test process opens.
import dc from 'node:diagnostics_channel';
import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface TestServer {
  host: string;
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Answers a request itself (returns true) or leaves it to the proxy (false). */
export type Intercept = (request: http.IncomingMessage, response: http.ServerResponse, seen: SeenRequest[]) => boolean;

async function listen(
  handler: (request: http.IncomingMessage, response: http.ServerResponse, seen: SeenRequest[]) => void,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization });
    handler(request, response, requests);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A proxy to `upstream` (a URL) that lets `intercept` answer what it wants to. */
export function startProxy(upstream: string, intercept: Intercept): Promise<TestServer> {
  const target = new URL(upstream);
  return listen((request, response, seen) => {
    if (intercept(request, response, seen)) return;
    const forwarded = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
}

/** Serves the files under `root` at their paths (the registry's redirect middleware points here). */
export function startBlobStore(root: () => string): Promise<TestServer> {
  return listen((request, response) => {
    const file = path.join(root(), path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(root()) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
}

/** Serves nothing: every request's answer stalls forever (until the client gives up). */
export function startStallingServer(): Promise<TestServer> {
  return listen(() => undefined);
}

/**
 * Records every socket the process opens, and every HTTP request it starts (by host), from now until `stop`:
 * what a test checks to show that nothing but 127.0.0.1 was reached, or that no request was made at all.
 */
export function watchNetwork() {
  const connections: string[] = [];
  const requestHosts: string[] = [];
  const onSocket = ({ socket }: { socket: Socket }) => {
    socket.once('lookup', (_error, address, _family, host) => connections.push(`lookup ${host ?? ''} -> ${address ?? 'failed'}`));
    socket.once('connect', () => connections.push(socket.remoteAddress ?? 'unknown'));
  };
  const onRequest = ({ request }: { request: http.ClientRequest }) => requestHosts.push(request.host);
  dc.subscribe('net.client.socket', onSocket as (message: unknown) => void);
  dc.subscribe('http.client.request.start', onRequest as (message: unknown) => void);
  return {
    connections,
    requestHosts,
    stop() {
      dc.unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
      dc.unsubscribe('http.client.request.start', onRequest as (message: unknown) => void);
    },
  };
}
