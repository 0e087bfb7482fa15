// Finding out what the Docker installation can do: is an engine answering, and which builder to use.
import { Docker, DockerError } from './exec.js';
import { GateError } from '../errors.js';

export type Builder = 'buildx' | 'classic';

/**
 * The two questions about the installation, asked at once and answered separately, so that the build waits
 * only for the builder (a local plugin check) and never for the engine's version (a round trip to dockerd).
 * A missing engine makes the first real docker call fail too; the gate then awaits `serverVersion`, whose
 * reason (engine down, socket permission, no client) is the clearer one to give.
 */
export interface EngineProbe {
  /** Rejects with a GateError naming the problem and what to do. */
  serverVersion: Promise<string>;
  builder: Promise<Builder>;
}

export function probeEngine(docker: Docker, options: { needsBuilder: boolean }): EngineProbe {
  const serverVersion = docker.text(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30_000 }).catch((error: unknown) => {
    const reason = error instanceof DockerError ? error.message : String(error);
    const hint = /permission denied/i.test(reason)
      ? 'add this user to the docker group or run as root'
      : /not installed|not on PATH/.test(reason)
        ? 'install Docker (on Debian: apt-get install docker.io)'
        : 'start the Docker engine (dockerd) or set DOCKER_HOST';
    throw new GateError('docker', `the Docker engine is not reachable (${reason}); ${hint}`, { cause: error });
  });
  // Handled here so that a run that never needs the answer does not end on an unhandled rejection.
  serverVersion.catch(() => undefined);
  const builder: Promise<Builder> = options.needsBuilder
    ? docker.run(['buildx', 'version'], { allowFailure: true, timeoutMs: 30_000 }).then(
        (answer) => (answer.exitCode === 0 ? 'buildx' : 'classic'),
        () => 'classic',
      )
    : Promise.resolve('classic');
  return { serverVersion, builder };
}
