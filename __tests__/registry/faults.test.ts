// The registry client against a real registry behind a proxy that misbehaves on purpose (all on 127.0.0.1):
// rate limits and 5xx retried within their bounds, resets retried, stalls timed out, plain HTTP to a host that is
// not loopback refused before any connection, redirect loops, schema 1, oversized and substituted manifests.
import { jest } from '@jest/globals';
import http from 'node:http';
import { Readable } from 'node:stream';
import { RegistryClient, RegistryClientOptions } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { Fixtures, pushFixtures } from '../support/registry/push.js';
import { freePort, RegistryServer, startRegistry } from '../support/registry/server.js';
import { Intercept, startProxy, startStallingServer, TestServer, watchNetwork } from '../support/registry/servers.js';

jest.setTimeout(30_000);

let registry: RegistryServer;
let proxy: TestServer;
let fixtures: Fixtures;
let intercept: Intercept = () => false;
const clients: RegistryClient[] = [];
const network = watchNetwork();

beforeAll(async () => {
  registry = await startRegistry();
  fixtures = await pushFixtures({ url: registry.url, repository: 'team/app' });
  proxy = await startProxy(registry.url, (request, response, seen) => intercept(request, response, seen));
});

beforeEach(() => {
  intercept = () => false;
  proxy.requests.length = 0;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await proxy?.close();
  await registry?.stop();
  network.stop();
  expect(network.connections.filter((connection) => connection !== '127.0.0.1')).toEqual([]);
});

function newClient(options: RegistryClientOptions = {}): RegistryClient {
  const client = new RegistryClient({ dockerConfigFile: null, stallTimeoutMs: 300, retry: { baseDelayMs: 20 }, ...options });
  clients.push(client);
  return client;
}

const reference = (name: string) => parseImageReference(`${proxy.host}/team/app${name}`);
const target = () => ({ registry: proxy.host, repository: 'team/app' });
const isManifest = (request: http.IncomingMessage, name: string) => request.url === `/v2/team/app/manifests/${name}`;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function answerError(response: http.ServerResponse, status: number, headers: Record<string, string> = {}, message = 'try later') {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ errors: [{ code: status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message }] }));
}

describe('retries', () => {
  test('429 with Retry-After: 1 is waited for, then the manifest comes', async () => {
    let refused = 0;
    intercept = (request, response) => {
      if (!isManifest(request, 'multi') || refused > 0) return false;
      refused += 1;
      answerError(response, 429, { 'retry-after': '1' });
      return true;
    };
    const lines: string[] = [];
    const started = Date.now();
    const image = await newClient({ log: (line) => lines.push(line) }).resolveImage(reference(':multi'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(image.digest).toBe(fixtures.index.digest);
    expect(lines).toEqual([`registry ${proxy.host}, repository team/app: manifest "multi": 429 Too Many Requests; trying again in 1.0 s`]);
  });

  test('503 and 502 without Retry-After are retried after a back-off', async () => {
    let refused = 0;
    intercept = (request, response) => {
      if (!isManifest(request, 'docker') || refused >= 2) return false;
      answerError(response, refused++ === 0 ? 503 : 502);
      return true;
    };
    await expect(newClient().resolveImage(reference(':docker'))).resolves.toMatchObject({ digest: fixtures.docker.manifest.digest });
    expect(refused).toBe(2);
  });

  test('a 500 that lasts is given up after 4 tries, quoting the registry made visible', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, 'docker')) return false;
      answerError(response, 500, {}, 'disk \u001b[31mfull\n::error::x');
      return true;
    };
    const error = (await newClient()
      .resolveImage(reference(':docker'))
      .catch((caught: unknown) => caught)) as RegistryError;
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `registry ${proxy.host}, repository team/app: manifest "docker": 500 Internal Server Error: UNAVAILABLE disk \\x1b[31mfull\\x0a::error::x; given up after 4 tries`,
    );
    expect(error.status).toBe(500);
    expect(proxy.requests.filter((request) => request.path.endsWith('/manifests/docker'))).toHaveLength(4);
  });

  test('a Retry-After longer than the longest wait is not waited for', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, 'docker')) return false;
      answerError(response, 429, { 'retry-after': '3600' });
      return true;
    };
    const started = Date.now();
    await expect(newClient().resolveImage(reference(':docker'))).rejects.toThrow(
      '429 Too Many Requests: TOOMANYREQUESTS try later; given up the registry asked to wait 3600 s, longer than the 30 s waited at most',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a connection reset is retried', async () => {
    let reset = false;
    intercept = (request, response) => {
      if (!isManifest(request, 'docker') || reset) return false;
      reset = true;
      response.socket?.destroy();
      return true;
    };
    await expect(newClient().resolveImage(reference(':docker'))).resolves.toMatchObject({ digest: fixtures.docker.manifest.digest });
    expect(reset).toBe(true);
  });

  test('a registry that refuses connections is tried 4 times, then named', async () => {
    const port = await freePort();
    const client = newClient();
    await expect(client.resolveImage(parseImageReference(`127.0.0.1:${port}/team/app:x`))).rejects.toThrow(
      `registry 127.0.0.1:${port}, repository team/app: manifest "x": connect ECONNREFUSED 127.0.0.1:${port} (given up after 4 tries)`,
    );
  });
});

