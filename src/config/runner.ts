// Pure: the runner an image's matrix job asks for: runs-on in its entry (or under defaults:), one label or several
// (a list, or text separated by commas or line breaks), each checked, for image-size-gate/plan's matrix.
import { visible } from '../common/escape.js';
import { ConfigError } from './error.js';
import { ConfigImage, GateConfig } from './load.js';

/** At most this many labels for one image. */
export const MAX_RUNNER_LABELS = 10;
/** A runner label as GitHub names its hosted runners and as self-hosted labels are written: no spaces, no commas. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The labels of runs-on that apply to the image, in the order written ([] when neither its entry nor defaults: set it). */
export function runnerLabels(config: GateConfig, image: ConfigImage): string[] {
  const inEntry = 'runs-on' in image.values;
  const text = inEntry ? image.values['runs-on'] : config.defaults['runs-on'];
  if (text === undefined) return [];
  const labels = text
    .split(/[,\n]/)
    .map((label) => label.trim())
    .filter(Boolean);
  const at = inEntry ? image.positions['runs-on'] : config.positions.defaults['runs-on'];
  const key = inEntry ? `images[${image.index}].runs-on` : 'defaults.runs-on';
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined)
    throw new ConfigError(
      config.file,
      at,
      key,
      `${JSON.stringify(visible(bad, 60))} is not a runner label (letters, digits, '.', '_' and '-', at most 100)`,
      'e.g. runs-on: ubuntu-24.04-arm',
    );
  if (labels.length > MAX_RUNNER_LABELS)
    throw new ConfigError(config.file, at, key, `lists ${labels.length} labels`, `give at most ${MAX_RUNNER_LABELS}`);
  return [...new Set(labels)];
}
