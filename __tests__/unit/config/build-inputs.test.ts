import { dockerfileInputs, expandVariables, normalisedReference } from '../../../src/config/build-inputs.js';

const hub = (name: string) => `docker.io/library/${name}`;

describe('dockerfileInputs: what a Dockerfile reads from outside its context', () => {
  test('FROM names an image; a stage name, scratch and a stage index do not', () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN go build',
      'FROM base AS final',
      'COPY --from=build /out /app',
      'COPY --from=0 /out /app2',
      'FROM scratch',
      'COPY --from=final / /',
    ].join('\n');
    expect(dockerfileInputs(text, [])).toEqual({ images: [hub('golang:1.22'), hub('base:latest')], remote: [], unresolved: [] });
  });

  test('COPY and ADD --from, RUN --mount from= and the # syntax= frontend are images too', () => {
    const text = [
      '# syntax=acme/frontend:1',
      '# escape=\\',
      'FROM scratch',
      'COPY --link --from=acme/tools:2 /bin/x /x',
      'ADD --from=registry.local:5000/assets /a /a',
      'RUN --mount=type=bind,from=acme/cache,source=/c,target=/c true',
    ].join('\n');
    expect(dockerfileInputs(text, []).images).toEqual([
      'docker.io/acme/frontend:1',
      'docker.io/acme/tools:2',
      'registry.local:5000/assets:latest',
      'docker.io/acme/cache:latest',
    ]);
    // BUILDKIT_SYNTAX, as a build argument, overrides the directive.
    expect(dockerfileInputs(text, ['BUILDKIT_SYNTAX=other/fe:3']).images[0]).toBe('docker.io/other/fe:3');
  });

  test('a directive after the first instruction or comment is a comment', () => {
    expect(dockerfileInputs('FROM scratch\n# syntax=acme/frontend:1\n', []).images).toEqual([]);
    expect(dockerfileInputs('# a comment\n# syntax=acme/frontend:1\nFROM scratch\n', []).images).toEqual([]);
  });

  test('ADD of a URL or a git repository is remote, in word and JSON form; ADD of a context file is not', () => {
    const text = [
      'FROM scratch',
      'ADD https://example.com/a.tgz /a',
      'ADD --checksum=sha256:00 ["http://example.com/b", "/b"]',
      'ADD git@github.com:acme/repo.git /src',
      'ADD local.txt /local.txt',
      'COPY https-looking-name /x',
    ].join('\n');
    expect(dockerfileInputs(text, []).remote).toEqual([
      'https://example.com/a.tgz',
      'http://example.com/b',
      'git@github.com:acme/repo.git',
    ]);
  });

  test('ARGs before the first FROM resolve, build arguments override them; platform ARGs and unknown ones do not', () => {
    const text = [
      'ARG BASE=acme/base',
      'ARG VERSION=1',
      'FROM ${BASE}:${VERSION}',
      'FROM app-$TARGETARCH',
      'FROM $UNDECLARED',
      'ARG URL=https://example.com/x',
      'ADD $URL /x',
    ].join('\n');
    const read = dockerfileInputs(text, ['VERSION=2']);
    expect(read.images).toEqual(['docker.io/acme/base:2']);
    expect(read.unresolved).toEqual(['app-$TARGETARCH', '$UNDECLARED', '$URL']);
  });

  test('continuation lines, comments inside them, and the backtick escape', () => {
    const text = ['FROM \\', '  # a comment between', '  acme/one \\', '  AS one', 'COPY \\', '  --from=acme/two /a /a'].join('\n');
    expect(dockerfileInputs(text, []).images).toEqual(['docker.io/acme/one:latest', 'docker.io/acme/two:latest']);
    const windows = ['# escape=`', 'FROM `', '  acme/three'].join('\n');
    expect(dockerfileInputs(windows, []).images).toEqual(['docker.io/acme/three:latest']);
  });

  test('ONBUILD instructions are the child build’s, not this one’s', () => {
    expect(dockerfileInputs('FROM scratch\nONBUILD COPY --from=acme/x / /\nONBUILD ADD https://e.com/y /y\n', [])).toEqual({
      images: [],
      remote: [],
      unresolved: [],
    });
  });
});

describe('expandVariables', () => {
  const vars = new Map([
    ['A', 'a'],
    ['EMPTY', ''],
  ]);
  test.each([
    ['$A', 'a'],
    ['${A}-x', 'a-x'],
    ['${EMPTY:-d}', 'd'],
    ['${A:-d}', 'a'],
    ['${A:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['\\$A', '$A'],
    ['${MISSING}', undefined],
    ['${TARGETARCH}', undefined],
    ['${A:?err}', undefined],
  ])('%s', (text, expected) => {
    expect(expandVariables(text, vars)).toBe(expected);
  });
});

test('normalisedReference: as Docker reads a name; text it cannot read is kept as it is', () => {
  expect(normalisedReference('base')).toBe('docker.io/library/base:latest');
  expect(normalisedReference('docker.io/library/base:latest')).toBe('docker.io/library/base:latest');
  expect(normalisedReference('localhost:5000/x:1')).toBe('localhost:5000/x:1');
  expect(normalisedReference('Not A Reference')).toBe('Not A Reference');
});
