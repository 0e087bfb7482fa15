// Pure: reading back a plan (image-size-gate/plan's plan output) in image-size-gate/report. It reaches the report
// step through a workflow expression or a file, so it is checked as untrusted text: bounded, every field's type
// and form checked, rebuilt from the fields checked. The reason names the field and never quotes the text.
import { readJsonText } from '../common/field-checks.js';
import { fieldChecks } from '../history/record-check.js';
import { Plan, PLAN_SCHEMA_VERSION, PlannedImage } from './plan.js';

const { fieldsOf, field, text, flag, list, optional } = fieldChecks;

/** The largest plan read (bytes). */
export const MAX_PLAN_BYTES = 1024 * 1024;
const MAX_PLANNED_IMAGES = 1000;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const NAME = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/;

function readImage(value: unknown, index: number): PlannedImage {
  const at = `images[${index}]`;
  const fields = fieldsOf(value, at);
  const runsOn = optional(fields, 'runsOn', (item) =>
    list(item, `${at}.runsOn`, 10).map((label, labelIndex) =>
      text(label, `${at}.runsOn[${labelIndex}]`, 100, /^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    ),
  );
  return {
    name: text(field(fields, 'name'), `${at}.name`, 200, NAME),
    gate: flag(field(fields, 'gate'), `${at}.gate`),
    ...(runsOn ? { runsOn } : {}),
  };
}

function readPlan(value: unknown): Plan {
  const fields = fieldsOf(value, 'the plan');
  const version = field(fields, 'schemaVersion');
  if (version !== PLAN_SCHEMA_VERSION) fieldChecks.fail('schemaVersion', `is not ${PLAN_SCHEMA_VERSION}: plan and report with one release`);
  const commit = optional(fields, 'commit', (item) => text(item, 'commit', 64, COMMIT));
  const mergeBase = optional(fields, 'mergeBase', (item) => text(item, 'mergeBase', 64, COMMIT));
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    config: text(field(fields, 'config'), 'config', 4096, NAME),
    configDigest: text(field(fields, 'configDigest'), 'configDigest', 80, /^sha256:[0-9a-f]{64}$/),
    ...(commit ? { commit } : {}),
    changedOnly: flag(field(fields, 'changedOnly'), 'changedOnly'),
    ...(mergeBase ? { mergeBase } : {}),
    images: list(field(fields, 'images'), 'images', MAX_PLANNED_IMAGES).map(readImage),
  };
}

/** The plan a text holds, or why it holds none. */
export function parsePlan(planText: string): { plan: Plan } | { invalid: string } {
  const read = readJsonText(planText, { maxBytes: MAX_PLAN_BYTES, maxSize: `${MAX_PLAN_BYTES / 1024} KiB` }, 'it', readPlan);
  return 'value' in read ? { plan: read.value } : read;
}

/** Why a plan does not belong with the config file and the commit this step has, or undefined when it does. */
export function planMismatch(
  plan: Plan,
  have: { file: string; digest: string; names: string[]; commit?: string; pullRequest: boolean },
): string | undefined {
  if (plan.configDigest !== have.digest)
    return `it was made from another version of the config file than ${have.file} as this step reads it: check out the plan job's commit here`;
  const names = plan.images.map((image) => image.name);
  if (names.length !== have.names.length || names.some((name, index) => name !== have.names[index]))
    return `it lists other images than ${have.file}`;
  if (plan.commit && have.commit && plan.commit !== have.commit)
    return `it is of commit ${plan.commit.slice(0, 12)}, and this run is of ${have.commit.slice(0, 12)}`;
  // Only changed-only on a pull request leaves an image without a job: a plan that does so elsewhere would hide it.
  if (plan.images.some((image) => !image.gate) && !(plan.changedOnly && have.pullRequest && plan.mergeBase))
    return 'it gives an image no job, which the plan does only on a pull request with changed-only';
  return undefined;
}
