// What an input is: its name, default, description, how the config file writes its value, and where it may be
// set. The inputs themselves are in table.ts.

/** How the config file writes an input's value (an action input is always text). */
export type ConfigValueType =
  /** YAML text. */
  | 'string'
  /** true or false. */
  | 'boolean'
  /** A whole number. */
  | 'integer'
  /** Bytes as a whole number, or text with a unit: 25MB, 24MiB (max-increase also takes 5%). */
  | 'size'
  /** Text with a unit: 1s, 800ms. */
  | 'duration'
  /** A number from 0 to 1, or a percentage as text: 95%. */
  | 'fraction'
  /** A port number, or text: 8080/tcp. */
  | 'port'
  /** One of `choices` (true and false may be written unquoted). */
  | 'choice'
  /** A YAML list of text, or the input's own text (comma- or newline-separated). */
  | 'list'
  /** A YAML mapping KEY: VALUE, a list of KEY=VALUE, or the input's own text (one KEY=VALUE per line). */
  | 'map';

/**
 * Where an input may be set.
 * - image: in an `images:` entry of the config file, in its `defaults:`, or as an action input (shared by every image);
 * - entry: in an `images:` entry only, or as an action input without a config file (it names one image);
 * - step: at the top level of the config file or as an action input (it applies to the whole step);
 * - workflow: only as an action input or CLI flag, never in the config file;
 * - matrix: in the config file only (an entry or `defaults:`), read by image-size-gate/plan for its matrix: no
 *   action input or CLI flag of the main action takes it.
 */
export type InputScope = 'image' | 'entry' | 'step' | 'workflow' | 'matrix';

export interface InputDefinition {
  name: string;
  description: string;
  /** The default as action.yml declares it; '' means none. */
  default: string;
  type: ConfigValueType;
  scope: InputScope;
  /** The accepted values of a `choice`. */
  choices?: readonly string[];
}
