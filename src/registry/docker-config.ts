// Credentials from the Docker client's config file ($DOCKER_CONFIG/config.json, else ~/.docker/config.json) as
// `docker login` leaves them: `auths[host].auth` (base64 user:password), `identitytoken`, `credHelpers[host]`
// and `credsStore` (a helper program asked at run time, credential-helper.ts). Reading the file is the only
// effect; finding the entry for a registry is pure. No message quotes what the file holds.
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY } from './reference.js';

export type Credentials =
  | { kind: 'password'; username: string; password: string }
  /** An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user): traded for access tokens. */
  | { kind: 'identity-token'; identityToken: string };

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Where credentials for a registry come from. */
export type CredentialSource =
  { kind: 'none' } | { kind: 'helper'; helper: string; serverAddress: string } | { kind: 'file'; key: string; credentials: Credentials };

/** Config files larger than this are refused: `docker login` writes a few kilobytes. */
export const MAX_DOCKER_CONFIG_BYTES = 1024 * 1024;
const DOCKER_HUB_HOSTS = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

export class DockerConfigError extends Error {}

/** The config file Docker reads: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, homeDirectory: string = os.homedir()): string {
  return env.DOCKER_CONFIG ? path.join(env.DOCKER_CONFIG, 'config.json') : path.join(homeDirectory, '.docker', 'config.json');
}

/** Reads and checks the config file; undefined when there is none. Throws DockerConfigError naming the file. */
export async function readDockerConfig(file: string): Promise<DockerConfigFile | undefined> {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DockerConfigError(`the Docker config file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (sizeBytes > MAX_DOCKER_CONFIG_BYTES)
    throw new DockerConfigError(`the Docker config file ${file} is larger than ${MAX_DOCKER_CONFIG_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a password: say only where.
    throw new DockerConfigError(`the Docker config file ${file} is not valid JSON`);
  }
  return checkDockerConfig(parsed, file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the fields of the right types; throws when the file's shape is wrong where it matters. */
export function checkDockerConfig(parsed: unknown, file: string): DockerConfigFile {
  if (!isRecord(parsed)) throw new DockerConfigError(`the Docker config file ${file} is not a JSON object`);
  const config: DockerConfigFile = {};
  if (isRecord(parsed.auths)) {
    config.auths = {};
    for (const [key, entry] of Object.entries(parsed.auths)) {
      if (!isRecord(entry)) continue;
      const strings = Object.fromEntries(Object.entries(entry).filter(([, value]) => typeof value === 'string'));
      config.auths[key] = strings;
    }
  }
  if (isRecord(parsed.credHelpers))
    config.credHelpers = Object.fromEntries(Object.entries(parsed.credHelpers).filter(([, value]) => typeof value === 'string')) as Record<
      string,
      string
    >;
  if (typeof parsed.credsStore === 'string' && parsed.credsStore !== '') config.credsStore = parsed.credsStore;
  return config;
}

/** A config key's host, as Docker compares them: `https://ghcr.io/v2/` is `ghcr.io`. */
export function hostOfConfigKey(key: string): string {
  return key
    .replace(/^https?:\/\//i, '')
    .split('/')[0]
    .toLowerCase();
}

function keyMatches(key: string, registry: string): boolean {
  const host = hostOfConfigKey(key);
  return registry === DOCKER_HUB ? DOCKER_HUB_HOSTS.has(host) : host === registry.toLowerCase();
}

/** The entry of `map` for the registry: the exact key first (Docker Hub's `https://index.docker.io/v1/`), then any key naming the same host. */
function entryFor<T>(map: Record<string, T> | undefined, registry: string): [string, T] | undefined {
  if (!map) return undefined;
  const exact = registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
  if (Object.hasOwn(map, exact)) return [exact, map[exact]];
  return Object.entries(map).find(([key]) => keyMatches(key, registry));
}

/** The credentials of an `auths` entry, or undefined when it holds none. Throws when `auth` is not base64 user:password. */
export function credentialsOfEntry(
  entry: NonNullable<DockerConfigFile['auths']>[string],
  key: string,
  file: string,
): Credentials | undefined {
  if (entry.identitytoken) return { kind: 'identity-token', identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z0-9+/=\s]+$/.test(entry.auth))
      throw new DockerConfigError(`the Docker config file ${file}: auths["${key}"].auth is not base64 of user:password`);
    return { kind: 'password', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { kind: 'password', username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Where Docker would take the registry's credentials from: its `credHelpers` entry, else `credsStore`, else its
 * `auths` entry. A helper is asked with the host (Docker Hub: `https://index.docker.io/v1/`).
 */
export function credentialSourceFor(config: DockerConfigFile | undefined, registry: string, file: string): CredentialSource {
  if (!config) return { kind: 'none' };
  const serverAddress = registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
  const helper = entryFor(config.credHelpers, registry)?.[1] ?? config.credsStore;
  if (helper) return { kind: 'helper', helper, serverAddress };
  const entry = entryFor(config.auths, registry);
  const credentials = entry ? credentialsOfEntry(entry[1], entry[0], file) : undefined;
  return entry && credentials ? { kind: 'file', key: entry[0], credentials } : { kind: 'none' };
}
