// changed-only: which images of the config file a pull request leaves alone. An image is unchanged only when
// everything its build reads is provably the same at the merge base and in the checkout: its config entry
// (defaults included), the workflow its inputs come from, the files of its context and its Dockerfile as the
// builder reads them (change-paths.ts), what git does to them at checkout, and every image its Dockerfile
// names that another entry of the file builds (a rebuilt entry rebuilds the entries built from its tag, and
// the entries whose tags it is built from). Whatever cannot be decided here (a context outside the repository,
// a submodule, an ADD of a URL, a file git does not hold) rebuilds the image and says why: per image, never
// failing the step. An image given by reference (`image:`) or as an archive is always gated.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { blobAt, changedPaths, firstDifference, localAttributesSet, treeEntries, workTreeDifferences } from '../git/tree.js';
import { GateOptions, InputReader } from '../inputs/options.js';
import { visible } from '../common/escape.js';
import { BuildPaths, buildPaths, RepositoryRoots } from './change-paths.js';
import { DockerfileInputs, dockerfileInputs, normalisedReference } from './build-inputs.js';
import { ConfigImage, GateConfig, parseConfig } from './load.js';
import { buildKeysFromInputs, imageSettings } from './options.js';

export interface ChangeQuestion {
  /** The repository root, as the runner names it (its links unresolved). */
  root: string;
  /** The merge base, and the commit checked out (the one the work tree holds). */
  base: string;
  head: string;
  config: GateConfig;
  images: { image: ConfigImage; options: GateOptions }[];
  /** The workflow file the step's inputs come from, relative to the root (from GITHUB_WORKFLOW_REF), when known. */
  workflowFile?: string;
  /** The step's inputs: build keys an image takes from them are compared through the workflow file. */
  actionInput: InputReader;
}

/** One image's answer: not rebuilt, or rebuilt and why. */
export type ImageChange = { name: string; rebuild: false } | { name: string; rebuild: true; reason: string };

/** What one image's own inputs say, before the entries' tags tie images together. */
export interface OwnAnswer {
  name: string;
  reason?: string;
  /** The images its Dockerfile names, normalised. */
  reads: string[];
  /** The tag it builds, normalised. */
  builds?: string;
}

const shown = (text: string) => visible(text, 120);

/** The largest Dockerfile read for the images it names. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** What holds for every image: the merge base's config file (or why none is compared), the roots, the workflow. */
interface Shared {
  /** The merge base's config file, or the reason every image is rebuilt. */
  before: GateConfig | string;
  roots: RepositoryRoots;
  /** Why the workflow's inputs cannot be shown unchanged (undefined: they can). */
  workflow?: string;
  /** Every path that differs between the merge base and the head (undefined: too many to list; ask per image). */
  changed?: string[];
}

/** What git says of every image's paths at once; a list left undefined (too long) is asked for per image. */
interface Batch {
  /** Each buildable image's paths, by name. */
  paths: Map<string, BuildPaths>;
  /** The head's files under every context. */
  tree?: { path: string; submodule: boolean }[];
  /** Where the work tree differs from the head under every context and beside every Dockerfile. */
  dirty?: string[];
}

/** The paths whose work tree must match the head: the context, the Dockerfile and its own ignore file. */
const workPaths = (paths: Extract<BuildPaths, { compared: string[] }>) => [
  paths.context,
  paths.dockerfile,
  `${paths.dockerfile}.dockerignore`,
];

/** Every image's paths, and the head's tree and the work tree's differences under all of them, in two git calls. */
async function batchOf(question: ChangeQuestion, roots: RepositoryRoots): Promise<Batch> {
  const paths = new Map<string, BuildPaths>();
  for (const { image, options } of question.images) {
    if (!options.image && !options.archive) paths.set(image.name, await buildPaths(roots, options.context, options.dockerfile));
  }
  const decidable = [...paths.values()].flatMap((each) => ('compared' in each ? [each] : []));
  if (decidable.length === 0) return { paths };
  const contexts = [...new Set(decidable.map((each) => each.context))];
  const work = [...new Set(decidable.flatMap(workPaths))];
  return { paths, tree: await treeEntries(question.root, question.head, contexts), dirty: await workTreeDifferences(question.root, work) };
}

