// Pure: which keys the config file takes where (all from the input table), and the nearest valid key to a
// misspelt one.
import { INPUTS, InputDefinition, InputScope } from '../inputs/table.js';

/** The three places a key can stand: the top level of the file, `defaults:`, and an `images:` entry. */
export type ConfigPlace = 'top' | 'defaults' | 'entry';

/** The keys of the file's own structure, at its top level. */
export const STRUCTURE_KEYS = ['defaults', 'images'] as const;

/** Keys that say how an image is built: an entry that names a built `image` takes none of them. */
export const BUILD_KEYS = ['context', 'dockerfile', 'target', 'build-args', 'platforms', 'builder'] as const;

/** Keys whose relative paths start at the repository root (see configRoot). */
export const PATH_KEYS = ['context', 'dockerfile'] as const;

const SCOPES_BY_PLACE: Record<ConfigPlace, InputScope[]> = {
  top: ['step'],
  defaults: ['image', 'matrix'],
  entry: ['image', 'entry', 'matrix'],
};

export function inputDefinition(name: string): InputDefinition | undefined {
  return INPUTS.find((input) => input.name === name);
}

/** The input keys a place takes, in table order. */
export function keysFor(place: ConfigPlace): string[] {
  return INPUTS.filter((input) => SCOPES_BY_PLACE[place].includes(input.scope)).map((input) => input.name);
}

/** Why a key that names an input does not belong here, and where it does; undefined when it belongs. */
export function misplacedInput(place: ConfigPlace, input: InputDefinition): { problem: string; fix: string } | undefined {
  if (SCOPES_BY_PLACE[place].includes(input.scope)) return undefined;
  switch (input.scope) {
    case 'workflow':
      return input.name === 'github-token'
        ? { problem: 'is never read from a file', fix: "leave the token in the workflow's with: (its default is the job's own token)" }
        : { problem: 'cannot be set in the config file', fix: "set it in the workflow's with: or as a command-line flag" };
    case 'step':
      return {
        problem: 'applies to the whole step, not to one image',
        fix: "set it at the top level of this file or in the workflow's with:",
      };
    case 'entry':
      return { problem: 'names one image', fix: "set it in that image's entry under images:" };
    default:
      return { problem: 'applies to one image', fix: 'set it under defaults: (for every image) or in an entry under images:' };
  }
}

/** `maxSize`, `max_size`, `Max-Size` -> `max-size`. */
function kebab(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The valid key `key` most likely meant: the same words in kebab case, the one key that ends in it (`args` ->
 * `build-args`), or the nearest by edit distance when that is at most a third of its length (at least 2).
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  const wanted = kebab(key);
  if (candidates.includes(wanted)) return wanted;
  const endingIn = candidates.filter((candidate) => candidate.endsWith(`-${wanted}`));
  if (endingIn.length === 1) return endingIn[0];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.candidate : undefined;
}
