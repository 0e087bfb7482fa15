// A local stand-in for GitHub's REST API that tests talk to over real HTTP. It holds to GitHub's
// published OpenAPI description (@octokit/openapi): a request must name an operation that exists, carry
// a token, use only declared query parameters and send a body of the documented shape; every answer is
// checked against the documented response schema too. Problems are recorded (tests assert there are
// none) and an invalid request gets GitHub's 400/422. State lives in memory, seeded by the test, and
// faults (401, 403, 404, 5xx, rate limits, dropped connections) can be injected per operation.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------------
// The OpenAPI description: loaded once, lazily, and cut down to the operations served here

/** The subset of JSON Schema (OpenAPI 3.0) the validator and the example generator understand. */
export interface Schema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  /** 'METHOD /path/{template}' */
  key: string;
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathParameterNames: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; schema?: Schema };
  /** JSON schema of the answer for each documented status (undefined: documented without a body). */
  responses: Map<number, Schema | undefined>;
  docsUrl: string;
}

interface CompiledSpec {
  served: Map<string, Operation>;
  /** Every operation GitHub documents, to tell "not in GitHub's API" from "not served by the fake". */
  allOperations: Array<{ key: string; method: string; pattern: RegExp }>;
}

/** The operations this fake serves; each has a handler below. */
const SERVED_OPERATION_KEYS = [
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'POST /repos/{owner}/{repo}/check-runs',
] as const;

export type ServedOperation = (typeof SERVED_OPERATION_KEYS)[number];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let specPromise: Promise<CompiledSpec> | undefined;

/** The description is 13 MB of JSON: parse it once per test file and keep only what is served. */
function loadSpec(): Promise<CompiledSpec> {
  specPromise ??= (async () => {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    const spec = JSON.parse(await readFile(file, 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
      components: unknown;
    };
    return compileSpec(spec);
  })();
  return specPromise;
}

function compileSpec(spec: { paths: Record<string, Record<string, unknown>> }): CompiledSpec {
  const allOperations: CompiledSpec['allOperations'] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of Object.keys(item).filter((key) => HTTP_METHODS.includes(key))) {
      allOperations.push({ key: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), pattern: templatePattern(template) });
    }
  }
  const resolved = new Map<string, unknown>();
  const served = new Map<string, Operation>();
  for (const key of SERVED_OPERATION_KEYS) {
    const [method, template] = key.split(' ');
    const raw = spec.paths[template]?.[method.toLowerCase()];
    if (raw === undefined) throw new Error(`GitHub's OpenAPI description has no ${key}`);
    const operation = resolveRefs(spec, raw, resolved) as {
      operationId: string;
      parameters?: Parameter[];
      requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
      responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      externalDocs?: { url?: string };
    };
    const responses = new Map<number, Schema | undefined>();
    for (const [status, response] of Object.entries(operation.responses)) {
      responses.set(Number(status), response.content?.['application/json']?.schema);
    }
    served.set(key, {
      key,
      operationId: operation.operationId,
      method,
      template,
      pattern: templatePattern(template),
      pathParameterNames: [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
      parameters: operation.parameters ?? [],
      requestBody: operation.requestBody && {
        required: operation.requestBody.required === true,
        schema: operation.requestBody.content?.['application/json']?.schema,
      },
      responses,
      docsUrl: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
    });
  }
  return { served, allOperations };
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** A copy of `node` with every local `$ref` replaced by its target (shared, so cycles stay finite). */
function resolveRefs(root: unknown, node: unknown, resolved: Map<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(root, item, resolved));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const known = resolved.get(ref);
    if (known !== undefined) return known;
    const placeholder: Record<string, unknown> = {};
    resolved.set(ref, placeholder);
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, segment) => (at as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    Object.assign(placeholder, resolveRefs(root, target, resolved));
    return placeholder;
  }
  // Examples and descriptions are large and unused.
  const entries = Object.entries(node).filter(([key]) => key !== 'examples' && key !== 'description');
  return Object.fromEntries(entries.map(([key, value]) => [key, resolveRefs(root, value, resolved)]));
}

