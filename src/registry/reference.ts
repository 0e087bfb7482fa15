// Image references as Docker reads them (distribution's reference grammar and its normalisation): which
// registry, which repository, which tag or digest. Pure; a malformed reference is an ImageReferenceError.
import { visible } from '../common/escape.js';

/** Docker Hub's name in references, its API host, and the key `docker login` stores its credentials under. */
export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const LEGACY_DOCKER_HUB = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';
/** Distribution's bound on a whole name, registry included. */
const MAX_NAME_CHARS = 255;

export interface ImageReference {
  /** The registry as references name it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  registry: string;
  /** The repository within it: `library/alpine`, `owner/app`. */
  repository: string;
  /** The tag; `latest` when the reference names neither tag nor digest, absent when it names only a digest. */
  tag?: string;
  /** `sha256:<64 hex>` (or `sha512:<128 hex>`) when the reference pins one. */
  digest?: string;
}

export class ImageReferenceError extends Error {
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`image reference "${visible(text, 300)}": ${reason}`);
    this.name = 'ImageReferenceError';
  }
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
/** The digests an OCI registry must know, with the length of their hex. */
const DIGEST_HEX_CHARS: Record<string, number> = { sha256: 64, sha512: 128 };
const HEX_ID = /^[a-f0-9]{64}$/;

/** True when `text` is `sha256:` with 64 lowercase hex digits (or `sha512:` with 128). */
export function isDigest(text: string): boolean {
  const match = /^([a-z0-9]+):([a-f0-9]+)$/.exec(text);
  return match !== null && DIGEST_HEX_CHARS[match[1]] === match[2].length;
}

/** True for a repository name (`team/app`) and a tag (`v1.2`) as references may hold them: nothing that could change a URL's path. */
export function isRepositoryName(text: string): boolean {
  return text.split('/').every((component) => PATH_COMPONENT.test(component));
}

export function isTag(text: string): boolean {
  return TAG.test(text);
}

/** Splits `name[:tag][@digest]` into its parts, the name not yet normalised. */
function splitReference(text: string): { name: string; tag?: string; digest?: string } {
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const rest = at >= 0 ? text.slice(0, at) : text;
  if (digest !== undefined) {
    if (digest.includes('@')) throw new ImageReferenceError(text, 'more than one "@"');
    if (!isDigest(digest))
      throw new ImageReferenceError(text, 'the part after "@" is not a digest: expected sha256: and 64 lowercase hex digits');
  }
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return { name: hasTag ? rest.slice(0, colon) : rest, tag: hasTag ? rest.slice(colon + 1) : undefined, digest };
}

/** Docker's split of a name into registry and repository: the first component is a registry when it looks like a host. */
function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let registry = isHost ? first : DOCKER_HUB;
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === LEGACY_DOCKER_HUB) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = OFFICIAL_PREFIX + repository;
  return { registry, repository };
}

/**
 * Parses an image reference with Docker's rules: `alpine` is `docker.io/library/alpine:latest`, `owner/app` is on
 * Docker Hub, a first component with a `.` or `:`, `localhost` or a capital letter is a registry; the tag defaults to
 * `latest` unless a digest is pinned. Throws ImageReferenceError saying what is wrong.
 */
export function parseImageReference(text: string): ImageReference {
  if (text === '') throw new ImageReferenceError(text, 'it is empty');
  if (/\s/.test(text)) throw new ImageReferenceError(text, 'it contains white space');
  if (HEX_ID.test(text)) throw new ImageReferenceError(text, 'a 64-digit hex string is an image ID, not a repository name');
  const { name, tag, digest } = splitReference(text);
  if (tag !== undefined && !TAG.test(tag))
    throw new ImageReferenceError(text, 'the tag must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"');
  if (name === '') throw new ImageReferenceError(text, 'it names no repository');
  if (name.length > MAX_NAME_CHARS) throw new ImageReferenceError(text, `the name is longer than ${MAX_NAME_CHARS} characters`);
  const { registry, repository } = splitRegistry(name);
  if (!DOMAIN.test(registry)) throw new ImageReferenceError(text, `"${visible(registry)}" is not a registry host[:port]`);
  if (repository.toLowerCase() !== repository) throw new ImageReferenceError(text, 'the repository name must be lowercase');
  const bad = repository.split('/').find((component) => !PATH_COMPONENT.test(component));
  if (bad !== undefined)
    throw new ImageReferenceError(
      text,
      bad === ''
        ? 'the repository name has an empty path component'
        : `"${visible(bad)}" is not a repository path component: lowercase letters and digits, separated by ".", "_", "__" or "-"`,
    );
  return { registry, repository, tag: tag ?? (digest === undefined ? DEFAULT_TAG : undefined), digest };
}

/** The reference as text, normalised: `docker.io/library/alpine:3.20@sha256:…`. */
export function formatImageReference(reference: ImageReference): string {
  const tag = reference.tag === undefined ? '' : `:${reference.tag}`;
  const digest = reference.digest === undefined ? '' : `@${reference.digest}`;
  return `${reference.registry}/${reference.repository}${tag}${digest}`;
}

/** The host:port the registry's API answers on (Docker Hub's is not `docker.io`). */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}

/** The host name alone, without port or IPv6 brackets: `127.0.0.1`, `::1`, `ghcr.io`. */
export function hostNameOf(hostAndPort: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostAndPort);
  if (bracketed) return bracketed[1];
  return hostAndPort.replace(/:\d+$/, '');
}

/** True for the hosts that never leave this machine: `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostName: string): boolean {
  const host = hostName.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
