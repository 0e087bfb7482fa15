// The one table of inputs (names, defaults, descriptions) that action.yml, the README and the CLI's
// --help agree with, and getInputs(): raw strings -> a typed, validated GateOptions.
import { parseDurationMs, parseSize, ParsedSize, UnitParseError } from './units.js';

export interface InputDefinition {
  name: string;
  description: string;
  /** The default as action.yml declares it; '' means none. */
  default: string;
}

export const INPUTS: InputDefinition[] = [
  { name: 'context', default: '.', description: 'Build context directory.' },
  { name: 'dockerfile', default: '', description: 'Path of the Dockerfile (default: Dockerfile in the context).' },
  { name: 'target', default: '', description: 'Build stage to stop at (docker build --target).' },
  { name: 'build-args', default: '', description: 'Build arguments, one KEY=VALUE per line.' },
  {
    name: 'platforms',
    default: '',
    description:
      'Platforms to build and gate, comma- or newline-separated (linux/amd64,linux/arm64); every budget applies to each. Several need buildx and the containerd image store.',
  },
  {
    name: 'builder',
    default: '',
    description: 'Name of the buildx builder to build with (docker buildx build --builder); default: the current one.',
  },
  {
    name: 'image',
    default: '',
    description: 'Gate this local image (name, tag or id) instead of building; e.g. one that docker/build-push-action loaded.',
  },
  { name: 'name', default: '', description: 'A name for this image in reports (default: the image reference or the context).' },
  { name: 'tag', default: '', description: 'Tag the built image with this reference (default: no tag; the image is known by its id).' },
  {
    name: 'max-size',
    default: '',
    description: 'Budget for the uncompressed image size: 25MB (SI, as docker images prints), 24MiB, or bytes.',
  },
  { name: 'max-layers', default: '', description: 'Budget for the number of filesystem layers.' },
  { name: 'require-non-root', default: 'true', description: 'Fail when the image runs as root (true/false).' },
  { name: 'max-startup-time', default: '', description: 'Budget from docker run to the first good smoke answer: 1s, 800ms.' },
  {
    name: 'max-compressed-size',
    default: '',
    description: 'Budget for the compressed size (what a registry stores and docker pull downloads): 10MB, 8MiB, or bytes.',
  },
  { name: 'min-efficiency', default: '', description: "Budget for dive's efficiency score: 0.95 or 95% (1 means no file stored twice)." },
  {
    name: 'max-wasted-size',
    default: '',
    description: "Budget for dive's wasted bytes (every copy of a file stored more than once, and removed files): 5MB.",
  },
  {
    name: 'analyze',
    default: 'true',
    description: 'Read the layers (docker save) for compressed size, wasted space, the largest files and hints (true/false).',
  },
  { name: 'smoke', default: 'auto', description: 'Run the smoke test: auto (when a port is known), true, false.' },
  { name: 'smoke-port', default: '', description: 'Container TCP port to probe (default: the lowest EXPOSEd TCP port).' },
  { name: 'smoke-path', default: '/', description: 'HTTP path the smoke request asks for.' },
  { name: 'smoke-expect-status', default: '200', description: 'HTTP status the smoke answer must have.' },
  { name: 'smoke-expect-body', default: '', description: 'Text the smoke answer body must contain.' },
  { name: 'smoke-timeout', default: '30s', description: 'How long to wait for the container to answer.' },
  { name: 'smoke-env', default: '', description: 'Environment for the smoke container, one KEY=VALUE per line (nothing else is passed).' },
  {
    name: 'report-file',
    default: '',
    description:
      'Where to write the JSON report (default: a new image-size-gate-<step>-<random>.json in RUNNER_TEMP, else the system temp directory; the report output names it).',
  },
  { name: 'github-token', default: '${{ github.token }}', description: 'Token for the PR comment (never passed to builds or containers).' },
  {
    name: 'baseline',
    default: 'auto',
    description:
      "What to compare with: auto (on pull_request, build the same Dockerfile at the PR's base commit), an image reference (measured, pulled if not local), or none.",
  },
  { name: 'max-increase', default: '', description: 'Budget on growth of the uncompressed size against the baseline: 5% or 2MB.' },
  {
    name: 'allow-increase-label',
    default: '',
    description: 'A PR label (e.g. size-increase-ok) that turns an exceeded max-increase into a warning.',
  },
  {
    name: 'comment',
    default: 'always',
    description: 'When to post the sticky PR comment: always, changed (the size changed or a budget failed), failure, never.',
  },
];

