// The registry client against a real registry with htpasswd (Basic) authentication whose blobs are redirected to
// another server, as S3 or GCS storage is: no credentials, a wrong password, the right one passed in, from the
// Docker config's auths and from a credential helper (a script on PATH); the Authorization header never reaches the
// blob store, and the password never reaches a message or a log line.
import { jest } from '@jest/globals';
import { hashSync } from 'bcryptjs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { RegistryClient, RegistryClientOptions } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { Fixtures, pushFixtures } from '../support/registry/push.js';
import { RegistryServer, startRegistry } from '../support/registry/server.js';
import { startBlobStore, startProxy, TestServer, watchNetwork } from '../support/registry/servers.js';

jest.setTimeout(30_000);

const USER = 'tester';
const PASSWORD = 'correct horse battery staple';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let registry: RegistryServer;
let blobStore: TestServer;
/** In front of the registry, to see what the client sends it. */
let proxy: TestServer;
let fixtures: Fixtures;
let scratch: string;
const savedPath = process.env.PATH;
const clients: RegistryClient[] = [];
const network = watchNetwork();

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'isg-registry-basic-'));
  blobStore = await startBlobStore(() => registry.storageRoot);
  registry = await startRegistry({
    auth: { kind: 'htpasswd', htpasswdLine: `${USER}:${hashSync(PASSWORD, 5)}` },
    redirectBaseUrl: `${blobStore.url}/`,
  });
  fixtures = await pushFixtures({ url: registry.url, repository: 'team/app', authorization: basic(USER, PASSWORD) });
  proxy = await startProxy(registry.url, () => false);
  await writeHelpers();
  process.env.PATH = `${path.join(scratch, 'bin')}${path.delimiter}${savedPath}`;
});

beforeEach(() => {
  proxy.requests.length = 0;
  blobStore.requests.length = 0;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  for (const client of clients) client.close();
  await proxy?.close();
  await blobStore?.close();
  await registry?.stop();
  await rm(scratch, { recursive: true, force: true });
  network.stop();
  expect(network.connections.filter((connection) => connection !== '127.0.0.1')).toEqual([]);
});

/** Credential helpers: one that knows the registry (and writes down what it was asked), one that knows nothing, one that hangs. */
async function writeHelpers(): Promise<void> {
  const bin = path.join(scratch, 'bin');
  await mkdir(bin);
  const helpers: Record<string, string> = {
    'docker-credential-isgtest': `cat > "${scratch}/asked"\nprintf '{"ServerURL":"x","Username":"${USER}","Secret":"${PASSWORD}"}'\n`,
    'docker-credential-isgnone': 'cat >/dev/null\necho "credentials not found in native keychain"\nexit 1\n',
    'docker-credential-isghang': 'exec sleep 30\n',
  };
  for (const [name, body] of Object.entries(helpers)) {
    await writeFile(path.join(bin, name), `#!/bin/sh\n${body}`);
    await chmod(path.join(bin, name), 0o755);
  }
}

