// changed-only: which images of the config file a pull request leaves alone. An image is unchanged when no
// file under its context or its Dockerfile differs between the merge base and the head, and its config entry
// (defaults included) says the same in both versions of the file. An image given by reference (`image:`) or
// as an archive (`archive:`) is always gated: nothing in the repository says whether it changed.
import path from 'node:path';
import { fileAt, pathsChanged } from '../git/git.js';
import { GateOptions } from '../inputs/options.js';
import { ConfigImage, GateConfig, parseConfig } from './load.js';
import { imageSettings } from './options.js';

export interface ChangeQuestion {
  root: string;
  base: string;
  head: string;
  config: GateConfig;
  images: { image: ConfigImage; options: GateOptions }[];
}

/** A path of the working directory as git names it from the repository root. */
function fromRoot(root: string, file: string): string {
  return path.relative(root, path.resolve(file)) || '.';
}

/** The config file as the merge base had it, or undefined (no file, or one that does not parse). */
async function baseConfig(question: ChangeQuestion): Promise<GateConfig | undefined> {
  const text = await fileAt(question.root, question.base, fromRoot(question.root, question.config.file));
  if (text === undefined) return undefined;
  try {
    return parseConfig(text, question.config.file);
  } catch {
    return undefined;
  }
}

function sameSettings(a: Record<string, string>, b: Record<string, string>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The names of the images changed-only need not rebuild. */
export async function unchangedImages(question: ChangeQuestion): Promise<Set<string>> {
  const unchanged = new Set<string>();
  const before = await baseConfig(question);
  if (!before) return unchanged;
  for (const { image, options } of question.images) {
    if (options.image || options.archive) continue;
    const earlier = before.images.find((candidate) => candidate.name === image.name);
    if (!earlier || !sameSettings(imageSettings(before, earlier), imageSettings(question.config, image))) continue;
    const dockerfile = options.dockerfile ?? path.join(options.context, 'Dockerfile');
    const paths = [fromRoot(question.root, options.context), fromRoot(question.root, dockerfile)];
    if (!(await pathsChanged(question.root, question.base, question.head, paths))) unchanged.add(image.name);
  }
  return unchanged;
}