export interface OutputDefinition {
  name: string;
  description: string;
}

export const OUTPUTS: OutputDefinition[] = [
  { name: 'image-id', description: 'Id of the gated image (sha256:...).' },
  {
    name: 'size',
    description:
      "Uncompressed size in bytes: the layers' own bytes (regular files and symlink targets), the same on every engine and image store (on the classic store it equals docker image inspect .Size).",
  },
  { name: 'layers', description: 'Number of filesystem layers.' },
  { name: 'user', description: 'The user the image runs as, as configured (empty means root).' },
  { name: 'non-root', description: 'true when the image runs as a non-root user, false otherwise.' },
  { name: 'startup-ms', description: 'Milliseconds from docker run to the first good smoke answer (empty when no smoke test ran).' },
  { name: 'passed', description: 'true when every budget passed.' },
  {
    name: 'compressed-size',
    description: 'Compressed size in bytes: the gzip-compressed layers as docker push uploads them (empty when analyze is false).',
  },
  { name: 'efficiency', description: "dive's efficiency score, 0..1 (empty when analyze is false)." },
  { name: 'wasted-size', description: "dive's wasted bytes (empty when analyze is false)." },
  {
    name: 'reclaimable-size',
    description:
      'Bytes a rebuild could really reclaim: earlier copies of files and deleted files, never the surviving copy (empty when analyze is false).',
  },
  { name: 'baseline-size', description: 'Uncompressed size of the baseline image in bytes (empty without a baseline).' },
  {
    name: 'size-delta',
    description: 'Uncompressed size change against the baseline in bytes, may be negative (empty without a baseline).',
  },
  { name: 'comment-url', description: 'Web address of the sticky PR comment (empty when none was posted).' },
  {
    name: 'comment-body',
    description: 'The PR comment as markdown, also when it could not be posted (e.g. on a pull request from a fork).',
  },
  { name: 'report', description: 'Path of the JSON report.' },
];

export type SmokeMode = 'auto' | 'true' | 'false';

export type BaselineSpec = { kind: 'auto' } | { kind: 'none' } | { kind: 'image'; reference: string };
export type CommentMode = 'always' | 'changed' | 'failure' | 'never';
export type IncreaseBudget = { kind: 'percent'; fraction: number; text: string } | { kind: 'bytes'; bytes: number; text: string };

export interface Budgets {
  maxSize?: ParsedSize;
  maxLayers?: number;
  requireNonRoot: boolean;
  maxStartupMs?: number;
  maxCompressedSize?: ParsedSize;
  /** 0..1 */
  minEfficiency?: number;
  maxWastedSize?: ParsedSize;
  maxIncrease?: IncreaseBudget;
  allowIncreaseLabel?: string;
}

export interface SmokeOptions {
  mode: SmokeMode;
  port?: number;
  path: string;
  expectStatus: number;
  expectBody?: string;
  timeoutMs: number;
  env: string[];
}

export interface GateOptions {
  context: string;
  dockerfile?: string;
  target?: string;
  buildArgs: string[];
  /** `os/arch[/variant]` to build (empty: the engine's own). */
  platforms: string[];
  /** A named buildx builder. */
  builder?: string;
  image?: string;
  name?: string;
  tag?: string;
  budgets: Budgets;
  smoke: SmokeOptions;
  /** Read the layers (docker save) for compressed size, waste and hints. */
  analyze: boolean;
  reportFile?: string;
  baseline: BaselineSpec;
  comment: CommentMode;
}