async function dockerConfig(name: string, config: unknown): Promise<string> {
  const file = path.join(scratch, name, 'config.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(config));
  return file;
}

function newClient(options: RegistryClientOptions = {}): RegistryClient {
  const client = new RegistryClient({ dockerConfigFile: null, ...options });
  clients.push(client);
  return client;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const reference = () => parseImageReference(`${proxy.host}/team/app:multi`);

/** The password, in clear or in a Basic header, is nowhere in the error (its message, its fields, its cause) or the log. */
function expectNoPassword(error: unknown, lines: string[] = []): void {
  const everything = [inspect(error, { depth: 10, showHidden: true }), ...lines].join('\n');
  expect(everything).not.toContain(PASSWORD);
  expect(everything).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
}

test('without credentials: 401, and the error says none were found', async () => {
  const error = (await newClient()
    .resolveImage(reference())
    .catch((caught: unknown) => caught)) as RegistryError;
  expect(error).toBeInstanceOf(RegistryError);
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: credentials: the registry asks for a user and password (Basic): no credentials were passed in (and the Docker config is not read)`,
  );
  expect(error.status).toBe(401);
});

test('a wrong password: 401 after one try with it, the password in no message or log line', async () => {
  const lines: string[] = [];
  const client = newClient({
    credentials: { [proxy.host]: { username: USER, password: `${PASSWORD}!` } },
    log: (line) => lines.push(line),
  });
  const error = (await client.resolveImage(reference()).catch((caught: unknown) => caught)) as RegistryError;
  expect(error.message).toBe(
    `registry ${proxy.host}, repository team/app: manifest "multi": 401 Unauthorized: UNAUTHORIZED authentication required; the registry refused the credentials passed in`,
  );
  expect(proxy.requests.map((request) => request.authorization === undefined)).toEqual([true, false]);
  expectNoPassword(error, lines);
});

test('the right password: resolved, and a blob redirected to the store streams without the Authorization header', async () => {
  const client = newClient({ credentials: { [proxy.host]: { username: USER, password: PASSWORD } } });
  const image = await client.resolveImage(reference());
  expect(image.platforms.map((platform) => platform.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
  const layer = fixtures.amd64.layers[1];
  const bytes = await readAll(await client.openBlob({ registry: proxy.host, repository: 'team/app' }, layer.digest, layer.sizeBytes));
  expect(bytes.equals(layer.bytes)).toBe(true);
  const blobRequest = proxy.requests.find((request) => request.path === `/v2/team/app/blobs/${layer.digest}`);
  expect(blobRequest?.authorization).toBe(basic(USER, PASSWORD));
  expect(blobStore.requests.map((request) => request.path)).toContain(
    `/docker/registry/v2/blobs/sha256/${layer.digest.slice(7, 9)}/${layer.digest.slice(7)}/data`,
  );
  expect(blobStore.requests.every((request) => request.authorization === undefined)).toBe(true);
});

test("from the Docker config's auths (base64 user:password)", async () => {
  const file = await dockerConfig('auths', { auths: { [proxy.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } });
  await expect(newClient({ dockerConfigFile: file }).resolveImage(reference())).resolves.toMatchObject({ digest: fixtures.index.digest });
});

test('from a credential helper named in credHelpers, asked with the host on standard input', async () => {
  const file = await dockerConfig('helper', { credHelpers: { [proxy.host]: 'isgtest' }, auths: { [proxy.host]: {} } });
  await expect(newClient({ dockerConfigFile: file }).resolveImage(reference())).resolves.toMatchObject({ digest: fixtures.index.digest });
  expect(await readFile(path.join(scratch, 'asked'), 'utf8')).toBe(proxy.host);
});

test('a helper that holds nothing for the host: the registry wants credentials, and the error says which helper had none', async () => {
  const file = await dockerConfig('none', { credsStore: 'isgnone' });
  await expect(newClient({ dockerConfigFile: file }).resolveImage(reference())).rejects.toThrow(
    `credentials: the registry asks for a user and password (Basic): the credential helper docker-credential-isgnone (named in ${file}) holds no credentials for ${proxy.host}`,
  );
});

test('a helper that is not installed, and one that hangs', async () => {
  const missing = await dockerConfig('missing', { credsStore: 'isg-missing' });
  await expect(newClient({ dockerConfigFile: missing }).resolveImage(reference())).rejects.toThrow(
    `registry ${proxy.host}, repository team/app: credentials: docker-credential-isg-missing is not installed or not on PATH`,
  );
  const hangs = await dockerConfig('hangs', { credHelpers: { [proxy.host]: 'isghang' } });
  await expect(newClient({ dockerConfigFile: hangs, credentialHelperTimeoutMs: 300 }).resolveImage(reference())).rejects.toThrow(
    'credentials: docker-credential-isghang did not answer within 300 ms',
  );
});
