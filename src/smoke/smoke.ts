// The smoke test: start the image hardened, wait until it answers over HTTP, check the answer, time it,
// and always remove the container. Nothing the container does may reach the runner's disk: its root is
// read-only, every writable path (/tmp and each VOLUME the image declares) is a tmpfs inside its memory limit,
// swap is off and its log is capped.
import net, { AddressInfo } from 'node:net';
import { BackgroundWork } from '../common/background.js';
import {
  ContainerState,
  containerLogTail,
  containerState,
  dockerRunFailure,
  mainProcessIds,
  ownerLabel,
  removeContainer,
} from '../docker/container.js';
import { Docker } from '../docker/exec.js';
import { SMOKE_LIMITS, smokeContainerName, smokeRunArgv, SmokeRun, volumeCovers } from '../docker/smoke-run.js';
import { GateError } from '../common/errors.js';
import { SmokeOptions } from '../inputs/options.js';
import { httpGet, ProbeError, REQUEST_TIMEOUT_MS, SmokeAnswer } from './probe.js';

export type { SmokeAnswer } from './probe.js';

const POLL_INTERVAL_MS = 5;
const STATE_CHECK_INTERVAL_MS = 250;
/** A probe the deadline cut shorter than this says nothing about the app; an earlier failure is the better reason. */
const SHORTEST_TELLING_PROBE_MS = 1_000;
/** How docker says the host port was taken after the gate picked it; the start is then tried again. */
const PORT_TAKEN = /port is already allocated|address already in use/i;
const PORT_ATTEMPTS = 3;

export type PortChoice = { port: number; source: 'smoke-port' | 'EXPOSE' } | { skip: string };

/** Pure: which container port to probe, or why the smoke test is skipped. Throws when `smoke: true` cannot run. */
export function chooseSmokePort(smoke: SmokeOptions, exposedPorts: string[]): PortChoice {
  if (smoke.mode === 'false') return { skip: 'smoke is false' };
  if (smoke.port !== undefined) return { port: smoke.port, source: 'smoke-port' };
  const tcpPorts = exposedPorts
    .map((spec) => /^(\d+)(?:\/(\w+))?$/.exec(spec))
    .filter((match): match is RegExpExecArray => match !== null && (match[2] ?? 'tcp').toLowerCase() === 'tcp')
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  if (tcpPorts.length > 0) return { port: tcpPorts[0], source: 'EXPOSE' };
  const why =
    exposedPorts.length > 0
      ? `the image EXPOSEs only non-TCP ports (${exposedPorts.join(', ')}) and smoke-port is not set`
      : 'the image EXPOSEs no port and smoke-port is not set';
  if (smoke.mode === 'true') {
    throw new GateError('smoke', `smoke is true but ${why}; set smoke-port to the container's HTTP port (e.g. smoke-port: 8080)`);
  }
  return { skip: why };
}

export interface SmokeResult {
  port: number;
  path: string;
  passed: boolean;
  /** Milliseconds from `docker run` to the first good answer (passed only). */
  startupMs?: number;
  /** The last answer received, good or bad. */
  answer?: SmokeAnswer;
  /** Why it failed, in one line. */
  failure?: string;
  /** The container's own last log lines, when it failed (untrusted text). */
  containerLog: string[];
  /** The uid and gid the container's main process ran as, read once it answered (undefined when unknown). */
  runtimeUid?: number;
  runtimeGid?: number;
}

/** Pure: does an answer satisfy the expectations? Returns the reason when it does not. */
export function judgeAnswer(answer: SmokeAnswer, smoke: SmokeOptions): string | undefined {
  if (answer.status !== smoke.expectStatus) {
    const redirect = answer.location ? ` (a redirect to ${answer.location}; the probe does not follow redirects)` : '';
    return `answered HTTP ${answer.status}${redirect}, expected ${smoke.expectStatus}`;
  }
  if (smoke.expectBody !== undefined && !answer.body.includes(smoke.expectBody)) {
    return `answered HTTP ${answer.status} but the body does not contain ${JSON.stringify(smoke.expectBody)}`;
  }
  return undefined;
}

