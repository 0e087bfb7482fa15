// Pure: measurements + budgets -> one verdict per check, each with the figure, the budget and the margin.
import { Budgets } from '../inputs/options.js';
import { SmokeResult } from '../smoke/smoke.js';
import { LayerFigure, layerSizeCheck, PackageFigure, packageSizeCheck } from './package-budgets.js';
import { UserResolution } from '../user/resolve.js';
import {
  formatBytes,
  formatBytesDelta,
  formatDurationMs,
  formatInteger,
  formatPercent,
  formatSignedPercent,
  unitSystemOf,
} from '../common/units.js';

/** warn: a budget was exceeded but a reviewer accepted it (allow-increase-label); it does not fail the gate. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'info';

export type CheckId =
  | 'increase'
  | 'size'
  | 'compressed-size'
  | 'layers'
  | 'non-root'
  | 'smoke'
  | 'startup'
  | 'efficiency'
  | 'wasted-size'
  | 'layer-size'
  | 'package-size';

export interface Check {
  id: CheckId;
  label: string;
  /** The measured figure, formatted ('' when it could not be measured). */
  measured: string;
  /** The budget, formatted ('' when none is set). */
  budget: string;
  /** How far under (or over) the budget, formatted ('' without a budget). */
  margin: string;
  verdict: Verdict;
  /** One line that explains the verdict. */
  detail: string;
}

export type SmokeOutcome = { ran: true; result: SmokeResult } | { ran: false; reason: string };

/** Figures from the layer analysis (absent when it did not run). */
export interface AnalysisFigures {
  compressedSizeBytes?: number;
  efficiency: number;
  wastedBytes: number;
  /** The layers' own bytes, for max-layer-size. */
  layers?: LayerFigure[];
  /** The installed packages, for max-package-size. */
  packages?: PackageFigure[];
}

export interface Measurements {
  sizeBytes: number;
  layerCount: number;
  user: UserResolution;
  smoke: SmokeOutcome;
  analysis?: AnalysisFigures;
  /** The baseline's uncompressed size, when there is a baseline. */
  baselineSizeBytes?: number;
  /** Why there is no baseline (shown when max-increase cannot be checked). */
  noBaselineReason?: string;
  /** Labels on the pull request. */
  labels?: string[];
}

export function evaluateBudgets(measured: Measurements, budgets: Budgets): Check[] {
  const checks = [byteCheck(BYTE_BUDGETS.size, measured, budgets)];
  if (measured.baselineSizeBytes !== undefined || budgets.maxIncrease) checks.push(increaseCheck(measured, budgets));
  if (measured.analysis || budgets.maxCompressedSize) checks.push(byteCheck(BYTE_BUDGETS.compressedSize, measured, budgets));
  checks.push(layersCheck(measured, budgets), nonRootCheck(measured, budgets), smokeCheck(measured), startupCheck(measured, budgets));
  if (measured.analysis || budgets.minEfficiency !== undefined) checks.push(efficiencyCheck(measured, budgets));
  if (measured.analysis || budgets.maxWastedSize) checks.push(byteCheck(BYTE_BUDGETS.wastedSize, measured, budgets));
  if (budgets.maxLayerSize) checks.push(layerSizeCheck(measured.analysis, budgets.maxLayerSize));
  if (budgets.maxPackageSize) checks.push(packageSizeCheck(measured.analysis, budgets.maxPackageSize, budgets.allowLargePackages ?? []));
  return checks;
}

/** A figure in bytes with an optional budget in bytes: every size-like check is one of these rows. */
interface ByteBudget {
  id: CheckId;
  label: string;
  /** The input that sets the budget. */
  budgetName: string;
  /** Undefined when it could not be measured (only the layer analysis's figures can be missing). */
  measure: (measured: ByteFigures) => number | undefined;
  budget: (budgets: Budgets) => Budgets['maxSize'];
  /** What is over budget, when the detail should say ("the image is 1 B over max-size"). */
  subject?: string;
}

const BYTE_BUDGETS = {
  size: {
    id: 'size',
    label: 'Size (uncompressed)',
    budgetName: 'max-size',
    measure: (measured) => measured.sizeBytes,
    budget: (budgets) => budgets.maxSize,
    subject: 'the image',
  },
  compressedSize: {
    id: 'compressed-size',
    label: 'Size (compressed)',
    budgetName: 'max-compressed-size',
    measure: (measured) => measured.analysis?.compressedSizeBytes,
    budget: (budgets) => budgets.maxCompressedSize,
  },
  wastedSize: {
    id: 'wasted-size',
    label: 'Wasted (dive)',
    budgetName: 'max-wasted-size',
    measure: (measured) => measured.analysis?.wastedBytes,
    budget: (budgets) => budgets.maxWastedSize,
  },
} satisfies Record<string, ByteBudget>;

