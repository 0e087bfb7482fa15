// The registry client against a real registry with token authentication (the Bearer dance of Docker Hub, ghcr.io
// and ECR): a token service in the test process issues RS256 JWTs the registry trusts. Anonymous tokens that the
// registry refuses, Basic credentials traded for a token, tokens reused per registry and scope, identity tokens
// traded by the OAuth2 form (from the Docker config and from a helper's `<token>` user), and no token, password or
// refresh token in an error or a log line, even when the registry echoes one back.
import { jest } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { RegistryClient, RegistryClientOptions } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { Fixtures, pushFixtures, pushImage } from '../support/registry/push.js';
import { RegistryServer, startRegistry } from '../support/registry/server.js';
import { startProxy, TestServer, watchNetwork } from '../support/registry/servers.js';
import { startTokenServer, TOKEN_ISSUER, TOKEN_SERVICE, TokenServer } from '../support/registry/token-server.js';

jest.setTimeout(30_000);

const USER = 'tester';
const PASSWORD = 'token-dance-password';
const REFRESH_TOKEN = 'isg-refresh-token-0123456789';

let tokens: TokenServer;
let registry: RegistryServer;
let proxy: TestServer;
let fixtures: Fixtures;
let scratch: string;
const savedPath = process.env.PATH;
const clients: RegistryClient[] = [];
const network = watchNetwork();

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'isg-registry-token-'));
  tokens = await startTokenServer({ users: { [USER]: PASSWORD }, refreshTokens: [REFRESH_TOKEN] });
  registry = await startRegistry({
    auth: { kind: 'token', realm: tokens.realm, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, certificatePem: tokens.certificatePem },
  });
  const push = (repository: string) => ({
    url: registry.url,
    repository,
    authorization: `Bearer ${tokens.mint([{ type: 'repository', name: repository, actions: ['pull', 'push'] }])}`,
  });
  fixtures = await pushFixtures(push('team/app'));
  await pushImage(push('team/other'), fixtures.docker, 'docker');
  proxy = await startProxy(registry.url, (request, response) => {
    if (request.url !== '/v2/team/app/manifests/echo' || !request.headers.authorization) return false;
    // A registry that quotes the request's Authorization header in its error.
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: `no echo for ${request.headers.authorization}` }] }));
    return true;
  });
  const bin = path.join(scratch, 'bin');
  await mkdir(bin);
  await writeFile(
    path.join(bin, 'docker-credential-isgtoken'),
    `#!/bin/sh\ncat >/dev/null\nprintf '{"Username":"<token>","Secret":"${REFRESH_TOKEN}"}'\n`,
  );
  await chmod(path.join(bin, 'docker-credential-isgtoken'), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
});

beforeEach(() => {
  tokens.requests.length = 0;
  proxy.requests.length = 0;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  for (const client of clients) client.close();
  await proxy?.close();
  await registry?.stop();
  await tokens?.close();
  await rm(scratch, { recursive: true, force: true });
  network.stop();
  expect(network.connections.filter((connection) => connection !== '127.0.0.1')).toEqual([]);
});

function newClient(options: RegistryClientOptions = {}): RegistryClient {
  const client = new RegistryClient({ dockerConfigFile: null, ...options });
  clients.push(client);
  return client;
}

