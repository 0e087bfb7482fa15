// Pure: the budgets the layer and package views make precise: max-layer-size (the largest layer: a pull
// downloads layers side by side, so the largest bounds it) and max-package-size (no one installed package over
// N, but those allow-large-packages names).
import { ParsedSize, formatBytes, formatInteger, unitSystemOf } from '../common/units.js';
import { clipCreatedBy } from '../common/created-by.js';
import { normalizePythonName } from '../packages/python.js';
import { InstalledPackage } from '../packages/types.js';

export interface LayerFigure {
  index: number;
  sizeBytes: number;
  createdBy: string;
  line?: number;
}

export type PackageFigure = Pick<InstalledPackage, 'ecosystem' | 'name' | 'version' | 'sizeBytes' | 'line'>;

const NAMED_OVER = 3;

/** A check of these budgets (budgets.ts's Check, which imports this file, takes it as it is). */
export interface SizeCheck {
  id: 'layer-size' | 'package-size';
  label: string;
  measured: string;
  budget: string;
  margin: string;
  verdict: 'pass' | 'fail';
  detail: string;
}

function marginText(marginBytes: number, format: (value: number) => string): string {
  return marginBytes >= 0 ? `${format(marginBytes)} under` : `${format(-marginBytes)} over`;
}

function bytesIn(budget: ParsedSize): (value: number) => string {
  const system = unitSystemOf(budget.unit);
  return (value) => formatBytes(value, system);
}

function notMeasured(id: SizeCheck['id'], label: string, input: string, budget: string): SizeCheck {
  return {
    id,
    label,
    measured: '',
    budget,
    margin: '',
    verdict: 'fail',
    detail: `${input} cannot be checked: the layer analysis did not run`,
  };
}

export function layerSizeCheck(analysis: { layers?: LayerFigure[] } | undefined, budget: ParsedSize): SizeCheck {
  const bytes = bytesIn(budget);
  const base = { id: 'layer-size' as const, label: 'Largest layer', budget: bytes(budget.bytes) };
  const layers = analysis?.layers;
  if (!layers) return notMeasured(base.id, base.label, 'max-layer-size', base.budget);
  if (layers.length === 0)
    return { ...base, measured: '0 B', margin: marginText(budget.bytes, bytes), verdict: 'pass', detail: 'the image has no layers' };
  const largest = layers.reduce((top, layer) => (layer.sizeBytes > top.sizeBytes ? layer : top));
  const where = `layer ${largest.index + 1}${largest.line ? ` (line ${largest.line})` : ''}`;
  const measured = `${bytes(largest.sizeBytes)}, ${where}`;
  const marginBytes = budget.bytes - largest.sizeBytes;
  if (marginBytes >= 0)
    return { ...base, measured, margin: marginText(marginBytes, bytes), verdict: 'pass', detail: 'within max-layer-size' };
  return {
    ...base,
    measured,
    margin: marginText(marginBytes, bytes),
    verdict: 'fail',
    detail: `${where}, \`${clipCreatedBy(largest.createdBy)}\`, is ${bytes(-marginBytes)} over max-layer-size; split it, or move what it adds to a build stage`,
  };
}

/** Whether an allow-large-packages entry (`name` or `ecosystem:name`) names a package. */
function allows(entry: string, pkg: PackageFigure): boolean {
  const colon = entry.indexOf(':');
  const ecosystem = colon > 0 ? entry.slice(0, colon) : undefined;
  const name = ecosystem && ['deb', 'apk', 'rpm', 'python', 'npm'].includes(ecosystem) ? entry.slice(colon + 1) : entry;
  if (ecosystem && name !== entry && ecosystem !== pkg.ecosystem) return false;
  return pkg.ecosystem === 'python' ? normalizePythonName(name) === pkg.name : name === pkg.name;
}

function described(pkg: PackageFigure, bytes: (value: number) => string): string {
  return `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''} (${pkg.ecosystem}, ${bytes(pkg.sizeBytes)}${pkg.line ? `, line ${pkg.line}` : ''})`;
}

export function packageSizeCheck(analysis: { packages?: PackageFigure[] } | undefined, budget: ParsedSize, allowed: string[]): SizeCheck {
  const bytes = bytesIn(budget);
  const base = { id: 'package-size' as const, label: 'Largest package', budget: bytes(budget.bytes) };
  if (!analysis) return notMeasured(base.id, base.label, 'max-package-size', base.budget);
  const checked = (analysis.packages ?? []).filter((pkg) => !allowed.some((entry) => allows(entry, pkg)));
  const exempt = (analysis.packages ?? []).length - checked.length;
  const exemptText = exempt > 0 ? ` (${formatInteger(exempt)} allowed by allow-large-packages)` : '';
  if (checked.length === 0) return { ...base, measured: '', margin: '', verdict: 'pass', detail: `no package to check${exemptText}` };
  const largest = checked.reduce((top, pkg) => (pkg.sizeBytes > top.sizeBytes ? pkg : top));
  const measured = described(largest, bytes);
  const over = checked.filter((pkg) => pkg.sizeBytes > budget.bytes).sort((a, b) => b.sizeBytes - a.sizeBytes);
  const margin = marginText(budget.bytes - largest.sizeBytes, bytes);
  if (over.length === 0) return { ...base, measured, margin, verdict: 'pass', detail: `within max-package-size${exemptText}` };
  const named = over.slice(0, NAMED_OVER).map((pkg) => described(pkg, bytes));
  const more = over.length > NAMED_OVER ? ` and ${formatInteger(over.length - NAMED_OVER)} more` : '';
  return {
    ...base,
    measured,
    margin,
    verdict: 'fail',
    detail: `over max-package-size: ${named.join(', ')}${more}; remove them, move them to a build stage, or name them in allow-large-packages`,
  };
}
