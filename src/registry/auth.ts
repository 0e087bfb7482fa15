// Who the client is to each registry: anonymous, Basic, or the Bearer token dance of ghcr.io, Docker Hub and ECR
// (a 401's challenge names a token service; its token, fetched with the credentials when there are any, is sent
// with the request again). Credentials are looked up once per registry and only when a registry asks; tokens
// are kept per registry and scope for the run, and every secret is handed to the client's Secrets.
import { askCredentialHelper, CredentialHelperError } from './credential-helper.js';
import { Challenge, parseWwwAuthenticate, pickChallenge, withoutScope } from './challenge.js';
import { credentialSourceFor, Credentials, DockerConfigError, DockerConfigFile, readDockerConfig } from './docker-config.js';
import { RegistryTarget } from './errors.js';
import { registryError, RequestContext } from './request.js';
import { requestToken, Token } from './token.js';
import { HttpAnswer } from './transport.js';

export interface AuthOptions {
  /** Credentials passed in, by registry (`docker.io`, `ghcr.io`, `127.0.0.1:5000`): used before any in the Docker config. */
  explicit: ReadonlyMap<string, { username: string; password: string }>;
  /** The Docker config file to read, or undefined to read none. */
  dockerConfigFile?: string;
  credentialHelperTimeoutMs?: number;
}

/** Where a registry's credentials came from, for messages: never the credentials themselves. */
interface FoundCredentials {
  credentials?: Credentials;
  from: string;
}

/** A token is fetched again when less than this is left of its life. */
const TOKEN_MARGIN_MS = 10_000;

export class RegistryAuth {
  private readonly found = new Map<string, Promise<FoundCredentials>>();
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, { value: string; expiresAtMs: number }>();
  private readonly pending = new Map<string, Promise<Token>>();
  private config?: Promise<DockerConfigFile | undefined>;

  constructor(
    private readonly context: RequestContext,
    private readonly options: AuthOptions,
  ) {}

  /** The Authorization header to send before any 401: a token still valid, or what the registry asked for last time. */
  async authorization(target: RegistryTarget, scope: string): Promise<string | undefined> {
    const cached = this.tokens.get(`${target.registry} ${scope}`);
    if (cached && cached.expiresAtMs - TOKEN_MARGIN_MS > (this.context.now ?? Date.now)()) return `Bearer ${cached.value}`;
    const challenge = this.challenges.get(target.registry);
    return challenge ? this.answer(target, scope, challenge) : undefined;
  }

  /** After a 401: the header to try once more with, from the challenge the registry sent. Throws when no challenge can be answered. */
  async afterUnauthorized(target: RegistryTarget, scope: string, answer: HttpAnswer): Promise<string> {
    const challenge = pickChallenge(parseWwwAuthenticate(answer.wwwAuthenticate));
    if (!challenge)
      throw registryError(
        this.context,
        target,
        { kind: 'credentials' },
        '401 Unauthorized with no Basic or Bearer challenge to answer',
        401,
      );
    this.challenges.set(target.registry, withoutScope(challenge));
    this.tokens.delete(`${target.registry} ${scope}`);
    return this.answer(target, scope, challenge);
  }

  /** Why the registry still answers 401, for its message: it refused the credentials, or it wants some. */
  async describeRefusal(target: RegistryTarget): Promise<string> {
    const { credentials, from } = await this.credentialsFor(target);
    return credentials ? `the registry refused ${from}` : `the registry wants credentials: ${from}`;
  }

  private async answer(target: RegistryTarget, scope: string, challenge: Challenge): Promise<string> {
    const { credentials, from } = await this.credentialsFor(target);
    if (challenge.scheme === 'basic') {
      if (credentials?.kind === 'password')
        return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      const reason = credentials
        ? `the registry asks for a user and password (Basic), and ${from} holds an identity token`
        : `the registry asks for a user and password (Basic): ${from}`;
      throw registryError(this.context, target, { kind: 'credentials' }, reason, 401);
    }
    // Requests that start together (blobs opened side by side) share one token request.
    const key = `${target.registry} ${scope}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = requestToken(this.context, target, challenge, scope, { credentials, from }).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const token = await pending;
    const expiresAtMs = (this.context.now ?? Date.now)() + token.expiresInSeconds * 1000;
    this.tokens.set(key, { value: token.value, expiresAtMs });
    return `Bearer ${token.value}`;
  }

  private credentialsFor(target: RegistryTarget): Promise<FoundCredentials> {
    let found = this.found.get(target.registry);
    if (!found) {
      found = this.lookUp(target);
      this.found.set(target.registry, found);
    }
    return found;
  }

  private async lookUp(target: RegistryTarget): Promise<FoundCredentials> {
    const explicit = this.options.explicit.get(target.registry);
    const file = this.options.dockerConfigFile;
    const found = explicit
      ? { credentials: { kind: 'password' as const, ...explicit }, from: 'the credentials passed in' }
      : file === undefined
        ? { from: 'no credentials were passed in (and the Docker config is not read)' }
        : await this.fromDockerConfig(target, file);
    const credentials = found.credentials;
    if (credentials?.kind === 'password') {
      this.context.secrets.add(credentials.password);
      this.context.secrets.add(Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'));
    } else if (credentials) this.context.secrets.add(credentials.identityToken);
    return found;
  }

  private async fromDockerConfig(target: RegistryTarget, file: string): Promise<FoundCredentials> {
    try {
      this.config ??= readDockerConfig(file);
      const source = credentialSourceFor(await this.config, target.registry, file);
      if (source.kind === 'file') return { credentials: source.credentials, from: `the Docker config file ${file} (auths)` };
      if (source.kind === 'none') return { from: `no credentials were passed in, and ${file} holds none for ${target.registry}` };
      const credentials = await askCredentialHelper(source.helper, source.serverAddress, this.options.credentialHelperTimeoutMs);
      const helper = `the credential helper docker-credential-${source.helper} (named in ${file})`;
      return credentials ? { credentials, from: helper } : { from: `${helper} holds no credentials for ${source.serverAddress}` };
    } catch (error) {
      if (error instanceof DockerConfigError || error instanceof CredentialHelperError)
        throw registryError(this.context, target, { kind: 'credentials' }, error.message);
      throw error;
    }
  }
}
