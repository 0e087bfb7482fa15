import { workflowPath } from '../../../src/action/sub-step.js';

test('workflowPath: the workflow file of this repository that GITHUB_WORKFLOW_REF names, else nothing', () => {
  expect(workflowPath('octo-org/shop/.github/workflows/image-size.yml@refs/pull/12/merge', 'octo-org/shop')).toBe(
    '.github/workflows/image-size.yml',
  );
  expect(workflowPath('Octo-Org/Shop/.github/workflows/ci.yaml@refs/heads/main', 'octo-org/shop')).toBe('.github/workflows/ci.yaml');
  // Another repository's (reusable) workflow, a path outside .github/workflows, or no variable: not known.
  expect(workflowPath('acme/shared/.github/workflows/gate.yml@v1', 'octo-org/shop')).toBeUndefined();
  expect(workflowPath('octo-org/shop/../../etc/passwd@x', 'octo-org/shop')).toBeUndefined();
  expect(workflowPath(undefined, 'octo-org/shop')).toBeUndefined();
});
