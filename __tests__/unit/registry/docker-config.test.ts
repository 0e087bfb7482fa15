import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  checkDockerConfig,
  credentialSourceFor,
  DockerConfigError,
  dockerConfigPath,
  hostOfConfigKey,
  readDockerConfig,
} from '../../../src/registry/docker-config.js';

const FILE = '/home/u/.docker/config.json';
const auth = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('dockerConfigPath', () => {
  test('$DOCKER_CONFIG first, else ~/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/cfg' }, '/home/u')).toBe('/cfg/config.json');
    expect(dockerConfigPath({}, '/home/u')).toBe(FILE);
  });
});

describe('credentialSourceFor', () => {
  test('an auths entry: base64 user:password, the password may hold colons', () => {
    const config = { auths: { 'ghcr.io': { auth: auth('me', 'pa:ss') } } };
    expect(credentialSourceFor(config, 'ghcr.io', FILE)).toEqual({
      kind: 'file',
      key: 'ghcr.io',
      credentials: { kind: 'password', username: 'me', password: 'pa:ss' },
    });
  });

  test("Docker Hub's key is https://index.docker.io/v1/, and other spellings of its host are found too", () => {
    const official = { auths: { 'https://index.docker.io/v1/': { auth: auth('hub', 'p') } } };
    expect(credentialSourceFor(official, 'docker.io', FILE)).toMatchObject({ kind: 'file', key: 'https://index.docker.io/v1/' });
    const other = { auths: { 'registry-1.docker.io': { auth: auth('hub', 'p') } } };
    expect(credentialSourceFor(other, 'docker.io', FILE)).toMatchObject({ kind: 'file', key: 'registry-1.docker.io' });
    expect(credentialSourceFor(official, 'ghcr.io', FILE)).toEqual({ kind: 'none' });
  });

  test('a key with a scheme or a path names its host; the exact key wins', () => {
    const config = { auths: { 'https://ghcr.io/v2/': { auth: auth('a', '1') }, 'ghcr.io': { auth: auth('b', '2') } } };
    expect(credentialSourceFor(config, 'ghcr.io', FILE)).toMatchObject({ credentials: { username: 'b' } });
    expect(credentialSourceFor({ auths: { 'http://127.0.0.1:5000': { auth: auth('c', '3') } } }, '127.0.0.1:5000', FILE)).toMatchObject({
      credentials: { username: 'c' },
    });
    expect(hostOfConfigKey('HTTPS://Example.COM:443/v1/')).toBe('example.com:443');
  });

  test('an identity token comes before the auth of the same entry', () => {
    const config = { auths: { 'ghcr.io': { auth: auth('me', ''), identitytoken: 'refresh-1234' } } };
    expect(credentialSourceFor(config, 'ghcr.io', FILE)).toMatchObject({
      credentials: { kind: 'identity-token', identityToken: 'refresh-1234' },
    });
  });

  test('credHelpers for the host, else credsStore, before any auths entry', () => {
    const config = { credHelpers: { 'ghcr.io': 'gh' }, credsStore: 'desktop', auths: { 'ghcr.io': { auth: auth('me', 'p') } } };
    expect(credentialSourceFor(config, 'ghcr.io', FILE)).toEqual({ kind: 'helper', helper: 'gh', serverAddress: 'ghcr.io' });
    expect(credentialSourceFor(config, 'quay.io', FILE)).toEqual({ kind: 'helper', helper: 'desktop', serverAddress: 'quay.io' });
    expect(credentialSourceFor({ credsStore: 'pass' }, 'docker.io', FILE)).toEqual({
      kind: 'helper',
      helper: 'pass',
      serverAddress: 'https://index.docker.io/v1/',
    });
  });

  test('an empty entry, or no config at all, gives none', () => {
    expect(credentialSourceFor({ auths: { 'ghcr.io': {} } }, 'ghcr.io', FILE)).toEqual({ kind: 'none' });
    expect(credentialSourceFor(undefined, 'ghcr.io', FILE)).toEqual({ kind: 'none' });
  });

  test('an auth that is not base64 of user:password is an error that does not quote it', () => {
    const bad = Buffer.from('no-colon-secret').toString('base64');
    expect(() => credentialSourceFor({ auths: { 'ghcr.io': { auth: bad } } }, 'ghcr.io', FILE)).toThrow(
      new DockerConfigError(`the Docker config file ${FILE}: auths["ghcr.io"].auth is not base64 of user:password`),
    );
  });
});

describe('checkDockerConfig', () => {
  test('keeps fields of the right types only', () => {
    expect(checkDockerConfig({ auths: { a: { auth: 'x', n: 1 }, b: 'str' }, credHelpers: { h: 'x', n: 2 }, credsStore: 3 }, FILE)).toEqual({
      auths: { a: { auth: 'x' } },
      credHelpers: { h: 'x' },
    });
    expect(() => checkDockerConfig([], FILE)).toThrow('is not a JSON object');
  });
});

describe('readDockerConfig', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'isg-docker-config-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  test('a missing file is no config', async () => {
    await expect(readDockerConfig(path.join(directory, 'none.json'))).resolves.toBeUndefined();
  });

  test('malformed JSON is named without quoting the file, which may hold a password', async () => {
    const file = path.join(directory, 'bad.json');
    await writeFile(file, '{"auths": {"ghcr.io": {"auth": "c2VjcmV0LXBhc3N3b3Jk" oops');
    const error = (await readDockerConfig(file).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(`the Docker config file ${file} is not valid JSON`);
    expect(JSON.stringify(error) + String(error.cause)).not.toContain('c2VjcmV0');
  });

  test('a file over 1 MiB is refused', async () => {
    const file = path.join(directory, 'big.json');
    await writeFile(file, `{"x":"${'a'.repeat(1024 * 1024)}"}`);
    await expect(readDockerConfig(file)).rejects.toThrow('is larger than 1048576 bytes');
  });
});
