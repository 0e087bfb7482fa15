// A real git smart-HTTP server on 127.0.0.1 for tests: git's own http-backend run as a CGI program, with
// GitHub's rules for tokens in front of it: a read token may fetch, a write token may also push, anything
// else gets 401 (no credentials) or 403 (credentials that may not push). Every request's Authorization
// headers are kept, so a test can check what a client sent.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** The base URL; a repository `name.git` under the project root is at `${url}/name.git`. */
  url: string;
  /** Every request: its path and the Authorization header values it carried. */
  requests: { path: string; service: 'upload' | 'receive'; authorization: string[] }[];
  close(): Promise<void>;
}

function basic(token: string): string {
  return `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

function serviceOf(url: URL): 'upload' | 'receive' {
  return url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack' ? 'receive' : 'upload';
}

/** Runs http-backend for one request and relays its CGI answer. */
function relay(projectRoot: string, request: http.IncomingMessage, response: http.ServerResponse, url: URL): void {
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: String(request.headers['content-encoding'] ?? ''),
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  request.pipe(backend.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    response.write(head.subarray(end + 4));
  });
  backend.stdout.on('end', () => response.end());
}

export async function startGitHttpServer(projectRoot: string, tokens: { read: string[]; write: string[] }): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const service = serviceOf(url);
    const raw = request.headersDistinct.authorization ?? [];
    requests.push({ path: url.pathname, service, authorization: raw });
    const allowed = service === 'receive' ? tokens.write : [...tokens.read, ...tokens.write];
    if (raw.length === 0) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end('credentials required\n');
      return;
    }
    // Two headers are what a client sends when a persisted one was not cleared: refused, as GitHub does.
    if (raw.length > 1 || !allowed.some((token) => raw[0].toLowerCase() === basic(token).toLowerCase())) {
      response.writeHead(403).end('Permission to repository denied\n');
      return;
    }
    relay(projectRoot, request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A server for the tests of the enclosing block, on the repositories under `projectRoot()`: started before them, closed after them. */
export function useGitHttpServer(projectRoot: () => string, tokens: { read: string[]; write: string[] }): GitHttpServer {
  const server = {} as GitHttpServer;
  beforeAll(async () => {
    Object.assign(server, await startGitHttpServer(projectRoot(), tokens));
  });
  afterAll(() => server.close());
  return server;
}
