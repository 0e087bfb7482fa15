// getInputs(): the raw input strings -> a typed, validated GateOptions. The table of inputs and outputs is in
// table.ts, each input's parser in parsers.ts.
import { INPUTS } from './table.js';
import {
  InputError,
  parseBaseline,
  parseBoolean,
  parseBranchList,
  parseBranchName,
  parseBuilderName,
  parseChoice,
  parseCount,
  parseExpansionRatio,
  parseFraction,
  parseArchivePath,
  parseImageReference,
  parseIncrease,
  parseKeyValueLines,
  parseOptional,
  parsePackageList,
  parsePlatforms,
  parsePort,
  parsePositiveDuration,
  parseSmokePath,
  parseStatus,
} from './parsers.js';
import { parseSize } from '../common/units.js';
import { Budgets, GateOptions, InputReader, SmokeOptions } from './options.js';

/** Reads every input through `read` (raw, possibly empty strings) and validates it. */
export function getInputs(read: InputReader): GateOptions {
  const value = (name: string): string => {
    const raw = read(name).trim();
    if (raw !== '') return raw;
    return INPUTS.find((input) => input.name === name)?.default ?? '';
  };
  const optional = (name: string): string | undefined => value(name) || undefined;

  const image = parseOptional('image', value('image'), (text) => parseImageReference('image', text), 'my-app:ci');

  const options: GateOptions = {
    context: value('context'),
    dockerfile: optional('dockerfile'),
    target: optional('target'),
    buildArgs: parseKeyValueLines('build-args', value('build-args')),
    platforms: parsePlatforms(value('platforms')),
    builder: parseOptional('builder', value('builder'), parseBuilderName, 'multiarch'),
    image,
    archive: parseOptional('archive', value('archive'), parseArchivePath, 'image.tar or build/oci-layout'),
    name: optional('name'),
    tag: optional('tag'),
    budgets: readBudgets(value, optional),
    smoke: readSmoke(value, optional),
    analyze: parseBoolean('analyze', value('analyze')),
    layerExpansion: readLayerExpansion(value),
    reportFile: optional('report-file'),
    baseline: parseBaseline(value('baseline')),
    comment: parseChoice('comment', value('comment'), ['always', 'changed', 'failure', 'never'] as const),
    history: readHistory(value),
    registry: readRegistry(value, optional),
  };
  checkCombinations(options, value);
  return options;
}

type Read = (name: string) => string;
type ReadOptional = (name: string) => string | undefined;

function readBudgets(value: Read, optional: ReadOptional): Budgets {
  return {
    maxSize: parseOptional('max-size', value('max-size'), parseSize, '25MB, 24MiB or 25000000'),
    maxLayers: parseOptional('max-layers', value('max-layers'), parseCount, '10'),
    requireNonRoot: parseBoolean('require-non-root', value('require-non-root')),
    maxStartupMs: parseOptional('max-startup-time', value('max-startup-time'), parsePositiveDuration, '1s or 800ms'),
    maxCompressedSize: parseOptional('max-compressed-size', value('max-compressed-size'), parseSize, '10MB, 8MiB or 10000000'),
    minEfficiency: parseOptional('min-efficiency', value('min-efficiency'), parseFraction, '0.95 or 95%'),
    maxWastedSize: parseOptional('max-wasted-size', value('max-wasted-size'), parseSize, '5MB, 4MiB or 5000000'),
    maxLayerSize: parseOptional('max-layer-size', value('max-layer-size'), parseSize, '50MB, 48MiB or 50000000'),
    maxPackageSize: parseOptional('max-package-size', value('max-package-size'), parseSize, '20MB, 19MiB or 20000000'),
    allowLargePackages: parseOptional('allow-large-packages', value('allow-large-packages'), parsePackageList, 'typescript, deb:libc6'),
    maxIncrease: parseOptional('max-increase', value('max-increase'), parseIncrease, '5% or 2MB'),
    allowIncreaseLabel: optional('allow-increase-label'),
  };
}

