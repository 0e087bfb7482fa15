// Asks a Docker credential helper (`docker-credential-<name> get`, the host on standard input, JSON
// `{"Username", "Secret"}` on standard output) for a registry's credentials, through the process layer with a
// time-out. A `<token>` user means the secret is an identity token. Nothing the helper prints is quoted in an
// error but its standard error's last line, and a helper that has nothing for the host gives undefined.
import { visible } from '../common/escape.js';
import { lastErrorLine, ProcessStartError, runProcess } from '../exec/process.js';
import { Credentials } from './docker-config.js';

/** A helper that takes longer is stopped: ECR's and GCR's helpers call their cloud, which takes a second or two. */
export const CREDENTIAL_HELPER_TIMEOUT_MS = 30_000;
/** A helper's answer is a few hundred bytes; more is refused. */
const MAX_HELPER_OUTPUT_BYTES = 64 * 1024;
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** What helpers print when they hold nothing for the host (docker-credential-helpers' ErrCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i;

export class CredentialHelperError extends Error {}

/** Parses a helper's answer; the error says what is wrong without quoting the answer. */
export function parseHelperAnswer(stdout: string, program: string): Credentials | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new CredentialHelperError(`${program} answered something that is not JSON`);
  }
  const { Username: username, Secret: secret } = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (typeof secret !== 'string' || (username !== undefined && typeof username !== 'string'))
    throw new CredentialHelperError(`${program} answered JSON without the strings "Username" and "Secret"`);
  if (secret === '') return undefined;
  if (username === '<token>') return { kind: 'identity-token', identityToken: secret };
  return { kind: 'password', username: username ?? '', password: secret };
}

/** Runs `docker-credential-<helper> get` for `serverAddress`; undefined when the helper has no credentials for it. */
export async function askCredentialHelper(
  helper: string,
  serverAddress: string,
  timeoutMs: number = CREDENTIAL_HELPER_TIMEOUT_MS,
): Promise<Credentials | undefined> {
  if (!HELPER_NAME.test(helper)) throw new CredentialHelperError(`"${visible(helper, 60)}" is not a credential helper's name`);
  const program = `docker-credential-${helper}`;
  const result = await runProcess(program, ['get'], { stdin: serverAddress, timeoutMs, maxStdoutBytes: MAX_HELPER_OUTPUT_BYTES }).catch(
    (error: unknown) => {
      if (error instanceof ProcessStartError)
        throw new CredentialHelperError(
          error.code === 'ENOENT'
            ? `${program} is not installed or not on PATH`
            : `${program} could not be started (${error.code ?? 'error'})`,
        );
      throw error;
    },
  );
  const stdout = result.stdout.toString('utf8');
  if (result.timedOut) throw new CredentialHelperError(`${program} did not answer within ${timeoutMs} ms`);
  if (result.exitCode !== 0) {
    if (NOT_FOUND.test(stdout) || NOT_FOUND.test(result.stderr)) return undefined;
    const said = lastErrorLine(result.stderr);
    throw new CredentialHelperError(`${program} failed with exit code ${result.exitCode}${said ? `: ${visible(said, 200)}` : ''}`);
  }
  if (result.stdoutCut) throw new CredentialHelperError(`${program} answered more than ${MAX_HELPER_OUTPUT_BYTES} bytes`);
  return parseHelperAnswer(stdout, program);
}