async function dockerConfig(name: string, config: unknown): Promise<string> {
  const file = path.join(scratch, name, 'config.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(config));
  return file;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const reference = (text = 'team/app:multi') => parseImageReference(`${proxy.host}/${text}`);
const credentials = () => ({ [proxy.host]: { username: USER, password: PASSWORD } });
const bearerTokens = () =>
  proxy.requests.flatMap((request) => (request.authorization?.startsWith('Bearer ') ? [request.authorization.slice(7)] : []));

function expectNoSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(REFRESH_TOKEN);
  for (const token of bearerTokens()) expect(text).not.toContain(token);
}

test('anonymous: the token service gives a token without access, and the registry still wants credentials', async () => {
  const error = (await newClient()
    .resolveImage(reference())
    .catch((caught: unknown) => caught)) as RegistryError;
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: manifest "multi": 401 Unauthorized: UNAUTHORIZED authentication required; the registry wants credentials: no credentials were passed in (and the Docker config is not read)`,
  );
  expect(tokens.requests).toEqual([
    expect.objectContaining({ method: 'GET', authorization: undefined, service: TOKEN_SERVICE, scopes: ['repository:team/app:pull'] }),
  ]);
});

test('credentials traded for a token once per registry and scope, the token reused across images and blobs', async () => {
  const lines: string[] = [];
  const client = newClient({ credentials: credentials(), log: (line) => lines.push(line) });
  const image = await client.resolveImage(reference());
  expect(image.platforms).toHaveLength(2);
  await client.resolveImage(reference('team/app:docker'));
  const layer = fixtures.amd64.layers[1];
  expect(
    (await readAll(await client.openBlob({ registry: proxy.host, repository: 'team/app' }, layer.digest, layer.sizeBytes))).equals(
      layer.bytes,
    ),
  ).toBe(true);
  expect(tokens.requests).toHaveLength(1);
  expect(tokens.requests[0]).toMatchObject({
    method: 'GET',
    authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
  });
  // Only the very first request went without the token.
  expect(proxy.requests.filter((request) => request.authorization === undefined)).toHaveLength(1);
  expect(new Set(bearerTokens()).size).toBe(1);
  await client.resolveImage(reference('team/other:docker'));
  expect(tokens.requests.map((request) => request.scopes)).toEqual([['repository:team/app:pull'], ['repository:team/other:pull']]);
  expectNoSecret(lines.join('\n'));
});

test('blobs opened side by side share one token request', async () => {
  const client = newClient({ credentials: credentials() });
  // The first resolve learns the registry's challenge; then six blobs of another repository (a new scope) start at once.
  await client.resolveImage(reference('team/app:docker'));
  const blobs = [
    ...fixtures.docker.layers,
    fixtures.docker.config,
    ...fixtures.docker.layers,
    fixtures.docker.config,
    fixtures.docker.config,
  ];
  const streams = await Promise.all(
    blobs.map((one) => client.openBlob({ registry: proxy.host, repository: 'team/other' }, one.digest, one.sizeBytes)),
  );
  const read = await Promise.all(streams.map(readAll));
  expect(read.map((bytes, n) => bytes.equals(blobs[n].bytes))).toEqual(blobs.map(() => true));
  expect(tokens.requests.map((request) => request.scopes)).toEqual([['repository:team/app:pull'], ['repository:team/other:pull']]);
});

test('a wrong password: the token service refuses it, and the error says so without the password', async () => {
  const client = newClient({ credentials: { [proxy.host]: { username: USER, password: 'not-the-password' } } });
  const error = (await client.resolveImage(reference()).catch((caught: unknown) => caught)) as RegistryError;
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: token: 401 Unauthorized: UNAUTHORIZED incorrect username or password; the token service refused the credentials passed in`,
  );
  expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('not-the-password');
});

test('an identity token from the Docker config is traded by the OAuth2 form', async () => {
  const file = await dockerConfig('identity', {
    auths: { [proxy.host]: { auth: Buffer.from(`${USER}:`).toString('base64'), identitytoken: REFRESH_TOKEN } },
  });
  await expect(newClient({ dockerConfigFile: file }).resolveImage(reference())).resolves.toMatchObject({ digest: fixtures.index.digest });
  expect(tokens.requests).toEqual([
    expect.objectContaining({ method: 'POST', grantType: 'refresh_token', service: TOKEN_SERVICE, scopes: ['repository:team/app:pull'] }),
  ]);
  expect(tokens.requests[0].raw).toContain(`refresh_token=${REFRESH_TOKEN}`);
});

test("a helper's <token> user is an identity token", async () => {
  const file = await dockerConfig('helper', { credHelpers: { [proxy.host]: 'isgtoken' } });
  await expect(newClient({ dockerConfigFile: file }).resolveImage(reference())).resolves.toMatchObject({ digest: fixtures.index.digest });
  expect(tokens.requests.map((request) => request.grantType)).toEqual(['refresh_token']);
});

test('an identity token the service refuses: the error names the source, not the token', async () => {
  const file = await dockerConfig('stale', { auths: { [proxy.host]: { identitytoken: 'isg-stale-refresh-token' } } });
  const error = (await newClient({ dockerConfigFile: file })
    .resolveImage(reference())
    .catch((caught: unknown) => caught)) as RegistryError;
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: token: 401 Unauthorized: UNAUTHORIZED incorrect username or password; the token service refused the Docker config file ${file} (auths)`,
  );
  expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('isg-stale-refresh-token');
});

test('a registry that echoes the token back in its error: the token is blanked', async () => {
  const client = newClient({ credentials: credentials() });
  const error = (await client.resolveImage(reference('team/app:echo')).catch((caught: unknown) => caught)) as RegistryError;
  expect(bearerTokens()).toHaveLength(1);
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: manifest "echo": 404 Not Found: MANIFEST_UNKNOWN no echo for Bearer ***`,
  );
  expectNoSecret(inspect(error, { depth: 10, showHidden: true }));
});
