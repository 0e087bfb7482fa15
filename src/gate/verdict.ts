// Pure: the measured image (every platform), its baseline and the budgets -> the report with its checks.
import { BaselineOutcome } from './baseline.js';
import { Check, evaluateBudgets, gatePassed, SmokeOutcome } from '../judge/budgets.js';
import { ComparedLayer, figureDeltas, Figures, layerChanges } from '../judge/delta.js';
import { fileChanges } from '../history/file-changes.js';
import { recordFigures } from '../history/record.js';
import { ByteMap } from '../analysis/byte-map.js';
import { EngineInfo } from '../docker/engine.js';
import { GateOptions } from '../inputs/options.js';
import { displayName } from './build.js';
import { BuildInfo, Measured, PlatformMeasurement } from '../judge/measured.js';
import { BaselineReport, GateReport, PlatformReport, REPORT_SCHEMA_VERSION, SmokeReport } from '../report/model.js';
import { PackageSide, packageChanges, packageSideOf } from '../packages/changes.js';
import { ImageAnalysis } from '../analysis/analyze.js';

export interface ReportInput {
  options: GateOptions;
  engine: EngineInfo;
  head: Measured;
  reference: string;
  buildInfo?: BuildInfo;
  baseline: BaselineOutcome;
  labels?: string[];
}

function figuresOf(platform: PlatformMeasurement, smoke: SmokeOutcome | undefined): Figures {
  return {
    sizeBytes: platform.sizeBytes,
    layerCount: platform.layerCount,
    compressedSizeBytes: platform.compressedSizeBytes,
    startupMs: smoke?.ran && smoke.result.passed ? smoke.result.startupMs : undefined,
    efficiency: platform.analysis?.dive.efficiency,
    wastedBytes: platform.analysis?.dive.wastedBytes,
  };
}

/** What the comparison needs of the baseline's platform: its figures, layers, byte map and packages. */
interface BaselineSide {
  figures: Figures;
  layers?: ComparedLayer[];
  bytes?: ByteMap;
  packages?: PackageSide;
}

function analysisPackages(analysis: ImageAnalysis | undefined): PackageSide | undefined {
  return analysis?.packages && analysis.packageSummary ? packageSideOf(analysis.packages, analysis.packageSummary) : undefined;
}

/**
 * The baseline's side for a platform: a measured baseline's same platform (its first when it lacks this one); a
 * record of the same platform only (the gate falls back to building when the records lack the gated platform).
 */
function baselineSide(baseline: BaselineOutcome, platform: string): BaselineSide | undefined {
  if ('measured' in baseline) {
    const measured = baseline.measured.platforms.find((candidate) => candidate.platform === platform) ?? baseline.measured.platforms[0];
    const analysis = measured.analysis;
    return {
      figures: figuresOf(measured, baseline.measured.smoke),
      layers: analysis?.layers,
      bytes: analysis?.byteMap,
      packages: analysisPackages(analysis),
    };
  }
  if ('recorded' in baseline) {
    const record = baseline.recorded.find((candidate) => candidate.platform === platform);
    const packages = record?.packages && {
      packages: record.packages.listed,
      complete: record.packages.complete,
      ecosystems: record.packages.ecosystems,
    };
    return record && { figures: recordFigures(record), layers: record.layers, bytes: record.bytes, packages };
  }
  return undefined;
}

function baselineReport(input: ReportInput, primary: PlatformMeasurement): BaselineReport | undefined {
  if ('skipped' in input.baseline) return undefined;
  const base = baselineSide(input.baseline, primary.platform);
  if (!base) return undefined;
  const head = primary.analysis;
  const headPackages = analysisPackages(head);
  return {
    ...input.baseline.report,
    figures: figureDeltas(base.figures, figuresOf(primary, input.head.smoke)),
    layerChanges: head && base.layers ? layerChanges(base.layers, head.layers) : undefined,
    fileChanges: head && base.bytes ? fileChanges(base.bytes, head.byteMap) : undefined,
    packageChanges: headPackages && base.packages ? packageChanges(base.packages, headPackages) : undefined,
  };
}

/** The checks of one platform; the smoke test ran on the first platform only. */
function platformChecks(input: ReportInput, platform: PlatformMeasurement, index: number): Check[] {
  const { head, baseline } = input;
  const smoke: SmokeOutcome =
    index === 0 ? head.smoke : { ran: false, reason: `the smoke test runs on the runner's platform (${head.platforms[0].platform}) only` };
  const analysis = platform.analysis;
  return evaluateBudgets(
    {
      sizeBytes: platform.sizeBytes,
      layerCount: platform.layerCount,
      user: platform.user,
      smoke,
      analysis: analysis && {
        compressedSizeBytes: analysis.compressedSizeBytes,
        efficiency: analysis.dive.efficiency,
        wastedBytes: analysis.dive.wastedBytes,
        layers: analysis.layers,
        packages: analysis.packages,
      },
      baselineSizeBytes: baselineSide(baseline, platform.platform)?.figures.sizeBytes,
      noBaselineReason: 'skipped' in baseline ? baseline.skipped : undefined,
      labels: input.labels,
    },
    input.options.budgets,
  );
}

function smokeReport(smoke: SmokeOutcome): SmokeReport {
  if (!smoke.ran) return { ran: false, skippedBecause: smoke.reason };
  const result = smoke.result;
  return {
    ran: true,
    port: result.port,
    path: result.path,
    passed: result.passed,
    startupMs: result.startupMs,
    status: result.answer?.status,
    bodyExcerpt: result.passed ? undefined : result.answer?.body.slice(0, 500),
    failure: result.failure,
    containerLog: result.containerLog,
  };
}

export function assembleReport(input: ReportInput): GateReport {
  const { head, engine } = input;
  const primary = head.platforms[0];
  const several = head.platforms.length > 1;
  const checksByPlatform = head.platforms.map((platform, index) => {
    const checks = platformChecks(input, platform, index);
    return several ? checks.map((check) => ({ ...check, label: `${platform.platform}: ${check.label}` })) : checks;
  });
  const platforms: PlatformReport[] | undefined = several
    ? head.platforms.map((platform, index) => ({
        platform: platform.platform,
        sizeBytes: platform.sizeBytes,
        compressedSizeBytes: platform.compressedSizeBytes,
        layerCount: platform.layerCount,
        user: platform.configuredUser,
        nonRoot: platform.user.kind === 'non-root',
        passed: gatePassed(checksByPlatform[index]),
        baselineSizeBytes: baselineSide(input.baseline, platform.platform)?.figures.sizeBytes,
      }))
    : undefined;
  const checks = checksByPlatform.flat();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    name: displayName(input.options),
    passed: gatePassed(checks),
    image: {
      reference: input.reference,
      id: head.image.id,
      platform: primary.platform,
      sizeBytes: primary.sizeBytes,
      sizeMethod: head.sizeMethod,
      engineSizeBytes: head.image.sizeBytes,
      compressedSizeBytes: primary.compressedSizeBytes,
      compressedSizeMethod: primary.compressedSizeMethod,
      layerCount: primary.layerCount,
      user: primary.configuredUser,
      nonRoot: primary.user.kind === 'non-root',
      os: head.image.os,
      architecture: head.image.architecture,
    },
    engine: { version: engine.version, imageStore: engine.imageStore, storageDriver: engine.storageDriver },
    build: input.buildInfo,
    smoke: smokeReport(head.smoke),
    analysis: primary.analysis,
    platforms,
    baseline: baselineReport(input, primary),
    noBaselineReason: 'skipped' in input.baseline ? input.baseline.skipped : undefined,
    checks,
  };
}