/** The first of `changed` at or under one of `paths`, as git matches a literal pathspec. */
export function firstUnder(changed: string[], paths: string[]): string | undefined {
  return changed.find((file) => paths.some((at) => at === '.' || file === at || file.startsWith(`${at}/`)));
}

/** The config file as the merge base had it, or why there is none to compare with. */
async function baseConfig(question: ChangeQuestion): Promise<GateConfig | string> {
  const relative = path.relative(question.root, path.resolve(question.config.file));
  const text = await blobAt(question.root, question.base, relative);
  if (text === undefined) return `the merge base has no config file ${shown(relative)} to compare with`;
  try {
    return parseConfig(text.toString('utf8'), question.config.file);
  } catch {
    return `the merge base's config file ${shown(relative)} cannot be read`;
  }
}

/** Why the workflow's inputs cannot be shown the same as at the merge base, or undefined when they can. */
async function workflowChange(question: ChangeQuestion): Promise<string | undefined> {
  const file = question.workflowFile;
  if (!file) return 'the workflow file is not known (GITHUB_WORKFLOW_REF), so they cannot be compared with the merge base';
  const changed = await firstDifference(question.root, question.base, question.head, [file]);
  return changed ? `the workflow file ${shown(file)} changed` : undefined;
}

/** What the image's Dockerfile, as it will be built, reads from outside its context; undefined when it cannot be read. */
async function dockerfileOf(options: GateOptions): Promise<DockerfileInputs | undefined> {
  const file = options.dockerfile ?? path.join(options.context, 'Dockerfile');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_DOCKERFILE_BYTES) return undefined;
  return dockerfileInputs(await readFile(file, 'utf8'), options.buildArgs);
}

async function ownAnswer(
  question: ChangeQuestion,
  { shared, batch }: { shared: Shared; batch: Batch },
  { image, options }: ChangeQuestion['images'][number],
): Promise<OwnAnswer> {
  const builds = options.tag ? normalisedReference(options.tag) : undefined;
  const built = options.image || options.archive ? undefined : await dockerfileOf(options).catch(() => undefined);
  // An entry that gates a built image reads that image: when another entry builds its tag, that one must run too.
  const reads = options.image ? [normalisedReference(options.image)] : (built?.images ?? []);
  const answer = (reason: string | undefined): OwnAnswer => ({ name: image.name, reason, reads, builds });
  if (options.image || options.archive)
    return answer('it is given as a built image or an archive, which the repository cannot show unchanged');
  if (typeof shared.before === 'string') return answer(shared.before);
  const earlier = shared.before.images.find((candidate) => candidate.name === image.name);
  if (!earlier) return answer("the merge base's config file has no entry of this name");
  if (JSON.stringify(imageSettings(shared.before, earlier)) !== JSON.stringify(imageSettings(question.config, image)))
    return answer('its config entry (with the defaults that apply to it) changed');
  const fromInputs = buildKeysFromInputs(question.config, image, question.actionInput);
  if (fromInputs.length > 0 && shared.workflow)
    return answer(`it takes ${fromInputs.join(', ')} from the workflow's inputs, and ${shared.workflow}`);
  return answer(await filesReason(question, shared, batch, { name: image.name, options, built }));
}

