// A client of the Docker/OCI Distribution API v2 over Node's http and https: manifests by tag or digest (digest
// checked), images resolved per platform (resolve.ts), blobs streamed with their digest and length checked as
// they end. One client serves a run: its tokens, credentials and connections are reused across images, so two
// images of one registry share them. Every failure is a RegistryError (errors.ts).
import { Readable, pipeline } from 'node:stream';
import { RegistryAuth } from './auth.js';
import { ContentMismatch, DigestCheck, digestOf } from './digest.js';
import { RegistryAsk, RegistryError, RegistryTarget, Secrets } from './errors.js';
import { Descriptor, MANIFEST_ACCEPT, ManifestDocument, ManifestFormatError, parseManifest } from './manifest.js';
import { ImageReference, isDigest, isRepositoryName, isTag, registryApiHost } from './reference.js';
import { failedAnswer, registryError, RequestContext, sendWithRetries } from './request.js';
import { ManifestSource, resolveImage, ResolvedImage } from './resolve.js';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './retry.js';
import { createAgents, discard, HttpAnswer, plainHttpAllowed, readBody, TransportError } from './transport.js';
import { dockerConfigPath } from './docker-config.js';

/** Manifests and indexes larger than this are refused (containerd's bound too). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface RegistryClientOptions {
  /** Credentials by registry as references name it (`docker.io`, `ghcr.io`, `127.0.0.1:5000`); they come before the Docker config's. */
  credentials?: Record<string, { username: string; password: string }>;
  /** The Docker config file to read credentials from (default `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`); null reads none. */
  dockerConfigFile?: string | null;
  /** Registries (`host` or `host:port`) reached over plain HTTP although they are not loopback hosts. */
  insecureRegistries?: string[];
  /** Told about each retry, one line at a time, secrets blanked. */
  log?: (line: string) => void;
  connectTimeoutMs?: number;
  stallTimeoutMs?: number;
  maxRedirects?: number;
  retry?: Partial<RetryPolicy>;
  credentialHelperTimeoutMs?: number;
}

export class RegistryClient implements ManifestSource {
  private readonly context: RequestContext;
  private readonly auth: RegistryAuth;

  constructor(options: RegistryClientOptions = {}) {
    const insecureHosts = new Set((options.insecureRegistries ?? []).map((host) => host.toLowerCase()));
    this.context = {
      limits: {
        connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
        maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        insecureHosts,
      },
      agents: createAgents(),
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      secrets: new Secrets(),
      log: options.log,
    };
    this.auth = new RegistryAuth(this.context, {
      explicit: new Map(Object.entries(options.credentials ?? {})),
      dockerConfigFile: options.dockerConfigFile === null ? undefined : (options.dockerConfigFile ?? dockerConfigPath()),
      credentialHelperTimeoutMs: options.credentialHelperTimeoutMs,
    });
  }

  /** Resolves an image to its platforms, configs and layers (resolve.ts); `platforms` limits an index's platforms fetched. */
  resolveImage(reference: ImageReference, options: { platforms?: string[] } = {}): Promise<ResolvedImage> {
    return resolveImage(this, reference, options.platforms);
  }

  /** A manifest or index by tag or digest: parsed, its digest computed and checked against the one asked for (and `expected`'s size). */
  async fetchManifest(
    target: RegistryTarget,
    tagOrDigest: string,
    expected?: Descriptor,
  ): Promise<{ document: ManifestDocument; digest: string }> {
    const ask: RegistryAsk = { kind: 'manifest', name: tagOrDigest };
    const answer = await this.get(target, ask, `manifests/${tagOrDigest}`, { accept: MANIFEST_ACCEPT });
    if (answer.status !== 200) throw await failedAnswer(this.context, target, ask, answer);
    const bytes = await this.read(target, ask, answer, MAX_MANIFEST_BYTES);
    const pinned = isDigest(tagOrDigest) ? tagOrDigest : undefined;
    const digest = digestOf(bytes, pinned);
    if (pinned && digest !== pinned)
      throw registryError(this.context, target, ask, `the registry sent a manifest whose digest is ${digest}, not the one asked for`);
    const header = answer.headers['docker-content-digest'];
    if (!pinned && typeof header === 'string' && header.startsWith('sha256:') && header !== digest)
      throw registryError(
        this.context,
        target,
        ask,
        `the manifest's digest is ${digest} but the registry says it is ${header.slice(0, 80)}`,
      );
    if (expected && bytes.length !== expected.sizeBytes)
      throw registryError(this.context, target, ask, `the manifest is ${bytes.length} bytes where the index lists ${expected.sizeBytes}`);
    try {
      return { document: parseManifest(bytes, answer.headers['content-type']), digest };
    } catch (error) {
      if (error instanceof ManifestFormatError) throw this.formatError(target, ask, error.message);
      throw error;
    }
  }