/** What the byte budgets read: the size, and the analysis's figures when it ran (or when they were recorded). */
type ByteFigures = { sizeBytes: number; analysis?: Partial<AnalysisFigures> };

/**
 * The budgets recorded figures can still be held to, for an image that was not rebuilt (its build inputs did
 * not change): the uncompressed size, the compressed size (when it was recorded) and the layer count.
 */
export function carriedChecks(figures: { sizeBytes: number; compressedSizeBytes?: number; layerCount: number }, budgets: Budgets): Check[] {
  const measured = {
    sizeBytes: figures.sizeBytes,
    layerCount: figures.layerCount,
    analysis: { compressedSizeBytes: figures.compressedSizeBytes },
  };
  const checks = [byteCheck(BYTE_BUDGETS.size, measured, budgets), layersCheck(measured, budgets)];
  if (budgets.maxCompressedSize) checks.push(byteCheck(BYTE_BUDGETS.compressedSize, measured, budgets));
  return checks;
}

function byteCheck(row: ByteBudget, measured: ByteFigures, budgets: Budgets): Check {
  const budget = row.budget(budgets);
  const measuredBytes = row.measure(measured);
  const system = unitSystemOf(budget?.unit);
  const bytes = (value: number) => formatBytes(value, system);
  const budgetText = budget ? bytes(budget.bytes) : '';
  const check = (figure: string, margin: string, verdict: Verdict, detail: string): Check => {
    return { id: row.id, label: row.label, measured: figure, budget: budgetText, margin, verdict, detail };
  };
  if (measuredBytes === undefined) {
    return check('', '', budget ? 'fail' : 'skip', `${row.budgetName} cannot be checked: the layer analysis did not run`);
  }
  const figure = `${bytes(measuredBytes)} (${formatInteger(measuredBytes)} B)`;
  if (!budget) return check(figure, '', 'info', `no ${row.budgetName} budget set`);
  const marginBytes = budget.bytes - measuredBytes;
  if (marginBytes >= 0) return check(figure, marginText(marginBytes, bytes), 'pass', `within ${row.budgetName}`);
  const subject = row.subject ? `${row.subject} is ` : '';
  return check(figure, marginText(marginBytes, bytes), 'fail', `${subject}${bytes(-marginBytes)} over ${row.budgetName}`);
}

/** "20.5 MB under" or "1 B over": how far a figure is from its budget, in the budget's own unit. */
function marginText(margin: number, format: (value: number) => string): string {
  return margin >= 0 ? `${format(margin)} under` : `${format(-margin)} over`;
}

function efficiencyCheck(measured: Measurements, budgets: Budgets): Check {
  const efficiency = measured.analysis?.efficiency;
  const base = {
    id: 'efficiency' as const,
    label: 'Efficiency (dive)',
    measured: efficiency === undefined ? '' : formatPercent(efficiency),
  };
  const budget = budgets.minEfficiency === undefined ? '' : `≥ ${formatPercent(budgets.minEfficiency)}`;
  if (efficiency === undefined)
    return {
      ...base,
      budget,
      margin: '',
      verdict: budget ? 'fail' : 'skip',
      detail: 'min-efficiency cannot be checked: the layer analysis did not run',
    };
  if (budgets.minEfficiency === undefined) return { ...base, budget, margin: '', verdict: 'info', detail: 'no min-efficiency budget set' };
  const pass = efficiency >= budgets.minEfficiency;
  const marginPoints = (efficiency - budgets.minEfficiency) * 100;
  return {
    ...base,
    budget,
    margin: `${Math.abs(marginPoints).toFixed(2)} points ${pass ? 'above' : 'below'}`,
    verdict: pass ? 'pass' : 'fail',
    detail: pass ? 'within min-efficiency' : 'below min-efficiency: files are stored more than once or removed in later layers',
  };
}

