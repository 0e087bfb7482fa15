// A build context whose .git/config holds the workflow's token, and no .dockerignore keeping .git out.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contextCredentialWarning, dockerignoreExcludesGit, gitConfigHasCredential } from '../../../src/gate/context-check.js';

// What actions/checkout writes with persist-credentials left at true (the token is a stand-in).
const CHECKOUT_CONFIG = `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://github.com/o/r\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzXzEyMw==\n`;

test.each([
  [CHECKOUT_CONFIG, true],
  ['[remote "origin"]\n\turl = https://x-access-token:ghs_123@github.com/o/r\n', true],
  ['[credential]\n\thelper = store\n', true],
  ['[remote "origin"]\n\turl = https://github.com/o/r\n', false],
  ['[remote "origin"]\n\turl = git@github.com:o/r.git\n', false],
])('gitConfigHasCredential %#', (config, expected) => {
  expect(gitConfigHasCredential(config)).toBe(expected);
});

test.each([
  ['.git\n', true],
  ['/.git/\n', true],
  ['**/.git\n', true],
  ['*\n!src\n', true],
  ['.git\n!.git\n', false],
  ['node_modules\n# .git\n', false],
  ['', false],
])('dockerignoreExcludesGit %j', (dockerignore, expected) => {
  expect(dockerignoreExcludesGit(dockerignore)).toBe(expected);
});

test('a checkout with a persisted token and no .dockerignore is warned about; .git in .dockerignore silences it', async () => {
  const context = mkdtempSync(path.join(tmpdir(), 'isg-context-'));
  try {
    mkdirSync(path.join(context, '.git'));
    writeFileSync(path.join(context, '.git', 'config'), CHECKOUT_CONFIG);
    expect(await contextCredentialWarning(context)).toMatch(/holds \.git with a credential .*persist-credentials: false/);
    writeFileSync(path.join(context, '.dockerignore'), '.git\n');
    expect(await contextCredentialWarning(context)).toBeUndefined();
    expect(await contextCredentialWarning(path.join(context, 'no-such'))).toBeUndefined();
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
});
