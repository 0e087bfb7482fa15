// Which images of a config file a run gates: every entry, validated before anything is built; those an `images`
// input names (a matrix job's); or, with changed-only on a pull request, those whose context, Dockerfile or entry
// changed since the merge base (config/changes.ts decides; the one-step run and image-size-gate/plan both ask
// here). Builds nothing and starts no engine, so the plan's bundle stays small.
import { changedOnlyPlan } from '../config/changes.js';
import { ConfigImage, GateConfig } from '../config/load.js';
import { optionsForImage } from '../config/options.js';
import { runnerLabels } from '../config/runner.js';
import { displayName, nameList, visible } from '../common/escape.js';
import { GateLog } from '../common/log.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { InputError } from '../inputs/parsers.js';

export interface ConfiguredImage {
  image: ConfigImage;
  options: GateOptions;
}

/**
 * Every image's options, each validated: a mistake anywhere in the file stops the run before any build. runs-on,
 * which only the plan reads, is checked here too, so that every step refuses the same file.
 */
export function configuredImages(config: GateConfig, actionInput: InputReader): ConfiguredImage[] {
  return config.images.map((image) => {
    runnerLabels(config, image);
    return { image, options: optionsForImage(config, image, actionInput) };
  });
}

/**
 * The images the `images` input names, in the file's order. The whole input is first taken as one name (a name
 * may hold a comma), else split at commas and line breaks. A name the file does not list is an input error.
 */
export function selectImages(images: ConfiguredImage[], selection: string, file: string): ConfiguredImage[] {
  const whole = selection.trim();
  if (images.some(({ image }) => image.name === whole)) return images.filter(({ image }) => image.name === whole);
  const names = whole
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
  const listed = images.map(({ image }) => image.name);
  const unknown = names.find((name) => !listed.includes(name));
  if (unknown !== undefined) {
    const known = listed.map((name) => visible(name, 60)).join(', ');
    throw new InputError(
      'images',
      `"${visible(unknown, 60)}" is not an image of ${file} (it lists ${known})`,
      `images: ${visible(listed[0], 60)}`,
    );
  }
  return images.filter(({ image }) => names.includes(image.name));
}

/** What changed-only needs on a pull request: the repository, the merge base (found lazily) and the checkout's commit. */
export interface ChangeContext {
  /** The repository root as the runner names it (its links unresolved). */
  root: string;
  mergeBase: () => Promise<string | undefined>;
  /** The commit the work tree holds (the pull request's merge commit on GitHub). */
  head: string;
  /** The workflow file the step's inputs come from, relative to the root, when the runner names it. */
  workflowFile?: string;
}

/** The images changed-only does not rebuild, and the merge base they are unchanged since (image-size-gate/plan's too). */
export async function findUnchanged(
  config: GateConfig,
  images: ConfiguredImage[],
  changes: ChangeContext | undefined,
  log: GateLog,
  actionInput: InputReader,
): Promise<{ images: Set<string>; mergeBase: string } | undefined> {
  if (!changes) {
    log.info('changed-only applies to pull requests: every image is gated');
    return undefined;
  }
  const mergeBase = await changes.mergeBase().catch(() => undefined);
  if (!mergeBase) {
    log.warning('changed-only: the merge base of the pull request could not be found, so every image is gated');
    return undefined;
  }
  const { root, head, workflowFile } = changes;
  const plan = await changedOnlyPlan({ root, base: mergeBase, head, workflowFile, config, images, actionInput });
  for (const answer of plan) if (answer.rebuild) log.info(`changed-only: ${displayName(answer.name)} is gated: ${answer.reason}`);
  const found = new Set(plan.flatMap((answer) => (answer.rebuild ? [] : [answer.name])));
  log.info(
    `changed-only: ${found.size} of ${images.length} image(s) unchanged since the merge base ${mergeBase.slice(0, 12)}` +
      (found.size > 0 ? ` (${nameList([...found])}): not rebuilt` : ''),
  );
  return { images: found, mergeBase };
}
