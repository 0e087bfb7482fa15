// Manifests and indexes as a registry sends them (OCI image spec and Docker's schema 2), parsed defensively:
// every field that is used is checked for its type, digests for their form, sizes for being whole bytes.
// Docker's schema 1 is refused. Pure; a document that is not what it should be is a ManifestFormatError.
import { visible } from '../common/escape.js';
import { isDigest } from './reference.js';

export const MEDIA_TYPE = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** The Accept header of a manifest request: the two index types and the two manifest types, nothing of schema 1. */
export const MANIFEST_ACCEPT = [MEDIA_TYPE.ociIndex, MEDIA_TYPE.dockerList, MEDIA_TYPE.ociManifest, MEDIA_TYPE.dockerManifest].join(', ');

const INDEX_TYPES = new Set<string>([MEDIA_TYPE.ociIndex, MEDIA_TYPE.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA_TYPE.ociManifest, MEDIA_TYPE.dockerManifest]);
const SCHEMA1_TYPES = new Set<string>([MEDIA_TYPE.dockerSchema1, MEDIA_TYPE.dockerSchema1Signed]);

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  /** The size of the content the descriptor points to, as stored (a layer's compressed size). */
  sizeBytes: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export type ManifestDocument =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

export class ManifestFormatError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(object: Record<string, unknown>, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new ManifestFormatError(`${where} has no "${key}" string`);
  return value;
}

function platformOf(value: unknown, where: string): Platform | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new ManifestFormatError(`${where}'s "platform" is not an object`);
  const variant = value.variant;
  if (variant !== undefined && typeof variant !== 'string') throw new ManifestFormatError(`${where}'s platform "variant" is not a string`);
  return {
    os: stringField(value, 'os', `${where}'s platform`),
    architecture: stringField(value, 'architecture', `${where}'s platform`),
    ...(variant ? { variant } : {}),
  };
}

function annotationsOf(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new ManifestFormatError(`${where}'s "annotations" is not an object`);
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** One descriptor checked: a media type, a digest of the known form, a size in whole bytes. */
export function parseDescriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw new ManifestFormatError(`${where} is not an object`);
  const mediaType = stringField(value, 'mediaType', where);
  const digest = stringField(value, 'digest', where);
  if (!isDigest(digest)) throw new ManifestFormatError(`${where}'s digest is not sha256: and 64 lowercase hex digits`);
  const size = value.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw new ManifestFormatError(`${where}'s "size" is not a whole number of bytes`);
  const platform = platformOf(value.platform, where);
  const annotations = annotationsOf(value.annotations, where);
  return { mediaType, digest, sizeBytes: size, ...(platform ? { platform } : {}), ...(annotations ? { annotations } : {}) };
}

function descriptorList(value: unknown, key: string): Descriptor[] {
  if (!Array.isArray(value)) throw new ManifestFormatError(`"${key}" is not a list`);
  return value.map((entry, index) => parseDescriptor(entry, `${key}[${index}]`));
}

/** The document's own media type: its `mediaType` field, else the Content-Type, else what its fields make it. */
function mediaTypeOf(document: Record<string, unknown>, contentType: string | undefined): string {
  if (typeof document.mediaType === 'string' && document.mediaType !== '') return document.mediaType;
  const header = contentType?.split(';')[0].trim().toLowerCase();
  if (header && (INDEX_TYPES.has(header) || MANIFEST_TYPES.has(header) || SCHEMA1_TYPES.has(header))) return header;
  if (Array.isArray(document.manifests)) return MEDIA_TYPE.ociIndex;
  if (isObject(document.config) && Array.isArray(document.layers)) return MEDIA_TYPE.ociManifest;
  return header ?? 'no media type';
}

/** Parses a manifest or an index; throws ManifestFormatError for schema 1, other media types and malformed JSON. */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ManifestDocument {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ManifestFormatError('the answer is not JSON');
  }
  if (!isObject(document)) throw new ManifestFormatError('the answer is not a JSON object');
  const mediaType = mediaTypeOf(document, contentType);
  if (document.schemaVersion === 1 || SCHEMA1_TYPES.has(mediaType))
    throw new ManifestFormatError(
      'it is a Docker schema 1 manifest, which is deprecated and not supported: push the image again with a current client (schema 2 or OCI)',
    );
  if (document.schemaVersion !== 2) throw new ManifestFormatError('"schemaVersion" is not 2');
  if (INDEX_TYPES.has(mediaType)) return { kind: 'index', mediaType, manifests: descriptorList(document.manifests, 'manifests') };
  if (MANIFEST_TYPES.has(mediaType))
    return {
      kind: 'image',
      mediaType,
      config: parseDescriptor(document.config, 'config'),
      layers: descriptorList(document.layers, 'layers'),
    };
  throw new ManifestFormatError(`its media type "${visible(mediaType, 100)}" is neither an image index nor an image manifest`);
}

/** True for a descriptor of an index that points to another index (a nested index), by its media type. */
export function isIndexDescriptor(descriptor: Descriptor): boolean {
  return INDEX_TYPES.has(descriptor.mediaType);
}

/** `linux/arm64/v8`, `linux/amd64` */
export function platformString(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== undefined && part !== '').join('/');
}

/**
 * True for an index entry that is no runnable image: BuildKit's attestation manifests (provenance, SBOM) carry
 * the platform `unknown/unknown` and the annotation `vnd.docker.reference.type`.
 */
export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.['vnd.docker.reference.type'] !== undefined) return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}
