import { buildArgv, failingStepOutput, failureDetails } from '../../../src/docker/build.js';

describe('buildArgv', () => {
  test.each([
    [{ context: '.', buildArgs: [] }, 'classic', ['build', '--force-rm', '--iidfile', '/t/iid', '.']],
    [{ context: 'app', buildArgs: [] }, 'buildx', ['buildx', 'build', '--load', '--progress=plain', '--iidfile', '/t/iid', 'app']],
    [
      { context: 'app', dockerfile: 'app/Dockerfile.prod', target: 'final', buildArgs: ['A=1', 'B=2'], tag: 'app:ci' },
      'classic',
      [
        'build',
        '--force-rm',
        '--iidfile',
        '/t/iid',
        '--file',
        'app/Dockerfile.prod',
        '--target',
        'final',
        '--build-arg',
        'A=1',
        '--build-arg',
        'B=2',
        '--tag',
        'app:ci',
        'app',
      ],
    ],
  ] as const)('%j with %s', (request, builder, argv) => {
    expect(buildArgv({ ...request, buildArgs: [...request.buildArgs] }, builder, '/t/iid')).toEqual(argv);
  });
});

describe('failingStepOutput', () => {
  test('classic builder: the lines after the last step header', () => {
    const log = [
      'Step 1/3 : FROM x',
      ' ---> abc',
      'Step 2/3 : RUN make',
      ' ---> Running in 123',
      'make: *** No rule',
      "The command '/bin/sh -c make' returned a non-zero code: 2",
    ];
    expect(failingStepOutput(log)).toEqual(log.slice(2));
  });

  test('BuildKit: the lines of the step marked ERROR', () => {
    const log = [
      '#5 [2/3] RUN true',
      '#5 DONE 0.1s',
      '#6 [3/3] RUN make',
      '#6 0.2 make: *** No rule',
      '#6 ERROR: process "/bin/sh -c make" did not complete',
      '#7 other',
    ];
    expect(failingStepOutput(log)).toEqual([
      '#6 [3/3] RUN make',
      '#6 0.2 make: *** No rule',
      '#6 ERROR: process "/bin/sh -c make" did not complete',
    ]);
  });

  test('keeps only the last lines of a long step', () => {
    const log = ['Step 1/1 : RUN noisy', ...Array.from({ length: 100 }, (_, index) => `line ${index}`)];
    const output = failingStepOutput(log, 10);
    expect(output).toHaveLength(10);
    expect(output.at(-1)).toBe('line 99');
  });
});

describe('failureDetails', () => {
  test('the failing step, without the last line the error message repeats', () => {
    const log = [
      'Step 2/3 : RUN echo fine',
      'fine',
      'Step 3/3 : RUN make',
      ' ---> Running in 123',
      'make: *** No rule',
      "The command '/bin/sh -c make' returned a non-zero code: 2",
    ];
    expect(failureDetails(log, "The command '/bin/sh -c make' returned a non-zero code: 2")).toEqual([
      'Step 3/3 : RUN make',
      ' ---> Running in 123',
      'make: *** No rule',
    ]);
  });

  test('a last line that says something else stays', () => {
    expect(failureDetails(['Step 1/1 : RUN x', 'boom'], 'exited with code 1')).toEqual(['Step 1/1 : RUN x', 'boom']);
  });
});
