// Finding the config file a run uses (the config input's, else the default one when it exists) and reading it.
import { access, readFile } from 'node:fs/promises';
import { InputError } from '../inputs/parsers.js';
import { GateConfig, parseConfig } from './load.js';

/** The config file used when the config input is not given, if it exists. */
export const DEFAULT_CONFIG_FILE = '.github/image-size-gate.yml';

/** The config file to read: the input's (which must exist), else the default one when it exists, else none. */
export async function findConfigFile(configInput: string): Promise<string | undefined> {
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  if (configInput) {
    if (!(await exists(configInput)))
      throw new InputError('config', `"${configInput}" does not exist or cannot be read`, DEFAULT_CONFIG_FILE);
    return configInput;
  }
  return (await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined;
}

export async function loadConfig(file: string): Promise<GateConfig> {
  return parseConfig(await readFile(file, 'utf8'), file);
}
