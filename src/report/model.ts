// The report: everything one run found, as the JSON report file holds it and the renderers read it.
import { Check } from '../budgets.js';
import { Builder } from '../docker/engine.js';
import { ImageAnalysis } from '../analysis/index.js';
import { FigureDelta, LayerChange } from '../delta.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface BaselineReport {
  source: 'base-commit' | 'image';
  /** The base commit's sha, or the image reference. */
  reference: string;
  id: string;
  /** How long building the base commit took (base-commit only). */
  buildMs?: number;
  /** Worktree, build and measurement together (base-commit only). */
  totalMs?: number;
  figures: FigureDelta[];
  /** Which layers appeared, vanished, grew or shrank (when both images were analysed). */
  layerChanges?: LayerChange[];
}

export interface GateReport {
  schemaVersion: number;
  /** Display name of the gated image. */
  name: string;
  passed: boolean;
  image: {
    /** What the user named (image input or tag), or the id when the gate built an untagged image. */
    reference: string;
    id: string;
    sizeBytes: number;
    layerCount: number;
    user: string;
    nonRoot: boolean;
    os: string;
    architecture: string;
  };
  build?: { builder: Builder; durationMs: number; context: string; dockerfile: string };
  smoke?: {
    ran: boolean;
    skippedBecause?: string;
    port?: number;
    path?: string;
    passed?: boolean;
    startupMs?: number;
    status?: number;
    bodyExcerpt?: string;
    failure?: string;
    containerLog?: string[];
  };
  baseline?: BaselineReport;
  noBaselineReason?: string;
  /** The layer analysis (absent when analyze is false). */
  analysis?: ImageAnalysis;
  checks: Check[];
}