function increaseCheck(measured: Measurements, budgets: Budgets): Check {
  const budget = budgets.maxIncrease;
  const base = { id: 'increase' as const, label: 'Growth against baseline', budget: budget ? `+${budget.text}` : '' };
  if (measured.baselineSizeBytes === undefined) {
    return { ...base, measured: '', margin: '', verdict: 'skip', detail: `not measured: ${measured.noBaselineReason ?? 'no baseline'}` };
  }
  const changeBytes = measured.sizeBytes - measured.baselineSizeBytes;
  const ratio = measured.baselineSizeBytes === 0 ? undefined : changeBytes / measured.baselineSizeBytes;
  const figure = `${formatBytesDelta(changeBytes)}${ratio === undefined ? '' : ` (${formatSignedPercent(ratio)})`}`;
  if (!budget) return { ...base, measured: figure, margin: '', verdict: 'info', detail: 'no max-increase budget set' };
  const allowedBytes = budget.kind === 'bytes' ? budget.bytes : Math.floor(measured.baselineSizeBytes * budget.fraction);
  const marginBytes = allowedBytes - changeBytes;
  const margin = marginText(marginBytes, formatBytes);
  if (marginBytes >= 0) return { ...base, measured: figure, margin, verdict: 'pass', detail: 'within max-increase' };
  const over = `${formatBytes(-marginBytes)} over max-increase`;
  const label = budgets.allowIncreaseLabel;
  if (label && measured.labels?.includes(label)) {
    return { ...base, measured: figure, margin, verdict: 'warn', detail: `${over}, accepted by the "${label}" label` };
  }
  const howToAccept = label ? `; add the "${label}" label to accept it` : '';
  return { ...base, measured: figure, margin, verdict: 'fail', detail: `${over}${howToAccept}` };
}

export function gatePassed(checks: Check[]): boolean {
  return checks.every((check) => check.verdict !== 'fail');
}

function layersCheck(measured: Pick<Measurements, 'layerCount'>, budgets: Budgets): Check {
  const base = { id: 'layers' as const, label: 'Layers', measured: String(measured.layerCount) };
  if (budgets.maxLayers === undefined) return { ...base, budget: '', margin: '', verdict: 'info', detail: 'no max-layers budget set' };
  const margin = budgets.maxLayers - measured.layerCount;
  const pass = margin >= 0;
  return {
    ...base,
    budget: String(budgets.maxLayers),
    margin: marginText(margin, String),
    verdict: pass ? 'pass' : 'fail',
    detail: pass ? 'within max-layers' : `${-margin} layer(s) over max-layers; combine RUN steps or use a multi-stage build`,
  };
}

function nonRootCheck(measured: Measurements, budgets: Budgets): Check {
  const user = measured.user;
  const shown =
    user.kind === 'non-root'
      ? `${user.configured} (uid ${user.uid})`
      : user.kind === 'root'
        ? `${user.configured || '(unset)'} = root`
        : `${user.configured} (unresolved)`;
  const base = { id: 'non-root' as const, label: 'Runs as non-root', measured: shown, margin: '' };
  if (!budgets.requireNonRoot) {
    return { ...base, budget: '', verdict: 'info', detail: `${user.reason} (require-non-root is false)` };
  }
  return {
    ...base,
    budget: 'non-root',
    verdict: user.kind === 'non-root' ? 'pass' : 'fail',
    detail: user.kind === 'root' ? `${user.reason}; add a USER with a non-zero uid` : user.reason,
  };
}

function smokeCheck(measured: Measurements): Check {
  const base = { id: 'smoke' as const, label: 'Smoke test', budget: '', margin: '' };
  if (!measured.smoke.ran) return { ...base, measured: '', verdict: 'skip', detail: `not run: ${measured.smoke.reason}` };
  const result = measured.smoke.result;
  const target = `GET ${result.path} on port ${result.port}`;
  if (result.passed) {
    return { ...base, measured: `HTTP ${result.answer?.status}`, verdict: 'pass', detail: `${target} answered as expected` };
  }
  return {
    ...base,
    measured: result.answer ? `HTTP ${result.answer.status}` : 'no answer',
    verdict: 'fail',
    detail: `${target}: ${result.failure ?? 'failed'}`,
  };
}

function startupCheck(measured: Measurements, budgets: Budgets): Check {
  const smoke = measured.smoke;
  const startupMs = smoke.ran && smoke.result.passed ? smoke.result.startupMs : undefined;
  const base = { id: 'startup' as const, label: 'Start-up time', measured: startupMs === undefined ? '' : formatDurationMs(startupMs) };
  if (budgets.maxStartupMs === undefined) {
    return {
      ...base,
      budget: '',
      margin: '',
      verdict: startupMs === undefined ? 'skip' : 'info',
      detail: startupMs === undefined ? 'not measured (no smoke answer)' : 'no max-startup-time budget set',
    };
  }
  const budget = formatDurationMs(budgets.maxStartupMs);
  if (startupMs === undefined) {
    const why = smoke.ran ? 'the smoke test got no good answer' : `the smoke test did not run (${smoke.reason})`;
    return { ...base, budget, margin: '', verdict: 'fail', detail: `max-startup-time cannot be checked: ${why}` };
  }
  const marginMs = budgets.maxStartupMs - startupMs;
  const pass = marginMs >= 0;
  return {
    ...base,
    budget,
    margin: marginText(marginMs, formatDurationMs),
    verdict: pass ? 'pass' : 'fail',
    detail: pass ? 'answered within max-startup-time' : 'answered later than max-startup-time',
  };
}