describe('stalls', () => {
  test('a registry that accepts and never answers is timed out (and tried once more)', async () => {
    const stalling = await startStallingServer();
    try {
      const started = Date.now();
      await expect(
        newClient({ retry: { maxRetries: 1, baseDelayMs: 20 } }).resolveImage(parseImageReference(`${stalling.host}/team/app:x`)),
      ).rejects.toThrow(
        `registry ${stalling.host}, repository team/app: manifest "x": no byte arrived for 300 ms (the server stalled) (given up after 2 tries)`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stalling.requests).toHaveLength(2);
    } finally {
      await stalling.close();
    }
  });

  test('a blob that stops flowing half way fails its stream, saying how far it got', async () => {
    const layer = fixtures.amd64.layers[1];
    intercept = (request, response) => {
      if (request.url !== `/v2/team/app/blobs/${layer.digest}`) return false;
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(layer.sizeBytes) });
      response.write(layer.bytes.subarray(0, 100_000));
      return true;
    };
    const stream = await newClient().openBlob(target(), layer.digest, layer.sizeBytes);
    await expect(readAll(stream)).rejects.toThrow(
      `registry ${proxy.host}, repository team/app: blob ${layer.digest}: no byte arrived for 300 ms (the server stalled), after 100000 bytes`,
    );
  });

  test('a reader that holds back for longer than the stall time-out is no stall', async () => {
    const layer = fixtures.amd64.layers[1];
    const stream = await newClient().openBlob(target(), layer.digest, layer.sizeBytes);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await readAll(stream)).equals(layer.bytes)).toBe(true);
  });
});

describe('what is refused', () => {
  test('a redirect to plain HTTP on a host that is not loopback: refused before any lookup or connection', async () => {
    const layer = fixtures.arm64.layers[1];
    intercept = (request, response) => {
      if (request.url !== `/v2/team/app/blobs/${layer.digest}`) return false;
      response.writeHead(307, { location: `http://blobs.invalid/data?X-Amz-Signature=secret-signature` }).end();
      return true;
    };
    const before = { connections: network.connections.length, hosts: network.requestHosts.length };
    const error = (await newClient()
      .openBlob(target(), layer.digest, layer.sizeBytes)
      .catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(
      `registry ${proxy.host}, repository team/app: blob ${layer.digest}: refused to send a request over plain HTTP to http://blobs.invalid/data: plain HTTP is only for loopback hosts and hosts listed as insecure`,
    );
    expect(network.requestHosts.slice(before.hosts)).toEqual(['127.0.0.1']);
    expect(network.connections.slice(before.connections).every((connection) => connection === '127.0.0.1')).toBe(true);
  });

  test('a token service on plain HTTP at a host that is not loopback: refused, nothing sent to it', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, 'docker')) return false;
      response.writeHead(401, { 'www-authenticate': 'Bearer realm="http://auth.invalid/token",service="registry"' }).end();
      return true;
    };
    const before = network.requestHosts.length;
    await expect(newClient().resolveImage(reference(':docker'))).rejects.toThrow(
      `registry ${proxy.host}, repository team/app: token: refused to send a request over plain HTTP to http://auth.invalid/token`,
    );
    expect(network.requestHosts.slice(before)).toEqual(['127.0.0.1']);
  });

  test('a redirect loop ends after 5 redirects', async () => {
    const layer = fixtures.arm64.layers[1];
    intercept = (request, response) => {
      if (!request.url?.startsWith('/loop') && request.url !== `/v2/team/app/blobs/${layer.digest}`) return false;
      response.writeHead(302, { location: `/loop${Math.random()}` }).end();
      return true;
    };
    await expect(newClient().openBlob(target(), layer.digest)).rejects.toThrow(
      `blob ${layer.digest}: more than 5 redirects, the last to http://${proxy.host}/loop`,
    );
  });

  test('a schema 1 manifest', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, 'old')) return false;
      response.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' });
      response.end(JSON.stringify({ schemaVersion: 1, name: 'team/app', tag: 'old', fsLayers: [], history: [], signatures: [] }));
      return true;
    };
    await expect(newClient().resolveImage(reference(':old'))).rejects.toThrow(
      `manifest "old": the registry sent something that is not a valid image document: it is a Docker schema 1 manifest, which is deprecated and not supported`,
    );
  });

  test('a manifest over 4 MiB, announced or not', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, 'huge') && !isManifest(request, 'chunked')) return false;
      const body = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
      response.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        ...(isManifest(request, 'huge') ? { 'content-length': String(body.length) } : {}),
      });
      response.end(body);
      return true;
    };
    await expect(newClient().resolveImage(reference(':huge'))).rejects.toThrow(
      'manifest "huge": the answer is 4194305 bytes, more than the 4194304 read at most',
    );
    await expect(newClient().resolveImage(reference(':chunked'))).rejects.toThrow(
      'manifest "chunked": the answer is more than the 4194304 bytes read at most',
    );
  });

  test('a pinned digest answered with another manifest', async () => {
    intercept = (request, response) => {
      if (!isManifest(request, fixtures.amd64.manifest.digest)) return false;
      response.writeHead(200, { 'content-type': fixtures.arm64.manifest.mediaType });
      response.end(fixtures.arm64.manifest.bytes);
      return true;
    };
    await expect(newClient().resolveImage(reference(`@${fixtures.amd64.manifest.digest}`))).rejects.toThrow(
      `manifest "${fixtures.amd64.manifest.digest}": the registry sent a manifest whose digest is ${fixtures.arm64.manifest.digest}, not the one asked for`,
    );
  });
});
