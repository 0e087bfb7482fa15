import { evaluateBudgets, gatePassed } from '../../../src/judge/budgets.js';
import { Budgets } from '../../../src/inputs/options.js';
import { resolveUser } from '../../../src/user/resolve.js';
import { measurements as measured } from '../../support/unit-gate-samples.js';

const noBudgets: Budgets = { requireNonRoot: false };

describe('evaluateBudgets', () => {
  test('size under budget passes with its margin, in the budget unit system', () => {
    const [size] = evaluateBudgets(measured(), { ...noBudgets, maxSize: { bytes: 25_000_000, unit: 'MB' } });
    expect(size).toMatchObject({ verdict: 'pass', budget: '25.0 MB', margin: '20.5 MB under', measured: '4.46 MB (4,460,581 B)' });
    const [binary] = evaluateBudgets(measured(), { ...noBudgets, maxSize: { bytes: 24 * 1024 * 1024, unit: 'MiB' } });
    expect(binary).toMatchObject({ verdict: 'pass', budget: '24.0 MiB', measured: '4.25 MiB (4,460,581 B)' });
  });

  test('size exactly at the budget passes; one byte over fails', () => {
    const at = evaluateBudgets(measured({ sizeBytes: 1_000_000 }), { ...noBudgets, maxSize: { bytes: 1_000_000, unit: 'MB' } });
    expect(at[0].verdict).toBe('pass');
    const over = evaluateBudgets(measured({ sizeBytes: 1_000_001 }), { ...noBudgets, maxSize: { bytes: 1_000_000, unit: 'MB' } });
    expect(over[0]).toMatchObject({ verdict: 'fail', margin: '1 B over' });
    expect(gatePassed(over)).toBe(false);
  });

  test('without budgets every figure is reported and nothing fails', () => {
    const checks = evaluateBudgets(measured(), noBudgets);
    expect(checks.map((check) => [check.id, check.verdict])).toEqual([
      ['size', 'info'],
      ['layers', 'info'],
      ['non-root', 'info'],
      ['smoke', 'pass'],
      ['startup', 'info'],
    ]);
    expect(gatePassed(checks)).toBe(true);
  });

  test('layers over budget fail', () => {
    const checks = evaluateBudgets(measured({ layerCount: 7 }), { ...noBudgets, maxLayers: 5 });
    expect(checks[1]).toMatchObject({ verdict: 'fail', margin: '2 over' });
  });

  test('require-non-root fails root and unresolved users', () => {
    const root = evaluateBudgets(measured({ user: resolveUser('', undefined) }), { requireNonRoot: true });
    expect(root[2]).toMatchObject({ verdict: 'fail' });
    expect(root[2].detail).toContain('add a USER');
    const ghost = evaluateBudgets(measured({ user: resolveUser('ghost', undefined) }), { requireNonRoot: true });
    expect(ghost[2].verdict).toBe('fail');
    const app = evaluateBudgets(measured(), { requireNonRoot: true });
    expect(app[2].verdict).toBe('pass');
  });

  test('start-up over budget fails; a budget that cannot be checked fails and says why', () => {
    const slow = evaluateBudgets(measured(), { ...noBudgets, maxStartupMs: 300 });
    expect(slow[4]).toMatchObject({ verdict: 'fail', margin: '13 ms over' });
    const skipped = evaluateBudgets(measured({ smoke: { ran: false, reason: 'the image EXPOSEs no port' } }), {
      ...noBudgets,
      maxStartupMs: 1000,
    });
    expect(skipped[3].verdict).toBe('skip');
    expect(skipped[4]).toMatchObject({ verdict: 'fail' });
    expect(skipped[4].detail).toContain('EXPOSEs no port');
  });

  test('a failed smoke test fails the gate', () => {
    const failed = evaluateBudgets(
      measured({
        smoke: { ran: true, result: { port: 80, path: '/', passed: false, failure: 'the container stopped', containerLog: [] } },
      }),
      noBudgets,
    );
    expect(failed[3]).toMatchObject({ verdict: 'fail', measured: 'no answer' });
    expect(gatePassed(failed)).toBe(false);
  });

  test('compressed and wasted sizes are byte budgets like max-size, and say when the analysis did not run', () => {
    const analysis = { compressedSizeBytes: 2_000_000, efficiency: 0.99, wastedBytes: 10_000 };
    const checks = evaluateBudgets(measured({ analysis }), {
      ...noBudgets,
      maxCompressedSize: { bytes: 1_500_000, unit: 'MB' },
      maxWastedSize: { bytes: 64 * 1024, unit: 'KiB' },
    });
    expect(checks.find((check) => check.id === 'compressed-size')).toEqual({
      id: 'compressed-size',
      label: 'Size (compressed)',
      measured: '2.00 MB (2,000,000 B)',
      budget: '1.50 MB',
      margin: '500 kB over',
      verdict: 'fail',
      detail: '500 kB over max-compressed-size',
    });
    expect(checks.find((check) => check.id === 'wasted-size')).toMatchObject({
      verdict: 'pass',
      budget: '64.0 KiB',
      detail: 'within max-wasted-size',
    });
    const unmeasured = evaluateBudgets(measured(), { ...noBudgets, maxCompressedSize: { bytes: 1, unit: 'MB' } });
    expect(unmeasured.find((check) => check.id === 'compressed-size')).toMatchObject({
      measured: '',
      verdict: 'fail',
      detail: 'max-compressed-size cannot be checked: the layer analysis did not run',
    });
  });
});