function readLayerExpansion(value: Read): GateOptions['layerExpansion'] {
  const maxRatio = parseOptional('max-layer-expansion', value('max-layer-expansion'), parseExpansionRatio, '100')!;
  const maxBytes = parseOptional('max-layer-expanded-size', value('max-layer-expanded-size'), parseSize, '20GB, 16GiB or 20000000000')!;
  if (maxBytes.bytes < 1) throw new InputError('max-layer-expanded-size', 'must be more than 0', '20GB');
  return { maxRatio, maxBytes: maxBytes.bytes };
}

function readRegistry(value: Read, optional: ReadOptional): GateOptions['registry'] {
  const username = optional('registry-username');
  const password = optional('registry-password');
  if (Boolean(username) !== Boolean(password))
    throw new InputError(
      username ? 'registry-password' : 'registry-username',
      `is empty, but ${username ? 'registry-username' : 'registry-password'} is set`,
      'both registry-username and registry-password, or neither',
    );
  const insecureRegistries = value('insecure-registries')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((host) => {
      if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(host))
        throw new InputError('insecure-registries', `"${host.slice(0, 80)}" is not a host or host:port`, 'registry.internal:5000');
      return host;
    });
  return { username, password, insecureRegistries };
}

function readHistory(value: Read): GateOptions['history'] {
  const branch = parseOptional('history-branch', value('history-branch'), parseBranchName, 'image-size-history');
  const recordBranches = parseOptional('history-branches', value('history-branches'), parseBranchList, 'main, release') ?? [];
  if (!branch && recordBranches.length > 0)
    throw new InputError(
      'history-branches',
      'is set, but history-branch is not',
      'history-branch: image-size-history with history-branches',
    );
  return branch ? { branch, recordBranches } : undefined;
}

function readSmoke(value: Read, optional: ReadOptional): SmokeOptions {
  return {
    mode: parseChoice('smoke', value('smoke'), ['auto', 'true', 'false'] as const),
    port: parseOptional('smoke-port', value('smoke-port'), parsePort, '8080 or 8080/tcp'),
    path: parseSmokePath(value('smoke-path')),
    expectStatus: parseStatus(value('smoke-expect-status')),
    expectBody: optional('smoke-expect-body'),
    timeoutMs: parseOptional('smoke-timeout', value('smoke-timeout'), parsePositiveDuration, '30s')!,
    env: parseKeyValueLines('smoke-env', value('smoke-env')),
  };
}

/** Inputs that are valid alone but not together. */
function checkCombinations(options: GateOptions, value: (name: string) => string): void {
  const needsAnalysis = (['max-compressed-size', 'min-efficiency', 'max-wasted-size', 'max-layer-size', 'max-package-size'] as const).find(
    (name) => value(name) !== '',
  );
  if (!options.analyze && needsAnalysis) {
    throw new InputError(
      'analyze',
      `is false, but ${needsAnalysis} needs the layer analysis`,
      `analyze: true (the default) with ${needsAnalysis}`,
    );
  }
  if (options.archive && options.smoke.mode === 'true')
    throw new InputError(
      'smoke',
      "is true, but an archive's image is not run (the gate reads the archive; no engine loads it)",
      'smoke: auto or false with archive (or docker load it and gate it with image:)',
    );
  if (options.image && options.archive)
    throw new InputError('archive', 'cannot be combined with image (the gate takes the image from one place)', 'archive: image.tar alone');
  const taken = options.image ? 'image' : options.archive ? 'archive' : undefined;
  if (taken && (options.dockerfile || options.target || options.buildArgs.length > 0 || options.platforms.length > 0 || options.builder)) {
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
      `cannot be combined with ${taken} (the gate either builds or takes a built image)`,
      `${taken === 'image' ? 'image: my-app:ci' : 'archive: image.tar'} with no build inputs`,
    );
  }
}
