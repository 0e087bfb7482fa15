// What the two sub-actions (image-size-gate/plan and image-size-gate/report) share with the main step: the
// config file they read (with its digest), and how an error ends the step (one line, no stack trace for a
// mistake of the user's).
import * as core from '@actions/core';
import { ConfigError } from '../config/error.js';
import { checkoutOf, DEFAULT_CONFIG_FILE, findConfigFile, readConfigText } from '../config/find.js';
import { configRoot, GateConfig, parseConfig } from '../config/load.js';
import { GateLog } from '../common/log.js';
import { mergeBase } from '../git/git.js';
import { checkedOut } from '../git/tree.js';
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
  return { file, ...(await readConfigWithDigest(file)) };
}

/**
 * The config file parsed, and the digest of its text, read as every step reads it: a regular file inside the
 * checkout, or a link that resolves inside it (config/find.ts readConfigText).
 */
export async function readConfigWithDigest(file: string): Promise<{ config: GateConfig; digest: string }> {
  const text = await readConfigText(file, await checkoutOf(file));
  return { config: parseConfig(text, file), digest: configDigest(text) };
}

/**
 * The workflow file of this run, relative to the repository root, from GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/ci.yml@refs/pull/1/merge`); undefined when it names another repository's
 * workflow (a reusable one) or is not set.
 */
export function workflowPath(workflowRef: string | undefined, repository: string): string | undefined {
  const prefix = `${repository}/`;
  if (!workflowRef || !repository || !workflowRef.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const file = workflowRef.slice(prefix.length).replace(/@[^@]*$/, '');
  return /^\.github\/workflows\/[^/]+$/.test(file) ? file : undefined;
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

/**
 * On a pull request: what changed-only compares (undefined when the checkout cannot be found): the commit the
 * checkout holds (not the PR's head: its files are what is built), and the workflow file the inputs come from.
 */
export async function pullRequestChanges(file: string, run: RunContext, token: string, log: GateLog): Promise<ChangeContext | undefined> {
  const pr = run.pullRequest;
  if (!pr) return undefined;
  const checkout = await checkedOut(configRoot(file));
  if (!checkout) return undefined;
  const { root, head } = checkout;
  const fetchEnv = tokenEnvironment(token || undefined, run.serverUrl);
  const workflowFile = workflowPath(process.env.GITHUB_WORKFLOW_REF, run.repository);
  let base: Promise<string | undefined> | undefined;
  return { root, head, workflowFile, mergeBase: () => (base ??= mergeBase(root, pr.baseSha, pr.headSha, log.info, fetchEnv)) };
}
