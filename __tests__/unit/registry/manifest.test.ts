import { isAttestation, MANIFEST_ACCEPT, parseDescriptor, parseManifest, platformString } from '../../../src/registry/manifest.js';

const D = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: D(1), size: 10 };
const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D(2), size: 5 };

describe('parseManifest', () => {
  test('an OCI manifest, its media type from the body', () => {
    const document = parseManifest(
      json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: [layer] }),
      undefined,
    );
    expect(document).toEqual({
      kind: 'image',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: config.mediaType, digest: config.digest, sizeBytes: 5 },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, sizeBytes: 10 }],
    });
  });

  test('without a mediaType field: the Content-Type, else the fields', () => {
    expect(
      parseManifest(json({ schemaVersion: 2, manifests: [] }), 'application/vnd.docker.distribution.manifest.list.v2+json; charset=utf-8'),
    ).toEqual({
      kind: 'index',
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [],
    });
    expect(parseManifest(json({ schemaVersion: 2, config, layers: [] }), 'application/json').kind).toBe('image');
  });

  test('an index entry keeps its platform and string annotations', () => {
    const entry = {
      ...layer,
      platform: { os: 'linux', architecture: 'arm', variant: 'v7', 'os.features': [] },
      annotations: { a: 'b', n: 1 },
    };
    const document = parseManifest(
      json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [entry] }),
      undefined,
    );
    expect(document.kind === 'index' && document.manifests[0]).toEqual({
      mediaType: layer.mediaType,
      digest: layer.digest,
      sizeBytes: 10,
      platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
      annotations: { a: 'b' },
    });
  });

  test.each([
    ['not json', Buffer.from('<html>'), undefined, 'the answer is not JSON'],
    ['an array', json([]), undefined, 'the answer is not a JSON object'],
    ['schema 1 by its version', json({ schemaVersion: 1, fsLayers: [] }), 'application/json', 'Docker schema 1 manifest'],
    [
      'schema 1 by its type',
      json({ schemaVersion: 2 }),
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      'Docker schema 1 manifest',
    ],
    ['schema version 3', json({ schemaVersion: 3, config, layers: [] }), undefined, '"schemaVersion" is not 2'],
    ['another media type', json({ schemaVersion: 2, mediaType: 'text/\u001b' }), undefined, 'its media type "text/\\x1b" is neither'],
    [
      'layers not a list',
      json({ schemaVersion: 2, config, layers: {} }),
      'application/vnd.oci.image.manifest.v1+json',
      '"layers" is not a list',
    ],
    [
      'a short digest',
      json({ schemaVersion: 2, config, layers: [{ ...layer, digest: 'sha256:abc' }] }),
      undefined,
      "layers[0]'s digest is not",
    ],
    [
      'a negative size',
      json({ schemaVersion: 2, config, layers: [{ ...layer, size: -1 }] }),
      undefined,
      `layers[0]'s "size" is not a whole number`,
    ],
    [
      'a fractional size',
      json({ schemaVersion: 2, config: { ...config, size: 1.5 }, layers: [] }),
      undefined,
      `config's "size" is not a whole number`,
    ],
    [
      'no media type',
      json({ schemaVersion: 2, config, layers: [{ digest: D(1), size: 1 }] }),
      undefined,
      'layers[0] has no "mediaType" string',
    ],
    [
      'a platform without os',
      json({ schemaVersion: 2, manifests: [{ ...layer, platform: { architecture: 'x' } }] }),
      undefined,
      'has no "os" string',
    ],
  ])('%s is refused', (_name, bytes, contentType, reason) => {
    expect(() => parseManifest(bytes, contentType)).toThrow(reason);
  });
});

test('the Accept header names both index types and both manifest types, never schema 1', () => {
  expect(MANIFEST_ACCEPT.split(', ').sort()).toEqual([
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
  ]);
});

test('platformString and isAttestation', () => {
  expect(platformString({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64/v8');
  expect(platformString({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  const entry = parseDescriptor(layer, 'x');
  expect(isAttestation({ ...entry, platform: { os: 'unknown', architecture: 'unknown' } })).toBe(true);
  expect(isAttestation({ ...entry, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } })).toBe(true);
  expect(isAttestation({ ...entry, platform: { os: 'linux', architecture: 'unknown' } })).toBe(false);
});
