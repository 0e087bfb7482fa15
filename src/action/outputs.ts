// Pure: the step's outputs from a report (all sizes in bytes, plain integers).
import { baselineSizeFigure } from '../report/baseline.js';
import { GateReport } from '../report/model.js';

export function reportOutputs(report: GateReport, reportPath: string): Record<string, string> {
  const baselineSize = baselineSizeFigure(report);
  return {
    'image-id': report.image.id,
    size: String(report.image.sizeBytes),
    layers: String(report.image.layerCount),
    user: report.image.user,
    'non-root': String(report.image.nonRoot),
    'startup-ms': report.smoke?.startupMs === undefined ? '' : String(report.smoke.startupMs),
    'compressed-size': report.image.compressedSizeBytes === undefined ? '' : String(report.image.compressedSizeBytes),
    efficiency: report.analysis ? String(report.analysis.dive.efficiency) : '',
    'wasted-size': report.analysis ? String(report.analysis.dive.wastedBytes) : '',
    'reclaimable-size': report.analysis ? String(report.analysis.reclaimableBytes) : '',
    'baseline-size': String(baselineSize?.base ?? ''),
    'size-delta': String(baselineSize?.change ?? ''),
    passed: String(report.passed),
    report: reportPath,
  };
}

export function failureSummary(report: GateReport): string {
  const failed = report.checks.filter((check) => check.verdict === 'fail');
  return `image-size-gate: ${report.name} failed ${failed.map((check) => `${check.label} (${check.detail})`).join('; ')}`;
}
