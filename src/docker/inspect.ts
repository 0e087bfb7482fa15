// Reading an image's metadata (docker image inspect) and files from its filesystem (docker create + cp).
import { TarFormatError, TarReader } from '../analysis/tar.js';
import { BackgroundWork } from '../background.js';
import { Docker, DockerError } from './exec.js';
import { GateError } from '../errors.js';

export interface ImageMetadata {
  id: string;
  /** Uncompressed size in bytes, exactly as `docker image inspect` reports `.Size`. */
  sizeBytes: number;
  /** Number of filesystem layers (RootFS.Layers). */
  layerCount: number;
  /** Config.User as written in the image ('' when unset). */
  user: string;
  /** Exposed ports as `8080/tcp` strings. */
  exposedPorts: string[];
  /** Paths the image declares as VOLUME, exactly as written (untrusted). */
  volumes: string[];
  os: string;
  architecture: string;
  repoTags: string[];
}

interface RawInspect {
  Id: string;
  Size: number;
  RepoTags?: string[] | null;
  Os?: string;
  Architecture?: string;
  RootFS?: { Layers?: string[] | null };
  Config?: { User?: string; ExposedPorts?: Record<string, unknown> | null; Volumes?: Record<string, unknown> | null } | null;
}

/** Pure: the fields the gate uses from one `docker image inspect` object. */
export function parseInspect(raw: RawInspect): ImageMetadata {
  return {
    id: raw.Id,
    sizeBytes: raw.Size,
    layerCount: raw.RootFS?.Layers?.length ?? 0,
    user: raw.Config?.User ?? '',
    exposedPorts: Object.keys(raw.Config?.ExposedPorts ?? {}),
    volumes: Object.keys(raw.Config?.Volumes ?? {}),
    os: raw.Os ?? '',
    architecture: raw.Architecture ?? '',
    repoTags: raw.RepoTags ?? [],
  };
}

/** The image is not in the local engine (it may still be pulled). */
export class ImageNotFoundError extends GateError {}

export async function inspectImage(docker: Docker, reference: string): Promise<ImageMetadata> {
  let text: string;
  try {
    text = await docker.text(['image', 'inspect', '--format', '{{json .}}', reference]);
  } catch (error) {
    if (error instanceof DockerError && /no such image/i.test(error.message)) {
      throw new ImageNotFoundError(
        'image',
        `image "${reference}" does not exist locally; build or pull it first, or leave image empty to build the Dockerfile`,
        { cause: error },
      );
    }
    throw new GateError('image', `could not inspect image "${reference}": ${(error as Error).message}`, { cause: error });
  }
  return parseInspect(JSON.parse(text) as RawInspect);
}

/**
 * Reads one regular file from an image without running it: creates a stopped container, copies the file
 * out as a tar stream, and always removes the container. Returns undefined when the file does not exist.
 */
export async function readImageFile(
  docker: Docker,
  imageId: string,
  filePath: string,
  options: { maxBytes?: number; background?: BackgroundWork } = {},
): Promise<Buffer | undefined> {
  const maxBytes = options.maxBytes ?? 1 << 20;
  // The command is never run; it only lets `docker create` accept images that have no CMD (FROM scratch).
  const containerId = await docker.text(['create', '--label', 'image-size-gate=read-file', imageId, '/image-size-gate-never-runs']);
  try {
    const copied = await docker.run(['cp', `${containerId}:${filePath}`, '-'], { allowFailure: true });
    if (copied.exitCode !== 0) {
      if (/could not find|no such file|not found/i.test(copied.stderr)) return undefined;
      throw new GateError('user', `could not read ${filePath} from the image: ${copied.stderr.trim()}`);
    }
    try {
      return firstRegularFile(copied.stdout, maxBytes);
    } catch (error) {
      if (!(error instanceof TarFormatError)) throw error;
      throw new GateError('user', `could not read ${filePath} from the image: docker cp gave an unreadable tar stream (${error.message})`);
    }
  } finally {
    const removal = docker.run(['rm', '--force', '--volumes', containerId], { allowFailure: true });
    if (options.background) options.background.start(removal);
    else await removal;
  }
}

function firstRegularFile(archive: Buffer, maxBytes: number): Buffer | undefined {
  let found: Buffer | undefined;
  const reader = new TarReader((header) => {
    if (found !== undefined || (header.type !== 'file' && header.type !== 'contiguous-file')) return undefined;
    const parts: Buffer[] = [];
    let length = 0;
    return {
      data: (chunk) => {
        if (length < maxBytes) parts.push(chunk);
        length += chunk.length;
      },
      end: () => (found = Buffer.concat(parts).subarray(0, maxBytes)),
    };
  });
  reader.write(archive);
  reader.end();
  return found;
}
