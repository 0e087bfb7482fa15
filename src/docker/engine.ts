// Finding out what the Docker installation can do: is an engine answering, and which builder to use.
import { Docker, DockerError } from './exec.js';
import { GateError } from '../errors.js';

export type Builder = 'buildx' | 'classic';

export interface EngineInfo {
  serverVersion: string;
  builder: Builder;
}

export async function probeEngine(docker: Docker): Promise<EngineInfo> {
  // Both questions at once: each docker call costs a client start (tens of milliseconds).
  const buildxProbe = docker.run(['buildx', 'version'], { allowFailure: true, timeoutMs: 30_000 }).catch(() => undefined);
  let serverVersion: string;
  try {
    serverVersion = await docker.text(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30_000 });
  } catch (error) {
    await buildxProbe;
    const reason = error instanceof DockerError ? error.message : String(error);
    const hint = /permission denied/i.test(reason)
      ? 'add this user to the docker group or run as root'
      : /not installed|not on PATH/.test(reason)
        ? 'install Docker (on Debian: apt-get install docker.io)'
        : 'start the Docker engine (dockerd) or set DOCKER_HOST';
    throw new GateError('docker', `the Docker engine is not reachable (${reason}); ${hint}`, { cause: error });
  }
  const buildx = await buildxProbe;
  return { serverVersion, builder: buildx?.exitCode === 0 ? 'buildx' : 'classic' };
}
