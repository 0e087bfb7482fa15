// Where the gated image comes from when the gate does not build it and the engine may not hold it: an archive
// (a file, no engine needed), or its registry (written registry://, or when no engine answers or it lacks the
// image). Each gives the Head the gate goes on with, named after where it was measured.
import { EngineInfo, engineless, EngineProbe } from '../docker/engine.js';
import { GateOptions } from '../inputs/options.js';
import { BuildInfo, Measured } from '../judge/measured.js';
import type { ReadLayers } from '../analysis/registry-image.js';
import { parseImageReference } from '../registry/reference.js';
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

/** Pure: whether an image input can name an image in a registry (not an image id). */
export function mayBeInRegistry(text: string): boolean {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(text)) return false;
  try {
    parseImageReference(text);
    return true;
  } catch {
    return false;
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
  const engine = await sources.probe.engine.catch(() => undefined);
  if (engine || !mayBeInRegistry(image)) return undefined;
  deps.log.info(`No Docker engine answers: reading ${image} from its registry (no pull)`);
  return registryHead(image, label, options, deps, sources);
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