/** A bad input value: names the input, what was wrong, and an accepted example. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
    readonly example: string,
  ) {
    super(`input ${input}: ${problem}; expected e.g. ${example}`);
  }
}

export type InputReader = (name: string) => string;

/** Reads every input through `read` (raw, possibly empty strings) and validates it. */
export function getInputs(read: InputReader): GateOptions {
  const value = (name: string): string => {
    const raw = read(name).trim();
    if (raw !== '') return raw;
    return INPUTS.find((input) => input.name === name)?.default ?? '';
  };
  const optional = (name: string): string | undefined => value(name) || undefined;

  const image = optional('image');
  const smokeMode = parseChoice('smoke', value('smoke'), ['auto', 'true', 'false'] as const);

  const options: GateOptions = {
    context: value('context'),
    dockerfile: optional('dockerfile'),
    target: optional('target'),
    buildArgs: parseKeyValueLines('build-args', value('build-args')),
    platforms: parsePlatforms(value('platforms')),
    builder: parseOptional('builder', value('builder'), parseBuilderName, 'multiarch'),
    image,
    name: optional('name'),
    tag: optional('tag'),
    budgets: {
      maxSize: parseOptional('max-size', value('max-size'), parseSize, '25MB, 24MiB or 25000000'),
      maxLayers: parseOptional('max-layers', value('max-layers'), parseCount, '10'),
      requireNonRoot: parseBoolean('require-non-root', value('require-non-root')),
      maxStartupMs: parseOptional('max-startup-time', value('max-startup-time'), parsePositiveDuration, '1s or 800ms'),
      maxCompressedSize: parseOptional('max-compressed-size', value('max-compressed-size'), parseSize, '10MB, 8MiB or 10000000'),
      minEfficiency: parseOptional('min-efficiency', value('min-efficiency'), parseFraction, '0.95 or 95%'),
      maxWastedSize: parseOptional('max-wasted-size', value('max-wasted-size'), parseSize, '5MB, 4MiB or 5000000'),
      maxIncrease: parseOptional('max-increase', value('max-increase'), parseIncrease, '5% or 2MB'),
      allowIncreaseLabel: optional('allow-increase-label'),
    },
    smoke: {
      mode: smokeMode,
      port: parseOptional('smoke-port', value('smoke-port'), parsePort, '8080 or 8080/tcp'),
      path: parseSmokePath(value('smoke-path')),
      expectStatus: parseStatus(value('smoke-expect-status')),
      expectBody: optional('smoke-expect-body'),
      timeoutMs: parseOptional('smoke-timeout', value('smoke-timeout'), parsePositiveDuration, '30s')!,
      env: parseKeyValueLines('smoke-env', value('smoke-env')),
    },
    analyze: parseBoolean('analyze', value('analyze')),
    reportFile: optional('report-file'),
    baseline: parseBaseline(value('baseline')),
    comment: parseChoice('comment', value('comment'), ['always', 'changed', 'failure', 'never'] as const),
  };
  const needsAnalysis = (['max-compressed-size', 'min-efficiency', 'max-wasted-size'] as const).find((name) => value(name) !== '');
  if (!options.analyze && needsAnalysis) {
    throw new InputError(
      'analyze',
      `is false, but ${needsAnalysis} needs the layer analysis`,
      `analyze: true (the default) with ${needsAnalysis}`,
    );
  }
  if (image && (options.dockerfile || options.target || options.buildArgs.length > 0 || options.platforms.length > 0 || options.builder)) {
    const clash = options.dockerfile
      ? 'dockerfile'
      : options.target
        ? 'target'
        : options.buildArgs.length > 0
          ? 'build-args'
          : options.platforms.length > 0
            ? 'platforms'
            : 'builder';
    throw new InputError(
      clash,
      `cannot be combined with image (the gate either builds or takes a built image)`,
      'image: my-app:ci with no build inputs',
    );
  }
  return options;
}

function parseOptional<T>(name: string, raw: string, parse: (text: string) => T, example: string): T | undefined {
  if (raw === '') return undefined;
  try {
    return parse(raw);
  } catch (error) {
    if (error instanceof UnitParseError) throw new InputError(name, error.message, example);
    throw error;
  }
}

/** `linux/amd64,linux/arm64/v8`: os/architecture[/variant], lower case, as buildx's --platform takes them. */
function parsePlatforms(text: string): string[] {
  const platforms = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  for (const platform of platforms) {
    if (!/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/.test(platform)) {
      throw new InputError('platforms', `"${platform}" is not os/architecture[/variant]`, 'linux/amd64,linux/arm64');
    }
  }
  return [...new Set(platforms)];
}