export interface SmokeHooks {
  /** Called once the container exists, with its name (the post step removes it if the run is killed). */
  onContainer?: (name: string) => void;
  onProgress?: (message: string) => void;
  now?: () => number;
  /**
   * Where the container's removal goes once the answer is in, so that it overlaps the gate's next work;
   * without it the removal is awaited before runSmokeTest returns.
   */
  background?: BackgroundWork;
}

/** What the smoke test needs of the image: its id and the VOLUMEs it declares. */
export interface SmokeImage {
  id: string;
  volumes: string[];
}

export async function runSmokeTest(
  docker: Docker,
  image: SmokeImage,
  port: number,
  smoke: SmokeOptions,
  hooks: SmokeHooks = {},
): Promise<SmokeResult> {
  const now = hooks.now ?? (() => performance.now());
  const result: SmokeResult = { port, path: smoke.path, passed: false, containerLog: [] };
  const covers = volumeCovers(image.volumes);
  if ('refused' in covers) {
    result.failure = `the container was not started: ${covers.refused}, so its writes could not be kept off the runner's disk`;
    return result;
  }
  const name = smokeContainerName();
  hooks.onContainer?.(name);
  const run = {
    imageId: image.id,
    containerName: name,
    containerPort: port,
    env: smoke.env,
    volumeTmpfs: covers.tmpfs,
    ownerLabel: ownerLabel(),
  };
  try {
    const started = await startContainer(docker, run, now);
    if ('failure' in started) {
      result.failure = `docker run failed: ${started.failure}`;
      return result;
    }
    const outcome = await awaitAnswer(docker, name, port, started, smoke, now);
    result.answer = outcome.answer;
    if ('answeredAt' in outcome) {
      result.passed = true;
      result.startupMs = Math.round(outcome.answeredAt - started.startedAt);
      await checkAfterAnswer(docker, name, result);
      return result;
    }
    result.failure = outcome.failure;
    result.containerLog = await containerLogTail(docker, name);
    return result;
  } finally {
    const removal = removeContainer(docker, name);
    if (hooks.background) hooks.background.start(removal);
    else await removal;
  }
}

type Started = { hostPort: number; startedAt: number } | { failure: string };

/**
 * Starts the container on a host port the gate picked itself, before the clock starts, so that no
 * `docker port` call sits between the start and the first probe. Another process may take the port in
 * between: then docker says so, and the start is retried on a new port.
 */
async function startContainer(docker: Docker, run: Omit<SmokeRun, 'hostPort'>, now: () => number): Promise<Started> {
  for (let attempt = 1; ; attempt += 1) {
    const hostPort = await freeLoopbackPort();
    const startedAt = now();
    const started = await docker.run(smokeRunArgv({ ...run, hostPort }), { allowFailure: true });
    if (started.exitCode === 0) return { hostPort, startedAt };
    if (!PORT_TAKEN.test(started.stderr) || attempt >= PORT_ATTEMPTS) return { failure: dockerRunFailure(started.stderr) };
    await removeContainer(docker, run.containerName);
  }
}

type Outcome = { answer: SmokeAnswer; answeredAt: number } | { answer?: SmokeAnswer; failure: string };

