// Building the image: pure argv construction, and the call that streams the log and reads the image id.
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastErrorLine } from '../exec/process.js';
import { Docker, DockerError } from './exec.js';
import { LineTail } from '../exec/bounded-output.js';
import { Builder } from './engine.js';
import { visible } from '../common/escape.js';
import { GateError } from '../common/errors.js';
import { GateOptions } from '../inputs/options.js';

/** What a build takes, spelled as the inputs are (the context and Dockerfile may be a baseline worktree's). */
export type BuildRequest = Pick<GateOptions, 'context' | 'dockerfile' | 'target' | 'buildArgs' | 'tag' | 'builder'> &
  Partial<Pick<GateOptions, 'platforms'>>;

/** docker argv for a build that writes the image id to `iidFile`. */
export function buildArgv(request: BuildRequest, builder: Builder, iidFile: string): string[] {
  // The classic builder keeps the container of a failed step unless told --force-rm; leave nothing behind.
  const argv = builder === 'buildx' ? ['buildx', 'build', '--load', '--progress=plain'] : ['build', '--force-rm'];
  argv.push('--iidfile', iidFile);
  if (builder === 'buildx' && request.builder) argv.push('--builder', request.builder);
  if (request.platforms && request.platforms.length > 0) argv.push('--platform', request.platforms.join(','));
  if (request.dockerfile) argv.push('--file', request.dockerfile);
  if (request.target) argv.push('--target', request.target);
  for (const arg of request.buildArgs) argv.push('--build-arg', arg);
  if (request.tag) argv.push('--tag', request.tag);
  argv.push(request.context);
  return argv;
}

/**
 * The output of the step that failed, from a build log: the lines after the last step header
 * (`Step 3/7 : RUN ...` for the classic builder, `#7 [build 3/5] RUN ...` for BuildKit), last `maxLines` of them.
 */
export function failingStepOutput(logLines: string[], maxLines = 25): string[] {
  let start = 0;
  let failingBuildkitStep: string | undefined;
  for (let index = logLines.length - 1; index >= 0; index -= 1) {
    const errorMatch = /^#(\d+) ERROR/.exec(logLines[index]);
    if (errorMatch) failingBuildkitStep = errorMatch[1];
  }
  if (failingBuildkitStep !== undefined) {
    const prefix = `#${failingBuildkitStep} `;
    return logLines.filter((line) => line.startsWith(prefix)).slice(-maxLines);
  }
  for (let index = logLines.length - 1; index >= 0; index -= 1) {
    if (/^Step \d+\/\d+ :/.test(logLines[index])) {
      start = index;
      break;
    }
  }
  return logLines
    .slice(start)
    .filter((line) => line.trim() !== '')
    .slice(-maxLines);
}

/** Lines of build log kept for the failure output: enough to find the failing step's start. Each is bounded too. */
const KEPT_LOG_LINES = 200;

/**
 * What the failure adds to the log, which has streamed the whole build already: the failing step's output, minus
 * a last line that only repeats the error message printed right after it.
 */
export function failureDetails(keptLines: string[], errorMessage: string, maxLines = 25): string[] {
  const output = failingStepOutput(keptLines, maxLines);
  if (output.length > 0 && lastErrorLine(output[output.length - 1]) === errorMessage) output.pop();
  return output;
}

export interface BuildResult {
  imageId: string;
  durationMs: number;
}

export async function buildImage(
  docker: Docker,
  builder: Builder,
  request: BuildRequest,
  onLine: (line: string) => void,
): Promise<BuildResult> {
  await checkBuildInputs(request);
  const workDir = await mkdtemp(path.join(tmpdir(), 'image-size-gate-build-'));
  // A cancelled run ends in process.exit() from the signal handler, before the finally below runs.
  const removeOnExit = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const iidFile = path.join(workDir, 'iid');
  const keptLines = new LineTail(KEPT_LOG_LINES);
  const started = performance.now();
  try {
    await docker.run(buildArgv(request, builder, iidFile), {
      // The classic builder must be asked for explicitly: a DOCKER_BUILDKIT=1 in the environment makes a client
      // without buildx fail instead of building.
      env: builder === 'classic' ? { DOCKER_BUILDKIT: '0' } : {},
      // The log is streamed line by line and not kept: only its last lines, for the failure output.
      onLine: (line) => {
        keptLines.push(line);
        onLine(line);
      },
    });
    const imageId = (await readFile(iidFile, 'utf8')).trim();
    if (!imageId) throw new GateError('build', 'the build finished but reported no image id');
    return { imageId, durationMs: performance.now() - started };
  } catch (error) {
    if (error instanceof DockerError) {
      const details = failureDetails(keptLines.lines(), error.message);
      throw new GateError('build', `docker build failed: ${error.message}`, { cause: error, details });
    }
    throw error;
  } finally {
    process.off('exit', removeOnExit);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function checkBuildInputs(request: BuildRequest): Promise<void> {
  const contextStat = await stat(request.context).catch(() => undefined);
  if (!contextStat?.isDirectory()) {
    throw new GateError(
      'build',
      `context "${visible(request.context, 200)}" is not a directory; set context to the folder to build (e.g. context: .)`,
    );
  }
  const dockerfile = request.dockerfile ?? path.join(request.context, 'Dockerfile');
  const dockerfileStat = await stat(dockerfile).catch(() => undefined);
  if (!dockerfileStat?.isFile()) {
    throw new GateError(
      'build',
      `Dockerfile "${dockerfile}" was not found; set dockerfile to its path (e.g. dockerfile: ${path.join(request.context, 'Dockerfile')}) or image to a built image`,
    );
  }
}
