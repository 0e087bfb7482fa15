// What the two sub-actions (image-size-gate/plan and image-size-gate/report) share with the main step: the
// config file they read (with its digest), and how an error ends the step (one line, no stack trace for a
// mistake of the user's).
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config/error.js';
import { DEFAULT_CONFIG_FILE, findConfigFile } from '../config/find.js';
import { configRoot, GateConfig, parseConfig } from '../config/load.js';
import { GateLog } from '../common/log.js';
import { mergeBase, repositoryRoot } from '../git/git.js';
import { tokenEnvironment } from '../git/auth.js';
import { RunContext } from '../github/event.js';
import { ChangeContext } from '../gate/selection.js';
import { GateError } from '../common/errors.js';
import { visibleControlChars } from '../common/escape.js';
import { configDigest } from '../gate/plan.js';
import { InputError } from '../inputs/parsers.js';

/** The config file the `config` input names (or the default one), parsed, and its digest. */
export async function readConfig(configInput: string): Promise<{ file: string; config: GateConfig; digest: string }> {
  const file = await findConfigFile(configInput);
  if (!file)
    throw new InputError(
      'config',
      `is not set and ${DEFAULT_CONFIG_FILE} does not exist (check out the repository first)`,
      DEFAULT_CONFIG_FILE,
    );
  const text = await readFile(file, 'utf8');
  return { file, config: parseConfig(text, file), digest: configDigest(text) };
}

/** Fails the step with one line: the input, the file or the step that was wrong; a stack trace only for our bugs. */
export function failStep(error: unknown): void {
  if (error instanceof InputError || error instanceof GateError || error instanceof ConfigError) {
    core.setFailed(visibleControlChars(`image-size-gate: ${error.message}`));
  } else {
    core.debug((error as Error).stack ?? String(error));
    core.setFailed(visibleControlChars(`image-size-gate: unexpected error: ${(error as Error).message ?? String(error)}`));
  }
}

/** On a pull request: what changed-only compares (undefined when the repository cannot be found). */
export async function pullRequestChanges(file: string, run: RunContext, token: string, log: GateLog): Promise<ChangeContext | undefined> {
  const pr = run.pullRequest;
  if (!pr) return undefined;
  const root = await repositoryRoot(configRoot(file)).catch(() => undefined);
  if (!root) return undefined;
  const fetchEnv = tokenEnvironment(token || undefined, run.serverUrl);
  let base: Promise<string | undefined> | undefined;
  return { root, head: pr.headSha, mergeBase: () => (base ??= mergeBase(root, pr.baseSha, pr.headSha, log.info, fetchEnv)) };
}
