// How a git command that talks to the server gets the workflow's token: through its environment only, so the
// token is in no file and in no process's command line. Used by the baseline's fetches and the history's.

/**
 * The environment that gives one git command the token: an extra HTTP header scoped to the server, set through
 * GIT_CONFIG_COUNT/KEY/VALUE (git 2.31+). The empty value first clears the header actions/checkout may have
 * persisted, so exactly one Authorization header is sent.
 */
export function tokenEnvironment(token: string | undefined, serverUrl = 'https://github.com'): Record<string, string> {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' };
  if (!token) return env;
  const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return {
    ...env,
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`,
  };
}
