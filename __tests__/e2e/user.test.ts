// The user as the kernel sees it (issue 14): images that look non-root but that Docker runs as uid 0 (or,
// for ids outside 0..2^31-1, that newer engines refuse to start) fail require-non-root, with a reason that
// says what Docker does, with and without the layer analysis; and an image whose /etc/passwd is a symlink,
// which Docker runs as uid 1000, passes. Each premise is checked against the engine itself (`id -u` in the
// container) before the gate is asked, and where engines differ the gate must say what this one does.
import { spawnSync } from 'node:child_process';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, buildImage, docker, runAction } from '../support/e2e.js';

const DISGUISES: { tag: string; dockerfile: string; reason: string; engineDependent?: boolean }[] = [
  {
    tag: 'image-size-gate-e2e/user-plus-zero:1',
    dockerfile: 'USER +0\n',
    reason: 'USER "+0" is parsed by Docker as uid 0 (root)',
  },
  {
    tag: 'image-size-gate-e2e/user-huge-name:1',
    dockerfile: "RUN echo '99999999999999999999:x:0:0::/:/bin/sh' >> /etc/passwd\nUSER 99999999999999999999\n",
    reason: 'is too large for a number, so Docker looks it up as a name',
    engineDependent: true,
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
    engineDependent: true,
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

/**
 * What this engine does with the image's USER: the uid the container's first process runs as, or the engine's
 * refusal of an id outside 0..2^31-1 (Docker 20.10 truncates such a uid to 32 bits; Docker 28.5 refuses it).
 */
function engineAnswer(tag: string): { uid: string } | { refused: true } {
  const run = spawnSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', 'id', tag, '-u'], { encoding: 'utf8' });
  if (run.status === 0) return { uid: run.stdout.trim() };
  if (run.stderr.includes('uids and gids must be in range 0-2147483647')) return { refused: true };
  throw new Error(`docker run of ${tag} failed otherwise: ${run.stderr}`);
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
    async ({ tag, reason, analyze, engineDependent }) => {
      const answer = engineAnswer(tag);
      if (!engineDependent) expect(answer).toEqual({ uid: '0' });
      const run = await runAction({ image: tag, smoke: 'false', analyze, 'require-non-root': 'true' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs['non-root']).toBe('false');
      expect(run.outputs.passed).toBe('false');
      expect(run.summary).toContain(reason);
      if (engineDependent) {
        // Either way the gate has asked this engine, and says what it answered.
        const engine = `this engine (Docker ${docker(['version', '--format', '{{.Server.Version}}'])})`;
        if ('uid' in answer) expect(answer.uid).toBe('0');
        expect(run.summary).toContain(
          'refused' in answer ? `${engine} refuses to start the container (` : `${engine} starts the container as this USER`,
        );
      }
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
