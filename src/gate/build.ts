// Building an image inside a log group, the same way for the PR image and the baseline, and the name the
// reports give the image.
import path from 'node:path';
import { formatDurationMs } from '../common/units.js';
import { buildImage, BuildResult } from '../docker/build.js';
import { Builder } from '../docker/engine.js';
import { GateOptions } from '../inputs/options.js';
import { GateDependencies } from './deps.js';

export function displayName(options: GateOptions): string {
  if (options.name) return options.name;
  if (options.image) return options.image;
  if (options.archive) return options.archive;
  if (options.tag) return options.tag;
  return options.dockerfile ? path.normalize(options.dockerfile) : path.normalize(path.join(options.context, 'Dockerfile'));
}

export interface BuildStep {
  options: GateOptions;
  builder: Builder;
  context: string;
  dockerfile: string;
  /** How the log names the image: "image", "PR image", "baseline image". */
  label: string;
  tag?: string;
}

/** Builds inside a log group whose lines are echoed as untrusted text. */
export async function buildWithLog(step: BuildStep, { docker, log }: GateDependencies): Promise<BuildResult> {
  const { options, builder, context, dockerfile, label } = step;
  const platforms = options.platforms.length > 0 ? `, ${options.platforms.join(', ')}` : '';
  const built = await log.group(`Build the ${label}: ${dockerfile} (${builder} builder${platforms})`, async () => {
    const stream = log.untrusted();
    try {
      const { target, buildArgs, platforms } = options;
      const request = { context, dockerfile, target, buildArgs, platforms, tag: step.tag, builder: options.builder };
      return await buildImage(docker, builder, request, (line) => stream.line(line));
    } finally {
      stream.end();
    }
  });
  log.info(`Built the ${label} ${built.imageId} in ${formatDurationMs(built.durationMs)}`);
  return built;
}
