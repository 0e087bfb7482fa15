// The one registry client of a run, made when an image is first read from a registry, so that the gated image
// and its baseline share tokens and connections. Explicit credentials (registry-username/-password) apply to
// the registries the image and baseline inputs name; every other read uses the Docker client's config.
import type { GateLog } from '../common/log.js';
import { GateOptions } from '../inputs/options.js';
import { RegistryClient } from '../registry/client.js';
import { parseImageReference } from '../registry/reference.js';
import { REGISTRY_PREFIX } from './measure-registry.js';

/** Pure: the registries the image and baseline inputs name (those that parse as references). */
export function namedRegistries(options: GateOptions): string[] {
  const named = [options.image, options.baseline.kind === 'image' ? options.baseline.reference : undefined];
  const registries = new Set<string>();
  for (const text of named) {
    if (!text) continue;
    try {
      registries.add(parseImageReference(text.startsWith(REGISTRY_PREFIX) ? text.slice(REGISTRY_PREFIX.length) : text).registry);
    } catch {
      // Not a registry reference (an image id, a local name): nothing to log in to.
    }
  }
  return [...registries];
}

export class RegistryAccess {
  private client?: RegistryClient;

  constructor(
    private readonly options: GateOptions,
    private readonly log: GateLog,
  ) {}

  /** The run's client, made on first use. */
  get(): RegistryClient {
    if (!this.client) {
      const { username, password, insecureRegistries } = this.options.registry;
      const credentials =
        username && password ? Object.fromEntries(namedRegistries(this.options).map((registry) => [registry, { username, password }])) : {};
      this.client = new RegistryClient({ credentials, insecureRegistries, log: (line) => this.log.info(line) });
    }
    return this.client;
  }

  /** Lets the run end without waiting for idle connections. */
  close(): void {
    this.client?.close();
  }
}
