// Reading single files out of an image as a starting container would see them (/etc/passwd and /etc/group for
// the user lookup): docker create, docker cp of each path, the tar stream it writes parsed here, and the
// container always removed.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TarEntrySink, TarFormatError, TarHeader, TarReader } from './tar.js';
import { BackgroundWork } from '../common/background.js';
import { ownerLabel } from '../docker/container.js';
import { lastErrorLine } from '../exec/process.js';
import { Docker, DockerError } from '../docker/exec.js';
import { volumeCovers } from '../docker/smoke-run.js';
import { GateError } from '../common/errors.js';
import { ImageFile, MAX_USER_FILE_BYTES, USER_FILE_PATHS, UserFileName } from '../user/resolve.js';

export interface ReadFileOptions {
  maxBytes?: number;
  /** Where the container's removal goes (awaited before the gate returns); without it, it is awaited here. */
  background?: BackgroundWork;
  /** Told the container's name before it exists, so a killed run can remove it. */
  onContainer?: (name: string) => void;
  /**
   * The image's VOLUMEs: covered by tmpfs mounts, so creating the container writes no anonymous volume (and no
   * copy of the image's files in it) to the host's disk. Those that hold a file to read are left to the engine.
   */
  volumes?: string[];
}

/**
 * Reads files from an image as a starting container would see them, without running it: creates a stopped
 * container (its filesystem then has Docker's init layer too, as at start), copies each path out with
 * symlinks followed inside the container (docker cp -L resolves them as the daemon resolves /etc/passwd),
 * and always removes the container.
 */
export async function readImageFiles(
  docker: Docker,
  imageId: string,
  filePaths: string[],
  options: ReadFileOptions = {},
): Promise<Map<string, ImageFile>> {
  const maxBytes = options.maxBytes ?? MAX_USER_FILE_BYTES;
  const name = `image-size-gate-read-${process.pid}-${randomBytes(4).toString('hex')}`;
  options.onContainer?.(name);
  const files = new Map<string, ImageFile>();
  const holdsAFile = (volume: string) =>
    filePaths.some((filePath) => `${filePath}/`.startsWith(`${path.posix.normalize(volume).replace(/\/+$/, '')}/`));
  const covers = volumeCovers((options.volumes ?? []).filter((volume) => !holdsAFile(volume)));
  if ('refused' in covers) {
    for (const filePath of filePaths)
      files.set(filePath, { kind: 'unreadable', why: `the gate does not create a container of it: ${covers.refused}` });
    return files;
  }
  try {
    // The command is never run; it only lets `docker create` accept images that have no CMD (FROM scratch).
    const tmpfs = covers.tmpfs.flatMap((cover) => ['--tmpfs', cover]);
    const labels = ['--label', 'image-size-gate=read-file', '--label', ownerLabel()];
    const created = await docker.run(['create', '--name', name, ...labels, ...tmpfs, '--', imageId, '/image-size-gate-never-runs'], {
      allowFailure: true,
    });
    if (created.exitCode !== 0)
      throw new GateError(
        'user',
        `could not create a stopped container to read ${filePaths.join(' and ')}: ${lastErrorLine(created.stderr)}`,
      );
    for (const filePath of filePaths) files.set(filePath, await copyOut(docker, name, filePath, maxBytes));
  } finally {
    const removal = docker.run(['rm', '--force', '--volumes', name], { allowFailure: true });
    if (options.background) options.background.start(removal);
    else await removal;
  }
  return files;
}

/** /etc/passwd and /etc/group (those named) of an image (see readImageFiles). */
export async function readUserFiles(
  docker: Docker,
  imageId: string,
  names: UserFileName[],
  options: ReadFileOptions = {},
): Promise<Partial<Record<UserFileName, ImageFile>>> {
  const files = await readImageFiles(
    docker,
    imageId,
    names.map((name) => USER_FILE_PATHS[name]),
    options,
  );
  return Object.fromEntries(names.map((name) => [name, files.get(USER_FILE_PATHS[name])]));
}

/** One file of an image (see readImageFiles). */
export async function readImageFile(docker: Docker, imageId: string, filePath: string, options: ReadFileOptions = {}): Promise<ImageFile> {
  return (await readImageFiles(docker, imageId, [filePath], options)).get(filePath)!;
}

/** Streams `docker cp -L` of one path and keeps the first entry, stopping early when it is too large. */
async function copyOut(docker: Docker, container: string, filePath: string, maxBytes: number): Promise<ImageFile> {
  const copy = docker.stream(['cp', '--follow-link', '--', `${container}:${filePath}`, '-']);
  const reader = new CopiedFileReader(maxBytes);
  try {
    for await (const chunk of copy.stdout) {
      reader.write(chunk as Buffer);
      if (reader.decided) break;
    }
  } catch (error) {
    if (!(error instanceof TarFormatError)) throw error;
    copy.stdout.destroy();
    await copy.finished.catch(() => undefined);
    return { kind: 'unreadable', why: `docker cp gave an unreadable tar stream (${error.message})` };
  }
  if (reader.decided) copy.stdout.destroy();
  const failure = await copy.finished.then(
    () => undefined,
    (error: unknown) => (error instanceof DockerError ? error : Promise.reject(error)),
  );
  if (reader.decided && reader.result.kind === 'unreadable') return reader.result;
  if (failure && !reader.decided) {
    return /could not find|no such file|not found/i.test(failure.message)
      ? { kind: 'absent' }
      : { kind: 'unreadable', why: `docker cp failed: ${failure.message.replace(/ in \/\S+/g, '')}` };
  }
  try {
    return reader.finish();
  } catch (error) {
    if (!(error instanceof TarFormatError)) throw error;
    return { kind: 'unreadable', why: `docker cp gave an unreadable tar stream (${error.message})` };
  }
}

/** Pure: the first entry of a `docker cp` tar stream as an ImageFile. */
export class CopiedFileReader {
  result: ImageFile = { kind: 'unreadable', why: 'docker cp gave an empty archive' };
  /** The answer is known before the stream ends (the file is too large, or not a file): stop reading. */
  decided = false;
  private entries = 0;
  private readonly parts: Buffer[] = [];
  private readonly tar = new TarReader((header) => this.onEntry(header));

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    this.tar.write(chunk);
  }

  finish(): ImageFile {
    if (!this.decided) this.tar.end();
    return this.result;
  }

  private onEntry(header: TarHeader): TarEntrySink | undefined {
    this.entries += 1;
    if (this.entries > 1) return undefined;
    const decide = (file: ImageFile) => {
      this.result = file;
      this.decided = true;
      return undefined;
    };
    if (header.type === 'directory') return decide({ kind: 'directory' });
    if (header.type !== 'file' && header.type !== 'contiguous-file')
      return decide({ kind: 'unreadable', why: `it is a ${header.type}, not a regular file` });
    if (header.size > this.maxBytes)
      return decide({ kind: 'unreadable', why: `it is ${header.size} bytes, more than the ${this.maxBytes} the gate reads` });
    return {
      data: (chunk) => this.parts.push(Buffer.from(chunk)),
      end: () => (this.result = { kind: 'file', bytes: Buffer.concat(this.parts) }),
    };
  }
}
