// Finding out what the Docker installation can do: is an engine answering, and which builder to use.
import { Docker, DockerError } from './exec.js';
import { GateError } from '../common/errors.js';

export type Builder = 'buildx' | 'classic';

/**
 * Where the engine keeps images. On the classic store `docker image inspect .Size` is the layers' own bytes;
 * on the containerd store (Docker 29's default on fresh installs) it is something else (the compressed blobs,
 * or blobs plus unpacked layers, depending on the version), so the gate never takes it as the image's size.
 */
export type ImageStore = 'classic' | 'containerd';

export interface EngineInfo {
  version: string;
  /** The storage driver `docker info` names (overlay2, overlayfs, ...). */
  storageDriver: string;
  imageStore: ImageStore;
}

interface RawInfo {
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
}

/** Pure: the engine facts the gate uses from `docker info`. */
export function parseEngineInfo(raw: RawInfo): EngineInfo {
  const driverType = (raw.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1] ?? '';
  return {
    version: raw.ServerVersion ?? 'unknown',
    storageDriver: raw.Driver ?? 'unknown',
    imageStore: driverType.startsWith('io.containerd.snapshotter') ? 'containerd' : 'classic',
  };
}

/**
 * The two questions about the installation, asked at once and answered separately, so that the build waits
 * only for the builder (a local plugin check) and never for the engine's version (a round trip to dockerd).
 * A missing engine makes the first real docker call fail too; the gate then awaits `serverVersion`, whose
 * reason (engine down, socket permission, no client) is the clearer one to give.
 */
export interface EngineProbe {
  /** Rejects with a GateError naming the problem and what to do. */
  engine: Promise<EngineInfo>;
  builder: Promise<Builder>;
}

export function probeEngine(docker: Docker, options: { needsBuilder: boolean }): EngineProbe {
  const format = '{"ServerVersion":{{json .ServerVersion}},"Driver":{{json .Driver}},"DriverStatus":{{json .DriverStatus}}}';
  const engine = docker
    .text(['info', '--format', format], { timeoutMs: 30_000 })
    .then((text) => parseEngineInfo(JSON.parse(text) as RawInfo))
    .catch((error: unknown) => {
      const reason = error instanceof DockerError ? error.message : String(error);
      const hint = /permission denied/i.test(reason)
        ? 'add this user to the docker group or run as root'
        : /not installed|not on PATH/.test(reason)
          ? 'install Docker (on Debian: apt-get install docker.io)'
          : 'start the Docker engine (dockerd) or set DOCKER_HOST';
      throw new GateError('docker', `the Docker engine is not reachable (${reason}); ${hint}`, { cause: error });
    });
  // Handled here so that a run that never needs the answer does not end on an unhandled rejection.
  engine.catch(() => undefined);
  const builder: Promise<Builder> = options.needsBuilder
    ? docker.run(['buildx', 'version'], { allowFailure: true, timeoutMs: 30_000 }).then(
        (answer) => (answer.exitCode === 0 ? 'buildx' : 'classic'),
        () => 'classic',
      )
    : Promise.resolve('classic');
  return { engine, builder };
}
