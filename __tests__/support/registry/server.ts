// A real registry for the registry client's tests: Debian's docker-registry (distribution 2.8) started on a free
// port of 127.0.0.1 with a generated config and its storage in a temporary folder, stopped and the folder removed
// after. Anonymous, htpasswd (Basic) or token authentication; blobs optionally redirected to another server.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The registry binary: Debian's package installs it as /usr/bin/docker-registry. */
export const REGISTRY_BINARY = process.env.DOCKER_REGISTRY_BIN ?? 'docker-registry';

export type RegistryAuthSetup =
  { kind: 'htpasswd'; htpasswdLine: string } | { kind: 'token'; realm: string; service: string; issuer: string; certificatePem: string };

export interface RegistryServer {
  /** `127.0.0.1:<port>`, as a reference names the registry. */
  host: string;
  url: string;
  /** The storage root: blobs live under docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data. */
  storageRoot: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the registry takes it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function configYaml(options: {
  port: number;
  storageRoot: string;
  directory: string;
  auth?: RegistryAuthSetup;
  redirectBaseUrl?: string;
}): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${options.storageRoot}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${options.port}`,
    '  secret: registry-client-tests',
  ];
  if (options.redirectBaseUrl)
    lines.push('middleware:', '  storage:', '    - name: redirect', '      options:', `        baseurl: ${options.redirectBaseUrl}`);
  if (options.auth?.kind === 'htpasswd')
    lines.push('auth:', '  htpasswd:', '    realm: isg-basic-realm', `    path: ${path.join(options.directory, 'htpasswd')}`);
  if (options.auth?.kind === 'token')
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${options.auth.realm}`,
      `    service: ${options.auth.service}`,
      `    issuer: ${options.auth.issuer}`,
      `    rootcertbundle: ${path.join(options.directory, 'token-cert.pem')}`,
    );
  return `${lines.join('\n')}\n`;
}

/** Resolves once the registry answers /v2/ at all; rejects when it exits first or takes over 15 s. */
async function waitForRegistry(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`docker-registry exited at start: ${stderr()}`);
    const answered = await new Promise<boolean>((resolve) => {
      const request = http.get(`${url}/v2/`, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer within 15 s: ${stderr()}`);
}

export async function startRegistry(options: { auth?: RegistryAuthSetup; redirectBaseUrl?: string } = {}): Promise<RegistryServer> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'isg-registry-'));
  const storageRoot = path.join(directory, 'storage');
  const port = await freePort();
  if (options.auth?.kind === 'htpasswd') await writeFile(path.join(directory, 'htpasswd'), `${options.auth.htpasswdLine}\n`);
  if (options.auth?.kind === 'token') await writeFile(path.join(directory, 'token-cert.pem'), options.auth.certificatePem);
  const configFile = path.join(directory, 'config.yml');
  await writeFile(configFile, configYaml({ port, storageRoot, directory, ...options }));
  const child = spawn(REGISTRY_BINARY, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`${REGISTRY_BINARY} could not be started (${error.message}): apt-get install docker-registry`)),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForRegistry(url, child, () => stderr), spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: `127.0.0.1:${port}`, url, storageRoot, stop };
}

/** Where the registry keeps a blob's bytes. */
export function blobPath(server: Pick<RegistryServer, 'storageRoot'>, digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return path.join(server.storageRoot, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}