  /** A blob of at most `maxBytes` parsed as a JSON object (an image config), its size and digest checked. */
  async readJsonBlob(target: RegistryTarget, descriptor: Descriptor, maxBytes: number): Promise<Record<string, unknown>> {
    const ask: RegistryAsk = { kind: 'blob', digest: descriptor.digest };
    if (descriptor.sizeBytes > maxBytes)
      throw registryError(
        this.context,
        target,
        ask,
        `the manifest lists ${descriptor.sizeBytes} bytes, more than the ${maxBytes} read at most`,
      );
    const answer = await this.get(target, ask, `blobs/${descriptor.digest}`, {});
    if (answer.status !== 200) throw await failedAnswer(this.context, target, ask, answer);
    const bytes = await this.read(target, ask, answer, maxBytes);
    const digest = digestOf(bytes, descriptor.digest);
    if (bytes.length !== descriptor.sizeBytes || digest !== descriptor.digest)
      throw registryError(
        this.context,
        target,
        ask,
        `the registry sent ${bytes.length} bytes with the digest ${digest}, not the blob asked for`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw this.formatError(target, ask, 'the config is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw this.formatError(target, ask, 'the config is not a JSON object');
    return parsed as Record<string, unknown>;
  }

  /**
   * A blob's bytes as a stream, never held whole. Resolves once the registry (or the storage it redirects to)
   * answers; the stream fails instead of ending when the bytes' length or digest is not the one asked for.
   */
  async openBlob(target: RegistryTarget, digest: string, expectedSizeBytes?: number): Promise<Readable> {
    const ask: RegistryAsk = { kind: 'blob', digest };
    if (!isDigest(digest))
      throw registryError(this.context, target, ask, 'this is not a digest: expected sha256: and 64 lowercase hex digits');
    const answer = await this.get(target, ask, `blobs/${digest}`, {});
    if (answer.status !== 200) throw await failedAnswer(this.context, target, ask, answer);
    const declared = Number(answer.headers['content-length']);
    if (expectedSizeBytes !== undefined && Number.isSafeInteger(declared) && declared !== expectedSizeBytes) {
      answer.body.destroy();
      throw registryError(
        this.context,
        target,
        ask,
        `the registry announces ${declared} bytes where the manifest lists ${expectedSizeBytes}`,
      );
    }
    const sizeBytes = expectedSizeBytes ?? (Number.isSafeInteger(declared) ? declared : undefined);
    const check: DigestCheck = new DigestCheck(digest, sizeBytes, (error) => this.streamError(target, ask, error, check.bytesSeen));
    pipeline(answer.body, check, () => undefined);
    return check;
  }

  /** Closes the client's idle connections; requests under way go on. */
  close(): void {
    this.context.agents.http.destroy();
    this.context.agents.https.destroy();
  }

  formatError(target: RegistryTarget, ask: RegistryAsk, reason: string): RegistryError {
    return registryError(this.context, target, ask, `the registry sent something that is not a valid image document: ${reason}`);
  }

  private streamError(target: RegistryTarget, ask: RegistryAsk, error: Error, bytesSeen: number): Error {
    if (error instanceof RegistryError) return error;
    if (error instanceof ContentMismatch) return registryError(this.context, target, ask, error.message);
    const reason =
      (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'the connection closed early' : error.message.slice(0, 200);
    return registryError(this.context, target, ask, `${reason}, after ${bytesSeen} bytes`);
  }

  private async read(target: RegistryTarget, ask: RegistryAsk, answer: HttpAnswer, maxBytes: number): Promise<Buffer> {
    try {
      return await readBody(answer, maxBytes);
    } catch (error) {
      if (error instanceof TransportError) throw registryError(this.context, target, ask, error.message);
      throw error;
    }
  }

  /** GETs `/v2/<repository>/<path>` with what the registry's authentication asks for (one more try after a 401). */
  private async get(target: RegistryTarget, ask: RegistryAsk, path: string, headers: Record<string, string>): Promise<HttpAnswer> {
    if (!isRepositoryName(target.repository))
      throw registryError(this.context, target, ask, 'the repository name is not one a reference can hold');
    if (ask.kind === 'manifest' && !isDigest(ask.name) && !isTag(ask.name))
      throw registryError(this.context, target, ask, 'this is neither a tag nor a digest');
    const scheme = plainHttpAllowed(registryApiHost(target.registry), this.context.limits.insecureHosts) ? 'http' : 'https';
    const url = new URL(`${scheme}://${registryApiHost(target.registry)}/v2/${target.repository}/${path}`);
    const scope = `repository:${target.repository}:pull`;
    let authorization = await this.auth.authorization(target, scope);
    for (let authTries = 0; ; authTries += 1) {
      const answer = await sendWithRetries(this.context, target, ask, {
        method: 'GET',
        url,
        headers: authorization ? { ...headers, authorization } : headers,
      });
      if (answer.status !== 401) return answer;
      if (authTries >= 1) throw await failedAnswer(this.context, target, ask, answer, await this.auth.describeRefusal(target));
      discard(answer);
      authorization = await this.auth.afterUnauthorized(target, scope, answer);
    }
  }
}
