// Reading an image's metadata (docker image inspect); files from its filesystem are read by analysis/image-files.ts.
import { Docker, DockerError } from './exec.js';
import { GateError } from '../common/errors.js';

export interface ImageMetadata {
  id: string;
  /** `docker image inspect .Size`: the layers' own bytes on the classic store only (see gate/measure.ts). */
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
    // All of it is needed, and an image's config (labels, env) can be large: a cap well above any real one.
    text = await docker.text(['image', 'inspect', '--format', '{{json .}}', '--', reference], { maxStdoutBytes: 64 * 1024 * 1024 });
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