// ---------------------------------------------------------------------------------------------------
// Schema validation and examples (the subset GitHub's description uses for these operations)

export function validateSchema(schema: Schema, value: unknown, at: string, problems: string[]): void {
  const composed = schema.oneOf ?? schema.anyOf;
  if (value === null) {
    if (schema.nullable === true || typeList(schema).includes('null')) return;
    if (composed === undefined && schema.allOf === undefined && typeList(schema).length === 0) return;
  }
  for (const part of schema.allOf ?? []) validateSchema(part, value, at, problems);
  // oneOf is checked as anyOf: GitHub's alternatives overlap (e.g. nullable variants), and the
  // question here is "is this a documented shape", not "which one".
  if (composed !== undefined && !composed.some((alternative) => problemsOf(alternative, value, at).length === 0)) {
    const first = problemsOf(composed[0], value, at)[0];
    problems.push(`${at}: matches none of the ${composed.length} documented alternatives (first: ${first})`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    return;
  }
  const types = typeList(schema);
  if (types.length > 0 && !types.some((type) => hasType(type, value))) {
    problems.push(`${at}: expected ${types.join(' or ')}${schema.nullable ? ' or null' : ''}, got ${describeType(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) value.forEach((item, index) => validateSchema(schema.items!, item, `${at}[${index}]`, problems));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record)) problems.push(`${at}: required property "${name}" is missing`);
    }
    for (const [name, property] of Object.entries(record)) {
      const propertySchema = schema.properties?.[name];
      if (propertySchema !== undefined) validateSchema(propertySchema, property, `${at}.${name}`, problems);
      else if (schema.additionalProperties === false) problems.push(`${at}: property "${name}" is not documented`);
    }
  } else if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
  } else if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: above ${schema.maximum}`);
  }
}

function problemsOf(schema: Schema, value: unknown, at: string): string[] {
  const problems: string[] = [];
  validateSchema(schema, value, at, problems);
  return problems;
}

function typeList(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** The smallest value of `schema` that is documented-valid: required properties only, nulls where allowed. */
export function exampleOf(schema: Schema, depth = 0): unknown {
  if (depth > 16 || schema.nullable === true) return null;
  if (schema.allOf !== undefined) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, depth + 1)));
  const composed = schema.oneOf ?? schema.anyOf;
  if (composed !== undefined) return exampleOf(composed[0], depth + 1);
  if (schema.enum !== undefined) return schema.enum[0];
  if (schema.example !== undefined && problemsOf(schema, schema.example, '').length === 0) return structuredClone(schema.example);
  switch (typeList(schema)[0]) {
    case 'object': {
      const properties = schema.properties ?? {};
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, properties[name] ? exampleOf(properties[name], depth + 1) : null]),
      );
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date-time' ? '2024-01-01T00:00:00Z' : schema.format === 'uri' ? 'https://github.com/' : '';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// State

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

/** Who GITHUB_TOKEN posts as. */
export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

let nextUserId = 5_000_000;
export function fakeUser(login: string, type: FakeUser['type'] = 'User'): FakeUser {
  return { login, id: nextUserId++, type };
}

