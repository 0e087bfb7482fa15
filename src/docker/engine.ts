// Finding out what the Docker installation can do: is an engine answering, and which builder to use.
import { Docker, DockerError } from './exec.js';
import { GateError } from '../common/errors.js';

export type Builder = 'buildx' | 'classic';

/**
 * Where the engine keeps images. On the classic store `docker image inspect .Size` is the layers' own bytes;
 * on the containerd store (Docker 29's default on fresh installs) it is something else (the compressed blobs,
 * or blobs plus unpacked layers, depending on the version), so the gate never takes it as the image's size.
 * An image read from a file (`archive`) or straight from a registry (`registry`) was measured without an
 * engine's store: its figures come from the archive's or the registry's own documents and blobs.
 */
export const IMAGE_STORES = ['classic', 'containerd', 'archive', 'registry'] as const;
export type ImageStore = (typeof IMAGE_STORES)[number];

export interface EngineInfo {
  version: string;
  /** The storage driver `docker info` names (overlay2, overlayfs, ...). */
  storageDriver: string;
  imageStore: ImageStore;
  /** `os/arch` of the engine's own platform (what it runs without emulation), when it says. */
  platform?: string;
  /** The Go release dockerd was built with (`go1.27.1`): its compress/gzip is what `docker push` compresses with. */
  goVersion?: string;
}

interface RawVersion {
  Os?: string;
  Arch?: string;
  GoVersion?: string;
}

interface RawInfo {
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
}

/** What the report says measured an image no engine held: the archive or the registry itself. */
export function engineless(source: 'archive' | 'registry'): EngineInfo {
  return { version: 'none', storageDriver: 'none', imageStore: source };
}

/** Pure: the engine facts the gate uses from `docker info` (and `docker version`'s server part, when it answered). */
export function parseEngineInfo(raw: RawInfo, version: RawVersion = {}): EngineInfo {
  const driverType = (raw.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1] ?? '';
  return {
    version: raw.ServerVersion ?? 'unknown',
    storageDriver: raw.Driver ?? 'unknown',
    imageStore: driverType.startsWith('io.containerd.snapshotter') ? 'containerd' : 'classic',
    ...(version.Os && version.Arch ? { platform: `${version.Os}/${version.Arch}` } : {}),
    ...(version.GoVersion ? { goVersion: version.GoVersion } : {}),
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
  // The server's platform and Go release; an engine too old or odd to say them is still an engine.
  const serverFormat = '{"Os":{{json .Server.Os}},"Arch":{{json .Server.Arch}},"GoVersion":{{json .Server.GoVersion}}}';
  const version = docker.text(['version', '--format', serverFormat], { timeoutMs: 30_000 }).then(
    (text) => JSON.parse(text) as RawVersion,
    () => ({}),
  );
  const engine = docker
    .text(['info', '--format', format], { timeoutMs: 30_000 })
    .then(async (text) => parseEngineInfo(JSON.parse(text) as RawInfo, await version))
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