/** Why the files an image is built from rebuild it (what changed, or what cannot be compared), or undefined. */
async function filesReason(
  question: ChangeQuestion,
  shared: Shared,
  batch: Batch,
  { name, options, built }: { name: string; options: GateOptions; built: DockerfileInputs | undefined },
): Promise<string | undefined> {
  const { root, base, head } = question;
  const paths = batch.paths.get(name) ?? (await buildPaths(shared.roots, options.context, options.dockerfile));
  if ('undecidable' in paths) return paths.undecidable;
  const changed = shared.changed ? firstUnder(shared.changed, paths.compared) : await firstDifference(root, base, head, paths.compared);
  if (changed !== undefined) return `${shown(changed)} changed`;
  const tree = batch.tree ?? (await treeEntries(root, head, [paths.context]));
  if (!tree) return `git lists too many files under its context ${shown(paths.context)} to check`;
  const files = tree.filter((entry) => firstUnder([entry.path], [paths.context]) !== undefined);
  if (files.length === 0) return `git holds no files under its context ${shown(paths.context)} (untracked, or inside a submodule)`;
  const submodule = files.find((entry) => entry.submodule);
  if (submodule) return `its context holds the submodule ${shown(submodule.path)}, whose files this check cannot compare`;
  const differences = batch.dirty ?? (await workTreeDifferences(root, workPaths(paths)));
  if (!differences) return `the work tree differs from the checked-out commit in too many files under its context to list`;
  const dirty = firstUnder(differences, workPaths(paths));
  if (dirty !== undefined)
    return `the work tree holds ${shown(dirty)} other than the checked-out commit does (a file git does not track or ignores, or one changed)`;
  if (!built) return `its Dockerfile ${shown(paths.dockerfile)} cannot be read`;
  if (built.remote.length > 0) return `its Dockerfile ADDs ${shown(built.remote[0])}, which is fetched when it is built`;
  const tagsBuilt = question.images.some(({ options: other }) => other.tag);
  if (built.unresolved.length > 0 && tagsBuilt)
    return `its Dockerfile names ${shown(built.unresolved[0])}, whose variable this check cannot resolve, and entries of the file build tags`;
  return undefined;
}

/**
 * Pure: the answers once the entries' tags tie them together. An entry built from a tag another entry builds
 * changes when that one changes, and is rebuilt. An entry whose tag a rebuilt entry is built from is rebuilt
 * too, so that the tag exists (it is not pulled) when the rebuilt one needs it; it is not changed by that, so
 * the other entries built from its tag are not rebuilt for it.
 */
export function withTagDependencies(answers: OwnAnswer[]): ImageChange[] {
  const reasons = new Map(answers.map((answer) => [answer.name, answer.reason]));
  const builders = new Map<string, string>();
  for (const answer of answers) if (answer.builds && !builders.has(answer.builds)) builders.set(answer.builds, answer.name);
  const edges = answers.flatMap((answer) =>
    answer.reads.flatMap((tag) => {
      const builder = builders.get(tag);
      return builder && builder !== answer.name ? [{ user: answer.name, builder, tag }] : [];
    }),
  );
  const rebuilt = (name: string) => reasons.get(name) !== undefined;
  const spread = (step: (edge: (typeof edges)[number]) => boolean) => {
    for (let more = true; more;) more = edges.map(step).includes(true);
  };
  spread(({ user, builder, tag }) => {
    if (!rebuilt(builder) || rebuilt(user)) return false;
    reasons.set(user, `it is built from ${shown(tag)}, which the entry ${shown(builder)} builds, and that is rebuilt`);
    return true;
  });
  spread(({ user, builder, tag }) => {
    if (!rebuilt(user) || rebuilt(builder)) return false;
    reasons.set(builder, `the entry ${shown(user)}, which is rebuilt, is built from its tag ${shown(tag)}`);
    return true;
  });
  return answers.map(({ name }) => {
    const reason = reasons.get(name);
    return reason === undefined ? { name, rebuild: false } : { name, rebuild: true, reason };
  });
}

/** Every image's answer, in the file's order: not rebuilt, or rebuilt and why. */
export async function changedOnlyPlan(question: ChangeQuestion): Promise<ImageChange[]> {
  const undecided = (error: unknown) => `changed-only could not tell whether it changed (${(error as Error).message})`;
  let shared: Shared;
  try {
    const roots = { lexical: question.root, real: await realpath(question.root) };
    const local = (await localAttributesSet(question.root))
      ? "the repository's .git/info/attributes sets attributes, which the merge base's checkout may not have had"
      : undefined;
    const changed = await changedPaths(question.root, question.base, question.head);
    shared = { before: local ?? (await baseConfig(question)), roots, workflow: await workflowChange(question), changed };
  } catch (error) {
    return question.images.map(({ image }) => ({ name: image.name, rebuild: true, reason: undecided(error) }));
  }
  const batch = await batchOf(question, shared.roots).catch((): Batch => ({ paths: new Map() }));
  const answers: OwnAnswer[] = [];
  for (const entry of question.images) {
    const fallback = (error: unknown): OwnAnswer => ({ name: entry.image.name, reason: undecided(error), reads: [] });
    answers.push(await ownAnswer(question, { shared, batch }, entry).catch(fallback));
  }
  return withTagDependencies(answers);
}
