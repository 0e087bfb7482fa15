import { DEFAULT_WALK_LIMITS, platformMatches, walkIndex } from '../../../src/registry/index-walk.js';
import { Descriptor, ManifestDocument, parseManifest } from '../../../src/registry/manifest.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const digest = (name: string) => `sha256:${Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64)}`;
const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest('config'), size: 2 };

/** Documents by digest, as JSON a registry would send; the fetcher parses them and counts each fetch. */
function store(documents: Record<string, unknown>) {
  const fetched: string[] = [];
  const fetch = async (descriptor: Descriptor): Promise<ManifestDocument> => {
    fetched.push(descriptor.digest);
    const document = documents[descriptor.digest];
    if (document === undefined) throw new Error(`no ${descriptor.digest}`);
    return parseManifest(Buffer.from(JSON.stringify(document)), undefined);
  };
  return { fetch, fetched };
}

const image = (layer: string) => ({
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config,
  layers: [{ mediaType: 'l', digest: digest(layer), size: 1 }],
});
const index = (manifests: unknown[]) => ({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
const entry = (name: string, platform?: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  mediaType: OCI_MANIFEST,
  digest: digest(name),
  size: 1,
  ...(platform ? { platform } : {}),
  ...extra,
});
const root = (manifests: unknown[]) =>
  parseManifest(Buffer.from(JSON.stringify(index(manifests))), undefined) as Extract<ManifestDocument, { kind: 'index' }>;

test('platforms in order; attestations skipped by platform or annotation; each digest fetched once', async () => {
  const { fetch, fetched } = store({ [digest('amd')]: image('a'), [digest('arm')]: image('b') });
  const found = await walkIndex(
    digest('root'),
    root([
      entry('amd', { os: 'linux', architecture: 'amd64' }),
      entry('att1', { os: 'unknown', architecture: 'unknown' }),
      entry('arm', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      entry('att2', { os: 'linux', architecture: 'amd64' }, { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }),
      entry('amd', { os: 'linux', architecture: 'amd64' }),
    ]),
    fetch,
  );
  expect(found.map((one) => one.descriptor.digest)).toEqual([digest('amd'), digest('arm')]);
  expect(fetched).toEqual([digest('amd'), digest('arm')]);
});

test('a nested index is followed; one that points back at the root is not fetched again', async () => {
  const nested = { ...entry('nested'), mediaType: OCI_INDEX };
  const { fetch, fetched } = store({
    [digest('nested')]: index([entry('inner', { os: 'linux', architecture: 's390x' }), { ...entry('root'), mediaType: OCI_INDEX }]),
    [digest('inner')]: image('c'),
  });
  const found = await walkIndex(digest('root'), root([nested]), fetch);
  expect(found.map((one) => one.descriptor.digest)).toEqual([digest('inner')]);
  expect(fetched).toEqual([digest('nested'), digest('inner')]);
});

test('an entry typed as a manifest that turns out to be an index is walked as one', async () => {
  const { fetch } = store({ [digest('sneaky')]: index([entry('inner')]), [digest('inner')]: image('c') });
  const found = await walkIndex(digest('root'), root([entry('sneaky')]), fetch);
  expect(found.map((one) => one.descriptor.digest)).toEqual([digest('inner')]);
});

test('indexes nested deeper than the limit are refused', async () => {
  const chain: Record<string, unknown> = {};
  for (let level = 0; level < 6; level += 1)
    chain[digest(`level${level}`)] = index([{ ...entry(`level${level + 1}`), mediaType: OCI_INDEX }]);
  const { fetch, fetched } = store(chain);
  await expect(walkIndex(digest('root'), root([{ ...entry('level0'), mediaType: OCI_INDEX }]), fetch)).rejects.toThrow(
    `the index nests indexes deeper than ${DEFAULT_WALK_LIMITS.maxDepth} levels`,
  );
  expect(fetched.length).toBe(DEFAULT_WALK_LIMITS.maxDepth);
});

test('more manifests than the limit are refused', async () => {
  const documents: Record<string, unknown> = {};
  const entries = Array.from({ length: 5 }, (_, n) => {
    documents[digest(`m${n}`)] = image(`l${n}`);
    return entry(`m${n}`, { os: 'linux', architecture: `a${n}` });
  });
  await expect(walkIndex(digest('root'), root(entries), store(documents).fetch, { maxDepth: 4, maxManifests: 4 })).rejects.toThrow(
    'the index lists more than 4 manifests',
  );
});

test('only the platforms asked for are fetched; linux/arm64 covers linux/arm64/v8', async () => {
  const { fetch, fetched } = store({ [digest('amd')]: image('a'), [digest('arm')]: image('b') });
  const entries = [
    entry('amd', { os: 'linux', architecture: 'amd64' }),
    entry('arm', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
  ];
  const found = await walkIndex(digest('root'), root(entries), fetch, DEFAULT_WALK_LIMITS, ['linux/arm64']);
  expect(found.map((one) => one.descriptor.digest)).toEqual([digest('arm')]);
  expect(fetched).toEqual([digest('arm')]);
  const arm = { mediaType: 'x', digest: digest('x'), sizeBytes: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } };
  expect(platformMatches('linux/arm/v7', arm)).toBe(true);
  expect(platformMatches('linux/arm/v6', arm)).toBe(false);
  expect(platformMatches('linux/arm64', arm)).toBe(false);
});
