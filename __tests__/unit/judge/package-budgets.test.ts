// max-layer-size and max-package-size: the figure, the budget, the margin and which layer or packages are over,
// with allow-large-packages by name or by ecosystem:name.
import { evaluateBudgets } from '../../../src/judge/budgets.js';
import { measurements } from '../../support/unit-gate-samples.js';
import { parseSize } from '../../../src/common/units.js';
import { Budgets } from '../../../src/inputs/options.js';

const layers = [
  { index: 0, sizeBytes: 74_000_000, createdBy: 'ADD file:abc in /' },
  { index: 1, sizeBytes: 120_000_000, createdBy: 'RUN apt-get install -y build-essential', line: 3 },
];
const packages = [
  { ecosystem: 'npm' as const, name: 'typescript', version: '5.9.3', sizeBytes: 23_600_000, line: 9 },
  { ecosystem: 'deb' as const, name: 'libc6', version: '2.36-9', sizeBytes: 12_800_000 },
  { ecosystem: 'python' as const, name: 'typing-extensions', version: '4.12.2', sizeBytes: 11_000_000 },
  { ecosystem: 'deb' as const, name: 'curl', version: '7.88.1', sizeBytes: 485_406 },
];
const analysis = { efficiency: 1, wastedBytes: 0, layers, packages };
const budgets = (more: Partial<Budgets>): Budgets => ({ requireNonRoot: false, ...more });
const check = (more: Partial<Budgets>, measured = measurements({ analysis }), id = 'package-size') =>
  evaluateBudgets(measured, budgets(more)).find((candidate) => candidate.id === id);

test('the checks appear only when their budget is set', () => {
  const ids = evaluateBudgets(measurements({ analysis }), budgets({})).map((item) => item.id);
  expect(ids).not.toContain('layer-size');
  expect(ids).not.toContain('package-size');
});

test('max-layer-size names the largest layer, its line and instruction when it is over', () => {
  expect(check({ maxLayerSize: parseSize('150MB') }, undefined, 'layer-size')).toEqual({
    id: 'layer-size',
    label: 'Largest layer',
    measured: '120 MB, layer 2 (line 3)',
    budget: '150 MB',
    margin: '30.0 MB under',
    verdict: 'pass',
    detail: 'within max-layer-size',
  });
  const over = check({ maxLayerSize: parseSize('100MB') }, undefined, 'layer-size')!;
  expect(over).toMatchObject({ verdict: 'fail', margin: '20.0 MB over' });
  expect(over.detail).toBe(
    'layer 2 (line 3), `RUN apt-get install -y build-essential`, is 20.0 MB over max-layer-size; split it, or move what it adds to a build stage',
  );
});

test('max-package-size names what is over; allow-large-packages takes a name or ecosystem:name', () => {
  const over = check({ maxPackageSize: parseSize('10MB') })!;
  expect(over).toMatchObject({ verdict: 'fail', measured: 'typescript 5.9.3 (npm, 23.6 MB, line 9)', margin: '13.6 MB over' });
  expect(over.detail).toBe(
    'over max-package-size: typescript 5.9.3 (npm, 23.6 MB, line 9), libc6 2.36-9 (deb, 12.8 MB), typing-extensions 4.12.2 (python, 11.0 MB); remove them, move them to a build stage, or name them in allow-large-packages',
  );
  const allowed = check({ maxPackageSize: parseSize('12MB'), allowLargePackages: ['typescript', 'deb:libc6'] })!;
  expect(allowed).toMatchObject({
    verdict: 'pass',
    measured: 'typing-extensions 4.12.2 (python, 11.0 MB)',
    detail: 'within max-package-size (2 allowed by allow-large-packages)',
  });
  // npm:libc6 names no package here: deb's libc6 is still over; Python names are compared as PEP 503 normalises them.
  expect(check({ maxPackageSize: parseSize('12MB'), allowLargePackages: ['typescript', 'npm:libc6'] })!.verdict).toBe('fail');
  expect(check({ maxPackageSize: parseSize('1MB'), allowLargePackages: ['typescript', 'libc6', 'Typing_Extensions'] })!.verdict).toBe(
    'pass',
  );
});

test('without the analysis, a set budget cannot be checked and fails, as the other analysis budgets do', () => {
  expect(check({ maxPackageSize: parseSize('10MB') }, measurements())).toMatchObject({
    verdict: 'fail',
    detail: 'max-package-size cannot be checked: the layer analysis did not run',
  });
  expect(check({ maxLayerSize: parseSize('10MB') }, measurements(), 'layer-size')!.verdict).toBe('fail');
});
