import { Docker } from '../../../src/docker/exec.js';
import { runPost } from '../../../src/action/post.js';

/** A docker client that knows a few containers: `ps` lists those with the owner label asked for, `rm` removes. */
function fakeDocker(containers: { id: string; name: string; owner?: string }[]) {
  const calls: string[][] = [];
  const result = (exitCode: number, stdout = '') => ({ exitCode, stdout: Buffer.from(stdout), stderr: '' });
  const docker = {
    run: async (args: string[]) => {
      calls.push(args);
      if (args[0] === 'ps') {
        const filter = args[args.indexOf('--filter') + 1].replace(/^label=image-size-gate\.owner=/, '');
        return result(
          0,
          containers
            .filter((container) => container.owner === filter)
            .map((container) => `${container.id}\n`)
            .join(''),
        );
      }
      if (args[0] === 'rm') {
        const index = containers.findIndex((container) => container.id === args.at(-1) || container.name === args.at(-1));
        if (index < 0) return result(1);
        containers.splice(index, 1);
        return result(0, `${args.at(-1)}\n`);
      }
      return result(0);
    },
  };
  return { docker: docker as unknown as Docker, calls, containers };
}

function stateOf(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('runPost', () => {
  test("removes the main step's smoke containers by name, then whatever else carries its owner label", async () => {
    const fake = fakeDocker([
      { id: 'aaa111', name: 'image-size-gate-smoke-1', owner: 'runner:42' },
      { id: 'bbb222', name: 'reader', owner: 'runner:42' },
      { id: 'ccc333', name: 'other-run', owner: 'runner:43' },
    ]);
    const lines: string[] = [];
    await runPost({
      docker: fake.docker,
      getState: stateOf({ 'smoke-container': 'image-size-gate-smoke-1,image-size-gate-smoke-gone', owner: 'runner:42' }),
      info: (line) => lines.push(line),
    });
    expect(lines).toEqual([
      'Removed the smoke container image-size-gate-smoke-1 left by the main step',
      'Removed 1 more container(s) left by the main step: bbb222',
    ]);
    expect(fake.containers.map((container) => container.id)).toEqual(['ccc333']);
  });

  test('removes a baseline worktree that still exists', async () => {
    const fake = fakeDocker([]);
    const removed: string[] = [];
    const lines: string[] = [];
    await runPost({
      docker: fake.docker,
      getState: stateOf({ 'baseline-worktree': JSON.stringify({ root: '/repo', directory: '/tmp/wt/base' }) }),
      info: (line) => lines.push(line),
      worktreeExists: () => true,
      removeWorktree: (root, directory) => removed.push(`${root} ${directory}`),
    });
    expect(removed).toEqual(['/repo /tmp/wt/base']);
    expect(lines).toEqual(['Removed the baseline worktree /tmp/wt/base left by the main step']);
  });

  test('is quiet and calls nothing when the main step left nothing', async () => {
    const fake = fakeDocker([]);
    const lines: string[] = [];
    await runPost({ docker: fake.docker, getState: stateOf({}), info: (line) => lines.push(line) });
    expect(lines).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  test('a docker client that cannot be started does not fail the post step', async () => {
    const broken = {
      run: async () => {
        throw new Error('the docker client "docker" is not installed or not on PATH');
      },
    } as unknown as Docker;
    await expect(
      runPost({ docker: broken, getState: stateOf({ 'smoke-container': 'x', owner: 'runner:42' }), info: () => undefined }),
    ).resolves.toBeUndefined();
  });
});
