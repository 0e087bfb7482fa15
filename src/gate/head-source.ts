// Where the gated image comes from when the gate does not build it and the engine may not hold it: an archive
// (a file, no engine needed), or its registry (written registry://, or when no engine answers or it lacks the
// image). Each gives the Head the gate goes on with, named after where it was measured.
import { EngineInfo, engineless, EngineProbe } from '../docker/engine.js';
import { GateOptions } from '../inputs/options.js';
import { BuildInfo, Measured } from '../judge/measured.js';
import type { ReadLayers } from '../analysis/registry-image.js';
import { parseImageReference } from '../registry/reference.js';
import { GateError } from '../common/errors.js';
import { ImageNotFoundError } from '../docker/inspect.js';
import { GateDependencies } from './deps.js';
import { measureArchive } from './measure-archive.js';
import { measureRegistryImage, namesRegistryImage, REGISTRY_PREFIX } from './measure-registry.js';
import { RegistryAccess } from './registry-access.js';

export interface Head {
  reference: string;
  buildInfo?: BuildInfo;
  measured: Measured;
  engine: EngineInfo;
}

/** What reading the gated image needs besides the options and the engine. */
export interface HeadSources {
  probe: EngineProbe;
  registry: RegistryAccess;
  /** Told every layer the gated image's reading read (for a baseline read from a registry). */
  keep?: ReadLayers;
}

/**
 * Pure: whether an image input names a registry host of its own (`ghcr.io/acme/app:1`, `localhost:5000/app`),
 * so that the gate may read it from there when the engine lacks it. A bare name (`my-app:ci`) is taken for a
 * local image: reading Docker Hub for it would turn a typo into a confusing registry error.
 */
export function namesRegistryHost(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const first = text.slice(0, slash);
  if (!(first.includes('.') || first.includes(':') || first === 'localhost')) return false;
  try {
    parseImageReference(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The gated image from its registry after the engine could not give it: a failure there says both what the
 * engine said and what the registry said, under the step the engine's answer names.
 */
export async function registryHeadInstead(
  image: string,
  engineAnswer: GateError,
  label: string,
  options: GateOptions,
  deps: GateDependencies,
  sources: HeadSources,
): Promise<Head> {
  const why = engineAnswer instanceof ImageNotFoundError ? 'the engine does not hold it' : 'no Docker engine answers';
  deps.log.info(`${image}: ${why}; reading it from its registry instead (no pull)`);
  try {
    return await registryHead(image, label, options, deps, sources);
  } catch (error) {
    if (!(error instanceof GateError)) throw error;
    throw new GateError(
      engineAnswer.step,
      `${engineAnswer.message.replace(/^\w+: /, '')}; reading it from its registry instead failed too (${error.message.replace(/^\w+: /, '')})`,
      { cause: error },
    );
  }
}

/** The gated image read from its registry when the input says so (registry://) or no engine answers; else undefined. */
export async function registryHeadFirst(
  image: string,
  label: string,
  options: GateOptions,
  deps: GateDependencies,
  sources: HeadSources,
): Promise<Head | undefined> {
  if (namesRegistryImage(image)) return registryHead(image.slice(REGISTRY_PREFIX.length), label, options, deps, sources);
  const unreachable = await sources.probe.engine.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!unreachable || !namesRegistryHost(image) || !(unreachable instanceof GateError)) return undefined;
  return registryHeadInstead(image, unreachable, label, options, deps, sources);
}

export async function registryHead(
  reference: string,
  label: string,
  options: GateOptions,
  deps: GateDependencies,
  sources: HeadSources,
): Promise<Head> {
  const runner = await sources.probe.engine.then(
    (engine) => engine.platform,
    () => undefined,
  );
  const client = sources.registry.get();
  const request = { reference, label, step: 'image' as const, options, client, preferredPlatform: runner, keep: sources.keep };
  const measured = await measureRegistryImage(request, deps);
  return { reference: `${REGISTRY_PREFIX}${reference}`, measured, engine: engineless('registry') };
}

/**
 * An image from a file: no engine is needed. When one answers, the platform it runs goes first; the report
 * says the archive measured it.
 */
export async function measureArchiveHead(
  archive: string,
  label: string,
  options: GateOptions,
  deps: GateDependencies,
  probe: EngineProbe,
): Promise<Head> {
  const runner = await probe.engine.then(
    (engine) => engine.platform,
    () => undefined,
  );
  const measured = await measureArchive({ path: archive, label, options, preferredPlatform: runner }, deps);
  return { reference: archive, measured, engine: engineless('archive') };
}
