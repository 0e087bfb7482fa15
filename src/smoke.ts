// The smoke test: start the image hardened, wait until it answers over HTTP, check the answer, time it,
// and always remove the container.
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { BackgroundWork } from './background.js';
import { Docker, lastErrorLine } from './docker/exec.js';
import { GateError } from './errors.js';
import { SmokeOptions } from './inputs.js';

/** Largest body the probe reads; an endless stream is cut here. */
export const BODY_READ_CAP_BYTES = 64 * 1024;
/** Longest one probe request may take before it is abandoned and retried. */
export const REQUEST_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 5;
const STATE_CHECK_INTERVAL_MS = 250;
/** How docker says the host port was taken after the gate picked it; the start is then tried again. */
const PORT_TAKEN = /port is already allocated|address already in use/i;
const PORT_ATTEMPTS = 3;

export const SMOKE_LIMITS = { memory: '512m', pids: 256, tmpfsSize: '64m', cpus: '1' } as const;

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

/** Pure: the docker argv that starts the smoke container with the hardened settings, published on `hostPort` of 127.0.0.1. */
export function smokeRunArgv(imageId: string, containerName: string, port: number, hostPort: number, env: string[]): string[] {
  const argv = [
    'run',
    '--detach',
    '--name',
    containerName,
    '--label',
    'image-size-gate=smoke',
    '--read-only',
    '--tmpfs',
    `/tmp:rw,nosuid,nodev,size=${SMOKE_LIMITS.tmpfsSize}`,
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--memory',
    SMOKE_LIMITS.memory,
    '--pids-limit',
    String(SMOKE_LIMITS.pids),
    '--cpus',
    SMOKE_LIMITS.cpus,
    '--publish',
    `127.0.0.1:${hostPort}:${port}`,
  ];
  for (const pair of env) argv.push('--env', pair);
  argv.push(imageId);
  return argv;
}

