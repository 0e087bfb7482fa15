// A build context that would hand the workflow's token to the image: actions/checkout persists it in
// .git/config (as an http extraheader) unless told persist-credentials: false, and a `COPY . .` then copies
// it into a layer, where a RUN can print it into the build log. Warned about before the build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Pure: does this .git/config hold a credential (an auth header, a URL with a password, a stored helper)? */
export function gitConfigHasCredential(config: string): boolean {
  return (
    /^\s*extraheader\s*=\s*authorization:/im.test(config) ||
    /^\s*url\s*=\s*\w+:\/\/[^/\s:@]+:[^/\s@]+@/im.test(config) ||
    /^\s*helper\s*=\s*store\b/im.test(config)
  );
}

/** Pure: does this .dockerignore keep the context's .git folder out (a later `!` rule may let it back in)? */
export function dockerignoreExcludesGit(dockerignore: string): boolean {
  let excluded = false;
  for (const raw of dockerignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (['.git', '**/.git', '.git/**', '*', '**', '.*', '**/.*'].includes(pattern)) excluded = !negated;
  }
  return excluded;
}

/** The warning to give for `context`, or undefined when its .git holds no credential or is kept out. */
export async function contextCredentialWarning(context: string): Promise<string | undefined> {
  const config = await readFile(path.join(context, '.git', 'config'), 'utf8').catch(() => undefined);
  if (config === undefined || !gitConfigHasCredential(config)) return undefined;
  const dockerignore = await readFile(path.join(context, '.dockerignore'), 'utf8').catch(() => '');
  if (dockerignoreExcludesGit(dockerignore)) return undefined;
  return (
    `the build context ${context} holds .git with a credential in .git/config (actions/checkout persists the token there) ` +
    'and no .dockerignore keeps .git out: a COPY of the context puts the token in a layer, where a RUN can print it. ' +
    'Check out with persist-credentials: false, or add .git to .dockerignore'
  );
}
