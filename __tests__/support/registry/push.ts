// Puts images into a registry for the registry client's tests, with code of its own (fetch, not the client under
// test): blobs by a monolithic upload (POST, then PUT with the digest), manifests and indexes by PUT. The images
// are made here: layer tars (one gzip, one of a few MB), configs, manifests, a two-platform index with an
// attestation manifest the way BuildKit writes one.
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { layerTar } from '../synthetic-image.js';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export interface Blob {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  sizeBytes: number;
}

export function blob(mediaType: string, bytes: Buffer): Blob {
  return { mediaType, bytes, digest: sha256(bytes), sizeBytes: bytes.length };
}

/** Where to push and how to authenticate each request (an Authorization header value). */
export interface PushTarget {
  url: string;
  repository: string;
  authorization?: string;
}

function headers(target: PushTarget, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(target.authorization ? { authorization: target.authorization } : {}) };
}

export async function uploadBlob(target: PushTarget, content: Blob): Promise<void> {
  const started = await fetch(`${target.url}/v2/${target.repository}/blobs/uploads/`, { method: 'POST', headers: headers(target) });
  if (started.status !== 202) throw new Error(`upload of ${content.digest} not started: ${started.status} ${await started.text()}`);
  const location = new URL(started.headers.get('location') ?? '', target.url);
  location.searchParams.set('digest', content.digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: headers(target, { 'content-type': 'application/octet-stream' }),
    body: content.bytes,
  });
  if (put.status !== 201) throw new Error(`upload of ${content.digest} failed: ${put.status} ${await put.text()}`);
}

export async function putManifest(target: PushTarget, reference: string, manifest: Blob): Promise<void> {
  const put = await fetch(`${target.url}/v2/${target.repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: headers(target, { 'content-type': manifest.mediaType }),
    body: manifest.bytes,
  });
  if (put.status !== 201) throw new Error(`manifest ${reference} not stored: ${put.status} ${await put.text()}`);
}

function descriptor(content: Blob, extra: Record<string, unknown> = {}) {
  return { mediaType: content.mediaType, digest: content.digest, size: content.sizeBytes, ...extra };
}

export interface TestImage {
  platform: { os: string; architecture: string; variant?: string };
  config: Blob;
  layers: Blob[];
  manifest: Blob;
}

/** An image of the given layers: its config (with the diff IDs of the uncompressed tars) and its manifest. */
export function makeImage(
  platform: TestImage['platform'],
  layers: { blob: Blob; tar: Buffer }[],
  style: 'oci' | 'docker' = 'oci',
): TestImage {
  const config = blob(
    style === 'oci' ? OCI_CONFIG : DOCKER_CONFIG,
    Buffer.from(
      JSON.stringify({
        ...platform,
        config: { Env: ['PATH=/usr/bin'], Cmd: ['/bin/true'] },
        rootfs: { type: 'layers', diff_ids: layers.map((layer) => sha256(layer.tar)) },
        history: layers.map((_, index) => ({ created_by: `layer ${index}` })),
      }),
    ),
  );
  const manifestType = style === 'oci' ? OCI_MANIFEST : DOCKER_MANIFEST;
  const manifest = blob(
    manifestType,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: manifestType,
        config: descriptor(config),
        layers: layers.map((l) => descriptor(l.blob)),
      }),
    ),
  );
  return { platform, config, layers: layers.map((layer) => layer.blob), manifest };
}

/** A gzip layer of a few small files. */
export function gzipLayer(seed: string, style: 'oci' | 'docker' = 'oci'): { blob: Blob; tar: Buffer } {
  const tar = layerTar([
    { path: `etc/${seed}`, directory: true },
    { path: `etc/${seed}/file`, sizeBytes: 3000 },
  ]);
  return { blob: blob(style === 'oci' ? OCI_LAYER_GZIP : DOCKER_LAYER_GZIP, gzipSync(tar)), tar };
}

/** An uncompressed layer of `sizeBytes` of random bytes (random, so that no stage can shrink it). */
export function largeLayer(sizeBytes: number): { blob: Blob; tar: Buffer } {
  const tar = tarOf('opt/big.bin', randomBytes(sizeBytes));
  return { blob: blob(OCI_LAYER_TAR, tar), tar };
}

/** A one-file tar with the given contents. */
function tarOf(name: string, data: Buffer): Buffer {
  const sized = layerTar([{ path: name, sizeBytes: data.length }]);
  // layerTar fills files with "a": put the data in place of the filler (the header is the first 512 bytes).
  data.copy(sized, 512);
  return sized;
}

/** BuildKit's attestation manifest for an image: an in-toto layer, and the index entry that points to it. */
export function attestationFor(image: TestImage): { manifest: TestImage; entry: Record<string, unknown> } {
  const statement = blob('application/vnd.in-toto+json', Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1' })));
  const attestation = makeImage({ os: 'unknown', architecture: 'unknown' }, [{ blob: statement, tar: statement.bytes }]);
  const entry = descriptor(attestation.manifest, {
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { 'vnd.docker.reference.digest': image.manifest.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
  });
  return { manifest: attestation, entry };
}

export function makeIndex(entries: Record<string, unknown>[]): Blob {
  return blob(OCI_INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries })));
}

export function indexEntry(image: TestImage): Record<string, unknown> {
  return descriptor(image.manifest, { platform: image.platform });
}

/** Uploads an image's blobs and puts its manifest under `reference` (a tag or its digest). */
export async function pushImage(target: PushTarget, image: TestImage, reference: string = image.manifest.digest): Promise<void> {
  for (const layer of image.layers) await uploadBlob(target, layer);
  await uploadBlob(target, image.config);
  await putManifest(target, reference, image.manifest);
}

/** The images every registry suite starts with. */
export interface Fixtures {
  amd64: TestImage;
  arm64: TestImage;
  attestation: TestImage;
  /** `multi`: amd64 and arm64/v8 (which share their first, gzip layer) and amd64's attestation. */
  index: Blob;
  /** `docker`: one platform, Docker's schema 2 media types. */
  docker: TestImage;
}

export const LARGE_LAYER_BYTES = 3 * 1024 * 1024;

export function makeFixtures(): Fixtures {
  const shared = gzipLayer('shared');
  const amd64 = makeImage({ os: 'linux', architecture: 'amd64' }, [shared, largeLayer(LARGE_LAYER_BYTES)]);
  const arm64 = makeImage({ os: 'linux', architecture: 'arm64', variant: 'v8' }, [shared, gzipLayer('arm')]);
  const attestation = attestationFor(amd64);
  const index = makeIndex([indexEntry(amd64), indexEntry(arm64), attestation.entry]);
  const docker = makeImage({ os: 'linux', architecture: 'amd64' }, [gzipLayer('docker', 'docker')], 'docker');
  return { amd64, arm64, attestation: attestation.manifest, index, docker };
}

export async function pushFixtures(target: PushTarget, fixtures: Fixtures = makeFixtures()): Promise<Fixtures> {
  for (const image of [fixtures.amd64, fixtures.arm64, fixtures.attestation]) await pushImage(target, image);
  await putManifest(target, 'multi', fixtures.index);
  await pushImage(target, fixtures.docker, 'docker');
  return fixtures;
}