export interface StoredComment {
  id: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

interface IssueState {
  number: number;
  isPullRequest: boolean;
  comments: StoredComment[];
  labels: string[];
  /** Overrides merged into the documented pull-request example. */
  pull?: Record<string, unknown>;
}

/** A check run as created (POST .../check-runs): what the request said, and the id it got. */
export interface StoredCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl?: string;
  output?: { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
  createdAt: string;
}

interface RepoState {
  id: number;
  owner: string;
  name: string;
  issues: Map<number, IssueState>;
  checkRuns: StoredCheckRun[];
}

/** GitHub's timestamps: ISO 8601 to the second, in UTC. */
function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class FakeState {
  private readonly repos = new Map<string, RepoState>();
  private nextRepoId = 700_000_000;
  /** Above 2^31, as GitHub's comment ids are today: a client that assumes 32-bit ids breaks here. */
  private nextCommentId = 2_200_000_000;
  /** The account each token acts as; any other token acts as github-actions[bot] (GITHUB_TOKEN). */
  readonly tokenUsers = new Map<string, FakeUser>();

  addPullRequest(owner: string, repo: string, number: number, pull: Record<string, unknown> = {}): void {
    this.repoState(owner, repo, true)!.issues.set(number, { number, isPullRequest: true, comments: [], labels: [], pull });
  }

  addIssue(owner: string, repo: string, number: number): void {
    this.repoState(owner, repo, true)!.issues.set(number, { number, isPullRequest: false, comments: [], labels: [] });
  }

  addComment(owner: string, repo: string, number: number, comment: { body: string; user?: FakeUser; createdAt?: Date }): StoredComment {
    const issue = this.issue(owner, repo, number);
    if (issue === undefined) throw new Error(`seed ${owner}/${repo}#${number} first (addPullRequest or addIssue)`);
    const created = timestamp(comment.createdAt);
    const stored: StoredComment = {
      id: this.nextCommentId++,
      body: comment.body,
      user: comment.user ?? GITHUB_ACTIONS_BOT,
      createdAt: created,
      updatedAt: created,
    };
    issue.comments.push(stored);
    return stored;
  }

  /** The issue's comments, oldest first (GitHub lists them by ascending id). */
  comments(owner: string, repo: string, number: number): StoredComment[] {
    return [...(this.issue(owner, repo, number)?.comments ?? [])];
  }

  setLabels(owner: string, repo: string, number: number, names: string[]): void {
    const issue = this.issue(owner, repo, number);
    if (issue === undefined) throw new Error(`seed ${owner}/${repo}#${number} first`);
    issue.labels = [...names];
  }

  /** The check runs created in the repository, oldest first. */
  checkRuns(owner: string, repo: string): StoredCheckRun[] {
    return [...(this.repoState(owner, repo)?.checkRuns ?? [])];
  }

  userForToken(token: string): FakeUser {
    return this.tokenUsers.get(token) ?? GITHUB_ACTIONS_BOT;
  }

  /** Owner and repository names are not case-sensitive on GitHub. */
  repoState(owner: string, repo: string, create = false): RepoState | undefined {
    const key = `${owner}/${repo}`.toLowerCase();
    let state = this.repos.get(key);
    if (state === undefined && create) {
      state = { id: this.nextRepoId++, owner, name: repo, issues: new Map(), checkRuns: [] };
      this.repos.set(key, state);
    }
    return state;
  }

  repoById(id: number): RepoState | undefined {
    return [...this.repos.values()].find((repo) => repo.id === id);
  }

  issue(owner: string, repo: string, number: number): IssueState | undefined {
    return this.repoState(owner, repo)?.issues.get(number);
  }

  findComment(owner: string, repo: string, id: number): { issue: IssueState; comment: StoredComment } | undefined {
    for (const issue of this.repoState(owner, repo)?.issues.values() ?? []) {
      const comment = issue.comments.find((candidate) => candidate.id === id);
      if (comment !== undefined) return { issue, comment };
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Faults

export type Fault =
  | {
      status: number;
      headers?: Record<string, string>;
      /** JSON (an object gets the operation's documentation_url when it has none) or text. */
      body?: unknown;
      /** Carry the request out, then answer with the fault: an answer lost on the way back. */
      afterApplying?: boolean;
    }
  | { network: 'reset' | 'hang' };

/** Decides the answer to the `n`th request (1-based) matching the route since inject(); undefined: serve it. */
export type FaultDecider = (n: number, request: RecordedRequest) => Fault | undefined;

export const faults = {
  unauthorized: (): Fault => ({ status: 401, body: { message: 'Bad credentials', status: '401' } }),
  /** What GITHUB_TOKEN gets when it may not write, e.g. on a pull request from a fork. */
  forbiddenIntegration: (): Fault => ({ status: 403, body: { message: 'Resource not accessible by integration', status: '403' } }),
  notFound: (): Fault => ({ status: 404, body: { message: 'Not Found', status: '404' } }),
  serverError: (): Fault => ({ status: 500, body: { message: 'Server Error' } }),
  /** GitHub's edge answers a 502 with an HTML page, not JSON. */
  badGateway: (): Fault => ({
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
  }),
  secondaryRateLimit: (retryAfterSeconds = 1): Fault => ({
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  }),
  primaryRateLimit: (resetEpochSeconds: number): Fault => ({
    status: 403,
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(resetEpochSeconds),
      'x-ratelimit-resource': 'core',
    },
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
      status: '403',
    },
  }),
  connectionReset: (): Fault => ({ network: 'reset' }),
  /** Never answers (until close()): for client time-outs. */
  hang: (): Fault => ({ network: 'hang' }),
};

/** The first `count` requests get `fault`. */
export const first =
  (count: number, fault: Fault): FaultDecider =>
  (n) =>
    n <= count ? fault : undefined;
/** Only the `k`th request gets `fault`. */
export const nth =
  (k: number, fault: Fault): FaultDecider =>
  (n) =>
    n === k ? fault : undefined;
export const always =
  (fault: Fault): FaultDecider =>
  () =>
    fault;

// ---------------------------------------------------------------------------------------------------
// The server

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** The matched operation ('METHOD /template'), undefined when none matched. */
  operation?: string;
  pathParameters: Record<string, string>;
  query: URLSearchParams;
  /** The authorization scheme only ('token', 'bearer'), never the token. */
  authScheme?: string;
  body?: unknown;
  /** The status answered (0 for a dropped or hung connection). */
  status?: number;
  /** Set when the answer came from an injected fault. */
  faulted?: boolean;
}

export interface ValidationProblem {
  request: string;
  side: 'request' | 'response';
  problem: string;
}

export interface FakeGitHubOptions {
  /**
   * How Link headers spell the next page: GitHub uses `/repositories/{id}/...` (the repository's id,
   * not its name), which the fake also serves; 'owner-repo' keeps `/repos/{owner}/{repo}/...`.
   */
  linkStyle?: 'repository-id' | 'owner-repo';
  /** Where html_url points (never fetched). */
  webUrl?: string;
}

export interface FakeGitHub {
  /** The API base URL, e.g. http://127.0.0.1:41234 (use as Octokit's baseUrl). */
  url: string;
  state: FakeState;
  requests: RecordedRequest[];
  validationErrors: ValidationProblem[];
  /** Answers requests to `route` (an operation key or operationId) as `decide` says; later calls add more. */
  inject(route: ServedOperation | string, decide: FaultDecider): void;
  clearFaults(): void;
  /** Requests that matched `route` (operation key or operationId). */
  requestsTo(route: ServedOperation | string): RecordedRequest[];
  close(): Promise<void>;
}

/** GitHub's limit, counted in characters (code points), as GitHub counts. */
const COMMENT_BODY_LIMIT_CHARS = 65_536;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
const REQUEST_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Injection {
  operation: Operation;
  decide: FaultDecider;
  seen: number;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const spec = await loadSpec();
  const state = new FakeState();
  const requests: RecordedRequest[] = [];
  const validationErrors: ValidationProblem[] = [];
  let injections: Injection[] = [];
  const webUrl = options.webUrl ?? 'https://github.com';
  const linkStyle = options.linkStyle ?? 'repository-id';
  let baseUrl = '';

  const operationFor = (route: string): Operation => {
    const operation = spec.served.get(route) ?? [...spec.served.values()].find((candidate) => candidate.operationId === route);
    if (operation === undefined)
      throw new Error(`the fake serves no operation "${route}"; it serves ${[...spec.served.keys()].join(', ')}`);
    return operation;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const rawBody = await readBody(req);
    const recorded: RecordedRequest = { method, url: `${url.pathname}${url.search}`, pathParameters: {}, query: url.searchParams };
    requests.push(recorded);
    const label = `${method} ${recorded.url}`;
    const problem = (side: ValidationProblem['side'], text: string): void => {
      validationErrors.push({ request: label, side, problem: text });
    };
    const send = (answer: Answer, operation?: Operation, validateResponse = true): void => {
      recorded.status = answer.status;
      if (operation !== undefined && validateResponse && answer.body !== undefined && typeof answer.body !== 'string') {
        const schema = operation.responses.get(answer.status);
        if (schema !== undefined) for (const text of problemsOf(schema, answer.body, 'response')) problem('response', text);
      }
      if (operation !== undefined && validateResponse && !operation.responses.has(answer.status) && answer.status < 400) {
        problem('response', `status ${answer.status} is not documented for ${operation.key}`);
      }
      writeAnswer(res, answer, rateLimitHeaders());
    };

    // Route: GitHub's Link headers point at /repositories/{id}/..., an alias of /repos/{owner}/{repo}/...
    let pathname = url.pathname.replace(/\/+$/, '') || '/';
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
    if (byId) {
      const repo = state.repoById(Number(byId[1]));
      if (repo === undefined) return send({ status: 404, body: notFoundBody('https://docs.github.com/rest') });
      pathname = `/repos/${repo.owner}/${repo.name}${byId[2] ?? ''}`;
    }
    const operation = [...spec.served.values()].find((candidate) => candidate.method === method && candidate.pattern.test(pathname));
    if (operation === undefined) {
      const documented = spec.allOperations.find((candidate) => candidate.method === method && candidate.pattern.test(pathname));
      problem(
        'request',
        documented ? `${documented.key} is GitHub's but not served by the fake` : `no operation ${method} ${pathname} in GitHub's API`,
      );
      return send({ status: 404, body: notFoundBody('https://docs.github.com/rest') });
    }
    recorded.operation = operation.key;
    const values = operation.pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
    operation.pathParameterNames.forEach((name, index) => (recorded.pathParameters[name] = values[index]));

    // Validate: authorization, path and query parameters, body.
    const authorization = req.headers.authorization ?? '';
    const auth = /^(token|bearer)\s+(\S+)$/i.exec(authorization);
    if (auth === null) {
      problem('request', authorization === '' ? 'no authorization header' : 'authorization is neither "token X" nor "Bearer X"');
      return send(
        { status: 401, body: { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' } },
        operation,
      );
    }
    recorded.authScheme = auth[1].toLowerCase();
    const user = state.userForToken(auth[2]);

    const invalid: string[] = [];
    let pathInvalid = false;
    for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path')) {
      const problems = problemsOf(
        parameter.schema ?? {},
        coerce(recorded.pathParameters[parameter.name], parameter.schema),
        `path ${parameter.name}`,
      );
      if (problems.length > 0) pathInvalid = true;
      invalid.push(...problems);
    }
    const declaredQuery = new Map(
      operation.parameters.filter((candidate) => candidate.in === 'query').map((parameter) => [parameter.name, parameter]),
    );
    for (const [name, value] of url.searchParams) {
      const parameter = declaredQuery.get(name);
      if (parameter === undefined) {
        invalid.push(`query parameter "${name}" is not declared by ${operation.operationId}`);
        continue;
      }
      invalid.push(...problemsOf(parameter.schema ?? {}, coerce(value, parameter.schema), `query ${name}`));
      // Documented in the parameter's description ("max 100") rather than in its schema.
      if (name === 'per_page' && Number(value) > MAX_PER_PAGE)
        invalid.push(`query per_page=${value} is over GitHub's maximum of ${MAX_PER_PAGE}`);
    }
    let body: unknown;
    if (operation.requestBody !== undefined) {
      if (rawBody.length === 0) {
        if (operation.requestBody.required) invalid.push('the request body is required');
      } else {
        const contentType = req.headers['content-type'] ?? '';
        if (!/^application\/json\b/i.test(contentType)) invalid.push(`content-type "${contentType}" is not application/json`);
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch {
          problem('request', 'the body is not JSON');
          return send(
            { status: 400, body: { message: 'Problems parsing JSON', documentation_url: operation.docsUrl, status: '400' } },
            operation,
            false,
          );
        }
        if (operation.requestBody.schema !== undefined) invalid.push(...problemsOf(operation.requestBody.schema, body, 'body'));
      }
    } else if (rawBody.length > 0) {
      invalid.push(`${operation.operationId} takes no request body`);
    }
    recorded.body = body;
    if (invalid.length > 0) {
      for (const text of invalid) problem('request', text);
      if (pathInvalid) return send({ status: 404, body: notFoundBody(operation.docsUrl) }, operation, false);
      return send(
        {
          status: 422,
          body: { message: `Invalid request.\n\n${invalid.join('\n')}`, documentation_url: operation.docsUrl, status: '422' },
        },
        operation,
        false,
      );
    }

    // Faults, then the operation itself.
    let fault: Fault | undefined;
    for (const injection of injections.filter((candidate) => candidate.operation === operation)) {
      injection.seen++;
      fault ??= injection.decide(injection.seen, recorded);
    }
    const context: HandlerContext = {
      state,
      operation,
      params: recorded.pathParameters,
      query: url.searchParams,
      body,
      user,
      baseUrl,
      webUrl,
      linkStyle,
    };
    if (fault !== undefined) {
      recorded.faulted = true;
      if ('network' in fault) {
        recorded.status = 0;
        if (fault.network === 'reset') req.socket.destroy();
        return;
      }
      if (fault.afterApplying) handlers[operation.key as ServedOperation](context);
      const faultBody =
        typeof fault.body === 'object' && fault.body !== null && !('documentation_url' in fault.body)
          ? { ...fault.body, documentation_url: operation.docsUrl }
          : fault.body;
      return send({ status: fault.status, headers: fault.headers, body: faultBody }, operation, false);
    }
    return send(handlers[operation.key as ServedOperation](context), operation);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeAnswer(res, { status: 500, body: { message: `fake GitHub failed: ${String(error)}` } }, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    state,
    requests,
    validationErrors,
    inject(route, decide) {
      injections.push({ operation: operationFor(route), decide, seen: 0 });
    },
    clearFaults() {
      injections = [];
    },
    requestsTo(route) {
      const operation = operationFor(route);
      return requests.filter((request) => request.operation === operation.key);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hung connections would hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > REQUEST_BODY_LIMIT_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A URL parameter as the schema's type (so "100" validates as an integer, "abc" does not). */
function coerce(value: string | undefined, schema: Schema | undefined): unknown {
  const type = schema === undefined ? undefined : typeList(schema)[0];
  if (value === undefined) return undefined;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function notFoundBody(docsUrl: string): Record<string, string> {
  return { message: 'Not Found', documentation_url: docsUrl, status: '404' };
}

function rateLimitHeaders(): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    'x-github-api-version-selected': '2022-11-28',
  };
}

function writeAnswer(res: http.ServerResponse, answer: Answer, defaults: Record<string, string>): void {
  const headers: Record<string, string> = { ...defaults, 'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10)}` };
  let payload: string | undefined;
  if (answer.body !== undefined) {
    payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    headers['content-type'] = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  }
  Object.assign(headers, answer.headers);
  res.writeHead(answer.status, headers);
  res.end(payload);
}

// ---------------------------------------------------------------------------------------------------
// Operations

interface HandlerContext {
  state: FakeState;
  operation: Operation;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  user: FakeUser;
  baseUrl: string;
  webUrl: string;
  linkStyle: 'repository-id' | 'owner-repo';
}

const handlers: Record<ServedOperation, (context: HandlerContext) => Answer> = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (context) => {
    const issue = issueOf(context);
    if (issue === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    return paginated(
      context,
      issue.comments.map((comment) => commentObject(context, issue, comment)),
    );
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (context) => {
    const issue = issueOf(context);
    if (issue === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    const text = (context.body as { body: string }).body;
    if (tooLong(text)) return bodyTooLong(context);
    const { owner, repo } = context.params;
    const comment = context.state.addComment(owner, repo, issue.number, { body: text, user: context.user });
    return {
      status: 201,
      headers: { location: `${context.baseUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}` },
      body: commentObject(context, issue, comment),
    };
  },
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const found = commentOf(context);
    if (found === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    return { status: 200, body: commentObject(context, found.issue, found.comment) };
  },
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const found = commentOf(context);
    if (found === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    const text = (context.body as { body: string }).body;
    if (tooLong(text)) return bodyTooLong(context);
    found.comment.body = text;
    found.comment.updatedAt = timestamp();
    return { status: 200, body: commentObject(context, found.issue, found.comment) };
  },
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const found = commentOf(context);
    if (found === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    found.issue.comments = found.issue.comments.filter((comment) => comment !== found.comment);
    return { status: 204 };
  },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (context) => {
    const issue = context.state.issue(context.params.owner, context.params.repo, Number(context.params.pull_number));
    if (issue === undefined || !issue.isPullRequest) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    return { status: 200, body: pullObject(context, issue) };
  },
  'POST /repos/{owner}/{repo}/check-runs': (context) => {
    const { owner, repo } = context.params;
    const repoState = context.state.repoState(owner, repo, true)!;
    const body = context.body as Record<string, unknown> & { output?: StoredCheckRun['output'] };
    const stored: StoredCheckRun = {
      id: 4_000_000_000 + repoState.checkRuns.length,
      name: String(body.name),
      headSha: String(body.head_sha),
      // GitHub: a conclusion sets the status to completed.
      status: body.conclusion !== undefined ? 'completed' : String(body.status ?? 'queued'),
      conclusion: (body.conclusion as string | undefined) ?? null,
      detailsUrl: body.details_url as string | undefined,
      output: body.output,
      createdAt: timestamp(),
    };
    repoState.checkRuns.push(stored);
    return { status: 201, body: checkRunObject(context, stored) };
  },
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (context) => {
    const issue = issueOf(context);
    if (issue === undefined) return { status: 404, body: notFoundBody(context.operation.docsUrl) };
    const { owner, repo } = context.params;
    return paginated(
      context,
      issue.labels.map((name, index) => ({
        id: 100 + index,
        node_id: `LA_fake${index}`,
        url: `${context.baseUrl}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
    );
  },
};

function issueOf(context: HandlerContext): IssueState | undefined {
  return context.state.issue(context.params.owner, context.params.repo, Number(context.params.issue_number));
}

function commentOf(context: HandlerContext): { issue: IssueState; comment: StoredComment } | undefined {
  return context.state.findComment(context.params.owner, context.params.repo, Number(context.params.comment_id));
}

function tooLong(text: string): boolean {
  return [...text].length > COMMENT_BODY_LIMIT_CHARS;
}

/** GitHub's answer to a comment over the limit (always, whatever else is wrong). */
function bodyTooLong(context: HandlerContext): Answer {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${COMMENT_BODY_LIMIT_CHARS} characters)`,
        },
      ],
      documentation_url: context.operation.docsUrl,
      status: '422',
    },
  };
}

/** One page of `items` with GitHub's Link header: prev, next, last, first, in that order, when they apply. */
function paginated(context: HandlerContext, items: unknown[]): Answer {
  const perPage = Math.min(Number(context.query.get('per_page') ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = Math.max(1, Number(context.query.get('page') ?? 1));
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (target: number): string => {
    const query = new URLSearchParams(context.query);
    query.set('page', String(target));
    const { owner, repo } = context.params;
    const repoState = context.state.repoState(owner, repo)!;
    const rest = context.operation.template
      .replace(/^\/repos\/\{owner\}\/\{repo\}/, '')
      .replace(/\{(\w+)\}/g, (_, name: string) => context.params[name]);
    const prefix = context.linkStyle === 'repository-id' ? `/repositories/${repoState.id}` : `/repos/${owner}/${repo}`;
    return `${context.baseUrl}${prefix}${rest}?${query.toString()}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return {
    status: 200,
    headers: links.length > 0 ? { link: links.join(', ') } : {},
    body: items.slice((page - 1) * perPage, page * perPage),
  };
}

function userObject(context: HandlerContext, user: FakeUser): Record<string, unknown> {
  const api = `${context.baseUrl}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: `${user.type === 'Bot' ? 'BOT' : 'U'}_fake${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${context.webUrl}/${user.type === 'Bot' ? 'apps/' + user.login.replace(/\[bot\]$/, '') : user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function commentObject(context: HandlerContext, issue: IssueState, comment: StoredComment): Record<string, unknown> {
  const { owner, repo } = context.params;
  const repoState = context.state.repoState(owner, repo)!;
  const kind = issue.isPullRequest ? 'pull' : 'issues';
  return {
    url: `${context.baseUrl}/repos/${repoState.owner}/${repoState.name}/issues/comments/${comment.id}`,
    html_url: `${context.webUrl}/${repoState.owner}/${repoState.name}/${kind}/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${context.baseUrl}/repos/${repoState.owner}/${repoState.name}/issues/${issue.number}`,
    id: comment.id,
    node_id: `IC_fake${comment.id}`,
    user: userObject(context, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
    body: comment.body,
    performed_via_github_app: null,
  };
}

/** The documented pull-request example, with the fields a test seeded (deep-merged) on top. */
function pullObject(context: HandlerContext, issue: IssueState): unknown {
  const schema = context.operation.responses.get(200)!;
  const { owner, repo } = context.params;
  const repoState = context.state.repoState(owner, repo)!;
  const base = {
    number: issue.number,
    state: 'open',
    url: `${context.baseUrl}/repos/${repoState.owner}/${repoState.name}/pulls/${issue.number}`,
    html_url: `${context.webUrl}/${repoState.owner}/${repoState.name}/pull/${issue.number}`,
    issue_url: `${context.baseUrl}/repos/${repoState.owner}/${repoState.name}/issues/${issue.number}`,
    labels: issue.labels.map((name, index) => ({
      id: 100 + index,
      node_id: `LA_fake${index}`,
      url: `${context.baseUrl}/repos/${repoState.owner}/${repoState.name}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    })),
  };
  return deepMerge(deepMerge(exampleOf(schema), base), issue.pull ?? {});
}

function deepMerge(target: unknown, source: unknown): unknown {
  if (!isPlainObject(target) || !isPlainObject(source)) return source === undefined ? target : structuredClone(source);
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) merged[key] = deepMerge(merged[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documented check-run object (its smallest valid example) with what the request set. */
function checkRunObject(context: HandlerContext, run: StoredCheckRun): unknown {
  const schema = context.operation.responses.get(201)!;
  const { owner, repo } = context.params;
  const url = `${context.baseUrl}/repos/${owner}/${repo}/check-runs/${run.id}`;
  return deepMerge(exampleOf(schema), {
    id: run.id,
    node_id: `CR_fake${run.id}`,
    head_sha: run.headSha,
    name: run.name,
    url,
    html_url: `${context.webUrl}/${owner}/${repo}/runs/${run.id}`,
    details_url: run.detailsUrl ?? null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.createdAt,
    completed_at: run.status === 'completed' ? run.createdAt : null,
    output: {
      title: run.output?.title ?? null,
      summary: run.output?.summary ?? null,
      text: null,
      annotations_count: run.output?.annotations?.length ?? 0,
      annotations_url: `${url}/annotations`,
    },
  });
}
