// The report: everything one run found, as the JSON report file holds it and the renderers read it.
import { Check } from '../budgets.js';
import { Builder } from '../docker/engine.js';
import { ImageAnalysis } from '../analysis/index.js';

export const REPORT_SCHEMA_VERSION = 1;

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
  /** The layer analysis (absent when analyze is false). */
  analysis?: ImageAnalysis;
  checks: Check[];
  warnings: string[];
}