/** Probes until a good answer, the container stops, or the deadline; never waits on docker between probes. */
async function awaitAnswer(
  docker: Docker,
  name: string,
  port: number,
  started: { hostPort: number; startedAt: number },
  smoke: SmokeOptions,
  now: () => number,
): Promise<Outcome> {
  const deadline = started.startedAt + smoke.timeoutMs;
  const dockerRunMs = now() - started.startedAt;
  const watcher = watchContainer(docker, name, now);
  let answer: SmokeAnswer | undefined;
  let problem: ProbeError | undefined;
  while (now() < deadline) {
    const limitMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(1, deadline - now()));
    try {
      answer = await httpGet(started.hostPort, smoke.path, limitMs);
      const answeredAt = now();
      if (judgeAnswer(answer, smoke) === undefined) return { answer, answeredAt };
    } catch (error) {
      const probeError = error instanceof ProbeError ? error : new ProbeError('other', 0, (error as Error).message);
      // The last probe before the deadline gets what time is left; its time-out is no reason when there is another.
      if (!problem || probeError.kind !== 'timeout' || limitMs >= SHORTEST_TELLING_PROBE_MS) problem = probeError;
    }
    const stopped = watcher.verdict();
    if (stopped) return { answer, failure: stopped };
    watcher.poll();
    await sleep(POLL_INTERVAL_MS);
  }
  await watcher.settle();
  const stopped = watcher.verdict();
  if (stopped && !answer) return { failure: stopped };
  if (answer) return { answer, failure: `no good answer within ${smoke.timeoutMs} ms: the last one ${judgeAnswer(answer, smoke)}` };
  return { failure: noAnswerFailure(port, smoke.timeoutMs, problem ?? dockerRunMs) };
}

/**
 * Pure: the one line for a smoke test that got no answer, from the last probe failure worth telling, or, when
 * `docker run` itself used up the time (a busy engine), how long it took.
 */
export function noAnswerFailure(port: number, timeoutMs: number, problem: ProbeError | number): string {
  const within = `nothing answered on port ${port} within ${timeoutMs} ms`;
  if (typeof problem === 'number')
    return `${within} (docker run itself took ${Math.round(problem)} ms, so no probe could be made; a longer smoke-timeout gives the container time)`;
  // Docker's userland proxy accepts on the published port, then closes or resets when nothing in the container listens.
  const hint =
    problem.kind === 'closed' || problem.kind === 'reset'
      ? "; Docker's proxy accepts on the published port, then drops the connection while nothing in the container listens"
      : '';
  return `${within} (last attempt: ${problem.message}${hint})`;
}

/**
 * Checks the container's state in the background, so probing never waits for `docker inspect` (tens of
 * milliseconds) and the start-up figure is not rounded up by it. Its verdict is why the smoke test must stop:
 * the container stopped, or the engine gave it a volume on the host's disk after all.
 */
function watchContainer(docker: Docker, name: string, now: () => number) {
  let lastCheckAt = now();
  let check: Promise<void> | undefined;
  let verdict: string | undefined;
  return {
    poll(): void {
      if (check || verdict || now() - lastCheckAt < STATE_CHECK_INTERVAL_MS) return;
      lastCheckAt = now();
      check = containerState(docker, name)
        .then((state) => (verdict = stateProblem(state)))
        .catch(() => undefined)
        .then(() => (check = undefined));
    },
    verdict: () => verdict,
    settle: async () => void (await check),
  };
}

/** Pure: why a container in this state cannot pass the smoke test, if it cannot. */
export function stateProblem(state: ContainerState): string | undefined {
  if (state.hostMounts.length > 0)
    return `the engine gave the container storage on the host's disk (${state.hostMounts.join(', ')}), which the smoke test does not allow`;
  if (state.status === 'running') return undefined;
  const oom = state.oomKilled ? `, killed for exceeding the ${SMOKE_LIMITS.memory} memory limit` : '';
  return `the container stopped before answering (status ${state.status}, exit code ${state.exitCode}${oom})`;
}

/**
 * After a good answer, outside the start-up window: which uid the main process really got, and (at the same
 * time) that the engine gave the container no storage on the host's disk.
 */
async function checkAfterAnswer(docker: Docker, name: string, result: SmokeResult): Promise<void> {
  const [ids, state] = await Promise.all([mainProcessIds(docker, name), containerState(docker, name).catch(() => undefined)]);
  result.runtimeUid = ids?.uid;
  result.runtimeGid = ids?.gid;
  if (state && state.hostMounts.length > 0) {
    result.passed = false;
    result.startupMs = undefined;
    result.failure = stateProblem(state);
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on at this moment (the kernel picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