export function smokeContainerName(): string {
  return `image-size-gate-smoke-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export interface SmokeAnswer {
  status: number;
  body: string;
  /** True when the body was longer than BODY_READ_CAP_BYTES and was cut. */
  truncated: boolean;
  location?: string;
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

export async function runSmokeTest(
  docker: Docker,
  imageId: string,
  port: number,
  smoke: SmokeOptions,
  hooks: SmokeHooks = {},
): Promise<SmokeResult> {
  const now = hooks.now ?? (() => performance.now());
  const name = smokeContainerName();
  const result: SmokeResult = { port, path: smoke.path, passed: false, containerLog: [] };
  hooks.onContainer?.(name);
  // The gate picks the host port itself, before the clock starts, so that no `docker port` call sits between
  // the container's start and the first probe. Another process may take the port in between: then docker
  // says so, and the start is retried on a new port.
  let hostPort = await freeLoopbackPort();
  let startedAt = now();
  try {
    let started = await docker.run(smokeRunArgv(imageId, name, port, hostPort, smoke.env), { allowFailure: true });
    for (let attempt = 1; started.exitCode !== 0 && PORT_TAKEN.test(started.stderr) && attempt < PORT_ATTEMPTS; attempt += 1) {
      await docker.run(['rm', '--force', '--volumes', name], { allowFailure: true });
      hostPort = await freeLoopbackPort();
      startedAt = now();
      started = await docker.run(smokeRunArgv(imageId, name, port, hostPort, smoke.env), { allowFailure: true });
    }
    if (started.exitCode !== 0) {
      result.failure = `docker run failed: ${lastErrorLine(started.stderr) || `exit code ${started.exitCode}`}`;
      return result;
    }
    const deadline = startedAt + smoke.timeoutMs;
    let lastProblem = 'nothing answered';
    // The container's state is checked in the background, so probing never waits for `docker inspect`
    // (tens of milliseconds) and the start-up figure is not rounded up by it.
    let lastStateCheck = now();
    let stateCheck: Promise<ContainerState> | undefined;
    let stoppedState: ContainerState | undefined;
    while (now() < deadline) {
      const remainingMs = Math.max(1, deadline - now());
      try {
        const answer = await httpGet(hostPort, smoke.path, Math.min(REQUEST_TIMEOUT_MS, remainingMs));
        const answeredAt = now();
        result.answer = answer;
        const problem = judgeAnswer(answer, smoke);
        if (problem === undefined) {
          result.passed = true;
          result.startupMs = Math.round(answeredAt - startedAt);
          return result;
        }
        lastProblem = problem;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      if (stoppedState) {
        result.failure = stoppedReason(stoppedState);
        result.containerLog = await containerLogTail(docker, name);
        return result;
      }
      if (!stateCheck && now() - lastStateCheck >= STATE_CHECK_INTERVAL_MS) {
        lastStateCheck = now();
        stateCheck = containerState(docker, name).then((state) => {
          if (state.status !== 'running') stoppedState = state;
          stateCheck = undefined;
          return state;
        });
        stateCheck.catch(() => (stateCheck = undefined));
      }
      await sleep(POLL_INTERVAL_MS);
    }
    await stateCheck?.catch(() => undefined);
    result.failure = result.answer
      ? `no good answer within ${smoke.timeoutMs} ms: the last one ${judgeAnswer(result.answer, smoke)}`
      : `nothing answered on port ${port} within ${smoke.timeoutMs} ms (last attempt: ${lastProblem})`;
    result.containerLog = await containerLogTail(docker, name);
    return result;
  } finally {
    const removal = docker.run(['rm', '--force', '--volumes', name], { allowFailure: true });
    if (hooks.background) hooks.background.start(removal);
    else await removal;
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

type ContainerState = { status: string; exitCode: number; oomKilled: boolean };

function stoppedReason(state: ContainerState): string {
  const oom = state.oomKilled ? `, killed for exceeding the ${SMOKE_LIMITS.memory} memory limit` : '';
  return `the container stopped before answering (status ${state.status}, exit code ${state.exitCode}${oom})`;
}

async function containerState(docker: Docker, name: string): Promise<ContainerState> {
  const text = await docker.text(['container', 'inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}', name]);
  const [status, exitCode, oomKilled] = text.split(' ');
  return { status, exitCode: Number(exitCode), oomKilled: oomKilled === 'true' };
}

async function containerLogTail(docker: Docker, name: string, lines = 20): Promise<string[]> {
  const logs = await docker.run(['logs', '--tail', String(lines), name], { allowFailure: true });
  const text = logs.stdout.toString('utf8') + logs.stderr;
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-lines);
}

/** One GET with a hard time limit and a body read cap; never follows redirects. */
export function httpGet(port: number, urlPath: string, timeoutMs: number): Promise<SmokeAnswer> {
  return new Promise((resolve, reject) => {
    // Lenient parsing, as curl is: small servers (busybox httpd CGI, hand-written ones) end header lines with
    // a bare LF, and a smoke test is about whether the app answers, not about its HTTP hygiene.
    const request = http.get({
      host: '127.0.0.1',
      port,
      path: urlPath,
      agent: false,
      insecureHTTPParser: true,
      headers: { connection: 'close', 'user-agent': 'image-size-gate' },
    });
    // Reject first, then tear down: whatever error the teardown raises, the time-out is the reason.
    const timer = setTimeout(() => {
      reject(new Error(`no complete answer within ${Math.round(timeoutMs)} ms`));
      request.destroy();
    }, timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      let truncated = false;
      const finish = () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          location: typeof response.headers.location === 'string' ? response.headers.location : undefined,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = BODY_READ_CAP_BYTES - length;
        chunks.push(chunk.subarray(0, room));
        length += Math.min(room, chunk.length);
        if (chunk.length >= room) {
          truncated = true;
          finish();
          request.destroy();
        }
      });
      response.on('end', () => {
        if (!truncated) finish();
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
