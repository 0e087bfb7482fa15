// Pure: one image of the config file -> its GateOptions, through the same getInputs as the action inputs.
//
// Precedence, first that has the key wins: the image's entry, the file's `defaults:`, the file's top level
// (step-wide keys only), the action input (or CLI flag), the table's default. An empty value (`key:`) in the
// file counts as set: it stands for the table's default. Two exceptions keep one image's settings from
// leaking into another: `name`, `image` and `tag` come from the entry alone, and an entry that names a built
// `image` takes no build keys (context, dockerfile...) from defaults or inputs.
import { getInputs } from '../inputs/read.js';
import { InputError } from '../inputs/parsers.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { INPUTS } from '../inputs/table.js';
import { visible } from '../common/escape.js';
import { ConfigError, SourcePosition } from './error.js';
import { BUILD_KEYS, inputDefinition } from './keys.js';
import { ConfigImage, GateConfig } from './load.js';

/** Where a value came from in the file. */
interface FileValue {
  value: string;
  position: SourcePosition;
  /** Its path in the file: `images[0].max-size`, `defaults.smoke`, `comment`. */
  key: string;
}

function fileValue(config: GateConfig, image: ConfigImage, name: string): FileValue | undefined {
  if (name in image.values) return { value: image.values[name], position: image.positions[name], key: `images[${image.index}].${name}` };
  if (name in config.defaults) return { value: config.defaults[name], position: config.positions.defaults[name], key: `defaults.${name}` };
  if (name in config.step) return { value: config.step[name], position: config.positions.step[name], key: name };
  return undefined;
}

/** Inputs whose action value (or default) never applies to an image of the file. */
function entryOnly(image: ConfigImage, name: string): boolean {
  return inputDefinition(name)?.scope === 'entry' || ('image' in image.values && (BUILD_KEYS as readonly string[]).includes(name));
}

/**
 * The options for one image of the file. A bad value from the file is a ConfigError at its key; a bad action
 * input is an InputError that also names the image.
 */
export function optionsForImage(config: GateConfig, image: ConfigImage, actionInput: InputReader): GateOptions {
  // The file's value for a key, when the file's value applies to this image.
  const origin = (name: string) => (entryOnly(image, name) && !(name in image.values) ? undefined : fileValue(config, image, name));
  const read = (name: string): string => origin(name)?.value ?? (entryOnly(image, name) ? '' : actionInput(name));
  try {
    return getInputs(read);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const from = origin(error.input);
    if (from) throw new ConfigError(config.file, from.position, from.key, error.problem, `expected e.g. ${error.example}`);
    throw new InputError(error.input, `${error.problem} (for the image ${visible(image.name, 60)} of ${config.file})`, error.example);
  }
}

/** A step-wide input (comment, report-file, changed-only...): the file's top level, else the action input. */
export function stepInput(config: GateConfig, actionInput: InputReader): InputReader {
  return (name) => (name in config.step ? config.step[name] : actionInput(name));
}

/**
 * What the file says about one image, defaults included, in table order: equal between two versions of the
 * file exactly when the image's config entry (as it applies) did not change. runs-on counts: another runner may
 * build another platform.
 */
export function imageSettings(config: GateConfig, image: ConfigImage): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const input of INPUTS) {
    if (input.scope !== 'image' && input.scope !== 'entry' && input.scope !== 'matrix') continue;
    if (input.name in image.values) settings[input.name] = image.values[input.name];
    else if (!entryOnly(image, input.name) && input.name in config.defaults) settings[input.name] = config.defaults[input.name];
  }
  return settings;
}

/**
 * The build keys (context, dockerfile, target, build-args, platforms, builder) whose value for this image comes
 * from the workflow's inputs rather than the file: set there, and not to the input's default.
 */
export function buildKeysFromInputs(config: GateConfig, image: ConfigImage, actionInput: InputReader): string[] {
  return BUILD_KEYS.filter((name) => {
    if (entryOnly(image, name) || fileValue(config, image, name) !== undefined) return false;
    const value = actionInput(name);
    return value !== '' && value !== (inputDefinition(name)?.default ?? '');
  });
}