function parseBuilderName(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text)) throw new UnitParseError(`"${text}" is not a buildx builder name`);
  return text;
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text)) throw new UnitParseError(`"${text}" is not a whole number of 0 or more`);
  return Number(text);
}

/** `5%` (of the baseline size) or a size such as `2MB`. */
function parseIncrease(text: string): IncreaseBudget {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: 'percent', fraction: Number(percent[1]) / 100, text: `${percent[1]}%` };
  const size = parseSize(text);
  return { kind: 'bytes', bytes: size.bytes, text: text.replace(/\s+/g, '') };
}

function parseBaseline(text: string): BaselineSpec {
  if (text === 'auto') return { kind: 'auto' };
  if (text === 'none') return { kind: 'none' };
  if (/\s/.test(text) || text.startsWith('-'))
    throw new InputError('baseline', `"${text}" is neither auto, none nor an image reference`, 'auto, none or ghcr.io/acme/app:main');
  return { kind: 'image', reference: text };
}

/** 0..1, or a percentage 0%..100%. */
function parseFraction(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a number between 0 and 1 or a percentage`);
  const fraction = match[2] ? Number(match[1]) / 100 : Number(match[1]);
  if (fraction > 1) throw new UnitParseError(`"${text}" is more than ${match[2] ? '100%' : '1'}`);
  return fraction;
}

function parsePositiveDuration(text: string): number {
  const ms = parseDurationMs(text);
  if (ms <= 0) throw new UnitParseError(`"${text}" must be longer than 0`);
  return ms;
}

function parsePort(text: string): number {
  const match = /^(\d+)(?:\/(\w+))?$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a port`);
  if (match[2] && match[2].toLowerCase() !== 'tcp') {
    throw new UnitParseError(`"${text}" is not a TCP port (the smoke test speaks HTTP over TCP)`);
  }
  const port = Number(match[1]);
  if (port < 1 || port > 65535) throw new UnitParseError(`"${text}" is outside 1..65535`);
  return port;
}

function parseStatus(text: string): number {
  if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
    throw new InputError('smoke-expect-status', `"${text}" is not an HTTP status`, '200');
  }
  return Number(text);
}

/** Characters a request-target's path and query may hold as they are (RFC 3986 pchar, "/", "?" and "%" escapes). */
const REQUEST_TARGET_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/**
 * The smoke request's target, checked where it enters: an absolute path with an optional query. Spaces and
 * non-ASCII characters are percent-encoded as UTF-8 (`/€` -> `/%E2%82%AC`), as are the printable characters a
 * request line cannot carry (`"<>\^`{|}`); what cannot be part of a request-target at all is refused.
 */
export function parseSmokePath(text: string): string {
  const refuse = (problem: string) => new InputError('smoke-path', `${JSON.stringify(text)} ${problem}`, '/healthz or /status?full=1');
  if (!text.startsWith('/')) throw refuse('is not an absolute URL path');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw refuse('contains a control character');
  if (text.includes('#')) throw refuse('has a fragment (#...), which a client never sends');
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) throw refuse('has a "%" that does not start a %XX escape (write %25 for a literal %)');
  try {
    return [...text].map((character) => (REQUEST_TARGET_SAFE.test(character) ? character : encodeURIComponent(character))).join('');
  } catch {
    throw refuse('is not valid Unicode'); // a lone surrogate has no UTF-8 form (encodeURIComponent throws)
  }
}

function parseBoolean(name: string, text: string): boolean {
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^(false|no|off)$/i.test(text)) return false;
  throw new InputError(name, `"${text}" is not true or false`, 'true');
}

function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === text.toLowerCase());
  if (found === undefined) throw new InputError(name, `"${text}" is not one of ${choices.join(', ')}`, choices[0]);
  return found;
}

function parseKeyValueLines(name: string, text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(line)) {
        throw new InputError(name, `"${line}" is not KEY=VALUE`, 'GO_VERSION=1.22');
      }
      return line;
    });
}
