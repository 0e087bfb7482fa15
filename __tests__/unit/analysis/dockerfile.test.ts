import { attributeLayers, historyKeyword, parseDockerfile, shortCreatedBy } from '../../../src/analysis/dockerfile.js';

const GO_SCRATCH = `# comment
FROM debian:bookworm-slim AS build
RUN apt-get update \\
 && apt-get install -y golang-go \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/hello .

FROM scratch
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/hello /hello
USER app
EXPOSE 8080
ENTRYPOINT ["/hello"]
`;

describe('parseDockerfile', () => {
  test('instructions with start lines, joined continuations and stages', () => {
    const parsed = parseDockerfile(GO_SCRATCH);
    expect(parsed.stageCount).toBe(2);
    expect(parsed.instructions.map((instruction) => [instruction.line, instruction.keyword, instruction.stage])).toEqual([
      [2, 'FROM', 0],
      [3, 'RUN', 0],
      [6, 'WORKDIR', 0],
      [7, 'COPY', 0],
      [8, 'RUN', 0],
      [10, 'FROM', 1],
      [11, 'COPY', 1],
      [12, 'COPY', 1],
      [13, 'USER', 1],
      [14, 'EXPOSE', 1],
      [15, 'ENTRYPOINT', 1],
    ]);
    expect(parsed.instructions[1].args).toBe('apt-get update && apt-get install -y golang-go && rm -rf /var/lib/apt/lists/*');
  });

  test('escape directive, comments inside continuations, heredocs', () => {
    const parsed = parseDockerfile('# escape=`\nFROM x\nRUN echo a `\n# inside\n  echo b\nRUN <<EOF\nline\nEOF\nCMD ["x"]\n');
    expect(parsed.instructions.map((instruction) => [instruction.line, instruction.keyword, instruction.args])).toEqual([
      [2, 'FROM', 'x'],
      [3, 'RUN', 'echo a echo b'],
      [6, 'RUN', '<<EOF'],
      [9, 'CMD', '["x"]'],
    ]);
  });
});

describe('history', () => {
  test.each([
    ['/bin/sh -c #(nop) COPY file:abc in /hello ', 'COPY'],
    ['/bin/sh -c apt-get update', 'RUN'],
    ['|2 A=1 B=2 /bin/sh -c make', 'RUN'],
    ['RUN /bin/sh -c make # buildkit', 'RUN'],
    ['COPY /out/hello /hello # buildkit', 'COPY'],
    ['WORKDIR /src', 'WORKDIR'],
  ])('%j is %s', (createdBy, keyword) => expect(historyKeyword(createdBy)).toBe(keyword));

  test('shortCreatedBy drops the builder prefixes', () => {
    expect(shortCreatedBy('/bin/sh -c #(nop) COPY file:abc in /hello ')).toBe('COPY file:abc in /hello');
    expect(shortCreatedBy('|1 A=1 /bin/sh -c make all')).toBe('RUN make all');
    // BuildKit's shell form reads as the classic builder's, so the same Dockerfile reports the same on both.
    expect(shortCreatedBy('RUN /bin/sh -c make # buildkit')).toBe('RUN make');
    expect(shortCreatedBy('RUN /bin/sh -c head -c 5000000 /dev/urandom > /big # buildkit')).toBe(
      shortCreatedBy('/bin/sh -c head -c 5000000 /dev/urandom > /big'),
    );
  });

  test('layers of the final stage are matched to their lines; base layers are not own', () => {
    const history = [
      { created_by: '/bin/sh -c #(nop) COPY file:111 in /etc/passwd ' },
      { created_by: '/bin/sh -c #(nop) COPY file:222 in /hello ' },
      { created_by: '/bin/sh -c #(nop)  USER app', empty_layer: true },
      { created_by: '/bin/sh -c #(nop)  EXPOSE 8080', empty_layer: true },
    ];
    const origins = attributeLayers(history, 2, parseDockerfile(GO_SCRATCH));
    expect(origins.map((origin) => [origin.own, origin.instruction?.line])).toEqual([
      [true, 11],
      [true, 12],
    ]);
  });

  test('on a base image, only the layers the Dockerfile made are own', () => {
    const history = [
      { created_by: '/bin/sh -c #(nop) ADD file:base in / ' },
      { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
      { created_by: '/bin/sh -c apt-get update && apt-get install -y curl' },
      { created_by: '/bin/sh -c #(nop) COPY file:x in /app ' },
    ];
    const dockerfile = parseDockerfile('FROM debian\nRUN apt-get update && apt-get install -y curl\nENV A=1\nCOPY app /app\n');
    expect(attributeLayers(history, 3, dockerfile).map((origin) => [origin.own, origin.instruction?.line])).toEqual([
      [false, undefined],
      [true, 2],
      [true, 4],
    ]);
    expect(attributeLayers(history, 3).map((origin) => origin.own)).toEqual([false, true, true]);
  });
});
