// The user as the kernel sees it (issue 14): images that look non-root but that Docker runs as uid 0 fail
// require-non-root, with a reason that says what Docker does, with and without the layer analysis; and an
// image whose /etc/passwd is a symlink, which Docker runs as uid 1000, passes. Each premise is checked
// against the engine itself (`id -u` in the container) before the gate is asked.
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, buildImage, docker, runAction } from '../support/e2e.js';

const DISGUISES: { tag: string; dockerfile: string; reason: string }[] = [
  {
    tag: 'image-size-gate-e2e/user-plus-zero:1',
    dockerfile: 'USER +0\n',
    reason: 'USER "+0" is parsed by Docker as uid 0 (root)',
  },
  {
    tag: 'image-size-gate-e2e/user-huge-name:1',
    dockerfile: "RUN echo '99999999999999999999:x:0:0::/:/bin/sh' >> /etc/passwd\nUSER 99999999999999999999\n",
    reason: 'is too large for a number, so Docker looks it up as a name',
  },
  {
    tag: 'image-size-gate-e2e/user-non-numeric-uid:1',
    dockerfile: "RUN printf 'app:x:abc:0::/:/bin/sh\\napp:x:1000:1000::/:/bin/sh\\n' >> /etc/passwd\nUSER app\n",
    reason: 'whose id field "abc" Docker reads as 0 (root)',
  },
  {
    tag: 'image-size-gate-e2e/user-leading-spaces:1',
    dockerfile: "RUN printf '  app:x:0:0::/:/bin/sh\\napp:x:1000:1000::/:/bin/sh\\n' >> /etc/passwd\nUSER app\n",
    reason: 'is first matched (of 2 lines naming it) by line',
  },
  {
    tag: 'image-size-gate-e2e/user-trailing-space:1',
    dockerfile: 'RUN printf \'1000 :x:0:0::/:/bin/sh\\n\' >> /etc/passwd\nUSER "1000 "\n',
    reason: 'USER "1000 " is not a plain number to Docker',
  },
  {
    tag: 'image-size-gate-e2e/user-wrapped-uid:1',
    dockerfile: "RUN echo 'app:x:4294967296:0::/:/bin/sh' >> /etc/passwd\nUSER app\n",
    reason: 'which Docker truncates to 32 bits: uid 0 (root)',
  },
];

const SYMLINKED = {
  tag: 'image-size-gate-e2e/user-symlinked-passwd:1',
  dockerfile:
    "RUN mkdir -p /opt/app && cp /etc/passwd /opt/app/passwd && echo 'app:x:1000:1000::/:/bin/sh' >> /opt/app/passwd" +
    ' && rm /etc/passwd && ln -s /opt/app/passwd /etc/passwd\nUSER app\n',
};

const TAGS = [...DISGUISES.map((image) => image.tag), SYMLINKED.tag];

/** What the kernel says: the uid the container's first process runs as. */
function uidInside(tag: string): string {
  return docker(['run', '--rm', '--network', 'none', '--entrypoint', 'id', tag, '-u']);
}

useCleanEngine({
  images: TAGS,
  setup: () => {
    for (const image of [...DISGUISES, SYMLINKED]) buildImage(image.tag, `FROM ${BUSYBOX}\n${image.dockerfile}`);
  },
});

describe('images that Docker runs as uid 0 fail require-non-root, whatever USER looks like', () => {
  test.each(DISGUISES.flatMap((image) => ['true', 'false'].map((analyze) => ({ ...image, analyze }))))(
    '$tag (analyze: $analyze)',
    async ({ tag, reason, analyze }) => {
      expect(uidInside(tag)).toBe('0');
      const run = await runAction({ image: tag, smoke: 'false', analyze, 'require-non-root': 'true' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs['non-root']).toBe('false');
      expect(run.outputs.passed).toBe('false');
      expect(run.summary).toContain(reason);
    },
  );
});

describe('an image whose /etc/passwd is a symlink', () => {
  test.each(['true', 'false'])('runs as uid 1000 and passes (analyze: %s)', async (analyze) => {
    expect(uidInside(SYMLINKED.tag)).toBe('1000');
    const run = await runAction({ image: SYMLINKED.tag, smoke: 'false', analyze, 'require-non-root': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['non-root']).toBe('true');
    expect(run.summary).toContain('USER "app" is uid 1000 in /etc/passwd');
  });
});
