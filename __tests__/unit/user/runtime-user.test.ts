// The user the image names, held against the uid the smoke container's main process really got.
import { checkRuntimeUser, resolveUser } from '../../../src/user/resolve.js';

const passwd = 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/false\n';

test('agreement keeps the resolution', () => {
  const user = resolveUser('app', { passwd, group: 'app:x:1000:\n' });
  expect(user.kind).toBe('non-root');
  expect(checkRuntimeUser(user, 1000)).toBe(user);
  expect(checkRuntimeUser(user, undefined)).toBe(user);
});

test('a process that ran as uid 0 is root, whatever the image said, and the reason names both', () => {
  const user = resolveUser('app', { passwd, group: '' });
  const checked = checkRuntimeUser(user, 0);
  expect(checked.kind).toBe('root');
  expect(checked.reason).toMatch(/main process ran as uid 0 \(root\), though USER/);
});

test('another uid than the image resolves to is not non-root, and names both uids', () => {
  const checked = checkRuntimeUser(resolveUser('1000', { passwd, group: '' }), 101000);
  expect(checked.kind).toBe('unresolved');
  expect(checked.reason).toContain('resolves to uid 1000, but the smoke container');
  expect(checked.reason).toContain('ran as uid 101000');
});
