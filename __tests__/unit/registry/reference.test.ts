import {
  formatImageReference,
  hostNameOf,
  ImageReferenceError,
  isDigest,
  isLoopbackHost,
  parseImageReference,
  registryApiHost,
} from '../../../src/registry/reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference', () => {
  test.each([
    ['alpine', 'docker.io', 'library/alpine', 'latest', undefined],
    ['alpine:3.20', 'docker.io', 'library/alpine', '3.20', undefined],
    ['library/alpine', 'docker.io', 'library/alpine', 'latest', undefined],
    ['docker.io/alpine', 'docker.io', 'library/alpine', 'latest', undefined],
    ['index.docker.io/alpine:edge', 'docker.io', 'library/alpine', 'edge', undefined],
    ['owner/app', 'docker.io', 'owner/app', 'latest', undefined],
    ['docker.io/owner/app', 'docker.io', 'owner/app', 'latest', undefined],
    ['ghcr.io/owner/app:v1.2_3-rc', 'ghcr.io', 'owner/app', 'v1.2_3-rc', undefined],
    ['localhost/app', 'localhost', 'app', 'latest', undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', 'latest', undefined],
    ['localhost:5000', 'docker.io', 'library/localhost', '5000', undefined],
    [`127.0.0.1:5000/team/app@${DIGEST}`, '127.0.0.1:5000', 'team/app', undefined, DIGEST],
    [`app:tag@${DIGEST}`, 'docker.io', 'library/app', 'tag', DIGEST],
    ['[::1]:5000/app', '[::1]:5000', 'app', 'latest', undefined],
    ['Foo/app', 'Foo', 'app', 'latest', undefined],
    ['registry.example.com:443/a/b/c', 'registry.example.com:443', 'a/b/c', 'latest', undefined],
    ['a__b/c-d.e_f--g', 'docker.io', 'a__b/c-d.e_f--g', 'latest', undefined],
    [`app@sha512:${'0'.repeat(128)}`, 'docker.io', 'library/app', undefined, `sha512:${'0'.repeat(128)}`],
  ])('%s', (text, registry, repository, tag, digest) => {
    const reference = parseImageReference(text);
    expect(reference).toEqual({ registry, repository, tag, digest });
  });

  test.each([
    ['', 'it is empty'],
    ['Alpine', 'the repository name must be lowercase'],
    ['ghcr.io/Owner/app', 'the repository name must be lowercase'],
    ['alpine:', 'the tag must be 1 to 128 letters'],
    ['alpine:-x', 'the tag must be 1 to 128 letters'],
    [`alpine:${'t'.repeat(129)}`, 'the tag must be 1 to 128 letters'],
    [':tag', 'it names no repository'],
    ['alpine@sha256:abc', 'the part after "@" is not a digest'],
    [`alpine@sha256:${'AB'.repeat(32)}`, 'the part after "@" is not a digest'],
    [`alpine@md5:${'0'.repeat(32)}`, 'the part after "@" is not a digest'],
    [`alpine@${DIGEST}@${DIGEST}`, 'more than one "@"'],
    ['a//b', 'the repository name has an empty path component'],
    ['a/-b', '"-b" is not a repository path component'],
    ['a/b_', '"b_" is not a repository path component'],
    ['ab'.repeat(32), 'a 64-digit hex string is an image ID'],
    ['with space', 'it contains white space'],
    ['-bad.host/app', '"-bad.host" is not a registry host[:port]'],
    [`${'a'.repeat(250)}/bcdef`, 'the name is longer than 255 characters'],
    ['app/\u001b[31m', 'is not a repository path component'],
  ])('%j is refused: %s', (text, reason) => {
    expect(() => parseImageReference(text)).toThrow(ImageReferenceError);
    expect(() => parseImageReference(text)).toThrow(reason);
  });

  test('the error quotes the reference made visible', () => {
    expect(() => parseImageReference('app/\u001b[31m')).toThrow('image reference "app/\\x1b[31m"');
  });
});

test('formatImageReference writes the normalised reference', () => {
  expect(formatImageReference(parseImageReference('alpine'))).toBe('docker.io/library/alpine:latest');
  expect(formatImageReference(parseImageReference(`localhost:5000/a:b@${DIGEST}`))).toBe(`localhost:5000/a:b@${DIGEST}`);
});

test("Docker Hub's API host is not docker.io", () => {
  expect(registryApiHost('docker.io')).toBe('registry-1.docker.io');
  expect(registryApiHost('ghcr.io')).toBe('ghcr.io');
});

test('isDigest', () => {
  expect(isDigest(DIGEST)).toBe(true);
  expect(isDigest(DIGEST.slice(0, -1))).toBe(false);
  expect(isDigest(`constructor:${'0'.repeat(64)}`)).toBe(false);
});

describe('loopback hosts', () => {
  test.each([
    ['127.0.0.1:5000', true],
    ['127.1.2.3', true],
    ['[::1]:5000', true],
    ['localhost:80', true],
    ['LOCALHOST', true],
    ['128.0.0.1', false],
    ['127.0.0.1.nip.io', false],
    ['127.256.0.1', false],
    ['ghcr.io', false],
    ['[::2]:5000', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(hostNameOf(host))).toBe(loopback);
  });
});
