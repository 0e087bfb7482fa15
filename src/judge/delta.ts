// Pure: how the pull request changes the image against its baseline, figure by figure and layer by layer.
import { LayerSummary } from '../analysis/analyze.js';

export type FigureId = 'size' | 'compressed-size' | 'layers' | 'startup' | 'efficiency' | 'wasted-size';
export type FigureUnit = 'bytes' | 'count' | 'ms' | 'fraction';

export interface Figures {
  sizeBytes: number;
  compressedSizeBytes?: number;
  layerCount: number;
  startupMs?: number;
  efficiency?: number;
  wastedBytes?: number;
}

export interface FigureDelta {
  id: FigureId;
  label: string;
  unit: FigureUnit;
  base?: number;
  head?: number;
  /** head - base, when both are known. */
  change?: number;
  /** change / base, when both are known and base is not 0. */
  ratio?: number;
}

const FIGURES: { id: FigureId; label: string; unit: FigureUnit; pick: (figures: Figures) => number | undefined }[] = [
  { id: 'size', label: 'Size (uncompressed)', unit: 'bytes', pick: (figures) => figures.sizeBytes },
  { id: 'compressed-size', label: 'Size (compressed)', unit: 'bytes', pick: (figures) => figures.compressedSizeBytes },
  { id: 'layers', label: 'Layers', unit: 'count', pick: (figures) => figures.layerCount },
  { id: 'startup', label: 'Start-up time', unit: 'ms', pick: (figures) => figures.startupMs },
  { id: 'efficiency', label: 'Efficiency (dive)', unit: 'fraction', pick: (figures) => figures.efficiency },
  { id: 'wasted-size', label: 'Wasted (dive)', unit: 'bytes', pick: (figures) => figures.wastedBytes },
];

export function figureDeltas(base: Figures, head: Figures): FigureDelta[] {
  return FIGURES.map(({ id, label, unit, pick }) => {
    const baseValue = pick(base);
    const headValue = pick(head);
    const delta: FigureDelta = { id, label, unit, base: baseValue, head: headValue };
    if (baseValue !== undefined && headValue !== undefined) {
      delta.change = headValue - baseValue;
      if (baseValue !== 0) delta.ratio = delta.change / baseValue;
    }
    return delta;
  }).filter((delta) => delta.base !== undefined || delta.head !== undefined);
}

export type LayerChangeKind = 'added' | 'removed' | 'grew' | 'shrank';

export interface LayerChange {
  kind: LayerChangeKind;
  createdBy: string;
  /** Dockerfile line in the pull request's Dockerfile (added, grew, shrank) or the base's (removed). */
  line?: number;
  baseBytes?: number;
  headBytes?: number;
  changeBytes: number;
}

/** The instruction text with content hashes removed, so `COPY file:<hash> in /app` matches across builds. */
export function layerKey(createdBy: string): string {
  return createdBy
    .replace(/\b(file|dir|multi):[0-9a-f]{8,}…?/g, '$1:…')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the comparison reads of a layer: a layer summary and a history record's layer both have it. */
export type ComparedLayer = Pick<LayerSummary, 'diffId' | 'createdBy' | 'line' | 'sizeBytes'>;

/**
 * Pairs base and head layers: identical layers (same diffID) first, then layers made by the same
 * instruction, in order. What is left appeared or vanished. Unchanged layers are not listed.
 */
export function layerChanges(base: ComparedLayer[], head: ComparedLayer[]): LayerChange[] {
  const unmatchedBase = new Set(base.map((_, index) => index));
  const pairs: [number, number][] = [];
  const unmatchedHead: number[] = [];
  head.forEach((layer, headIndex) => {
    const same = [...unmatchedBase].find((baseIndex) => base[baseIndex].diffId === layer.diffId);
    if (same !== undefined) {
      unmatchedBase.delete(same);
      return;
    }
    unmatchedHead.push(headIndex);
  });
  for (const headIndex of [...unmatchedHead]) {
    const key = layerKey(head[headIndex].createdBy);
    const match = [...unmatchedBase].find((baseIndex) => layerKey(base[baseIndex].createdBy) === key);
    if (match === undefined) continue;
    unmatchedBase.delete(match);
    unmatchedHead.splice(unmatchedHead.indexOf(headIndex), 1);
    pairs.push([match, headIndex]);
  }
  const changes: LayerChange[] = [];
  for (const [baseIndex, headIndex] of pairs) {
    const changeBytes = head[headIndex].sizeBytes - base[baseIndex].sizeBytes;
    if (changeBytes === 0) continue;
    changes.push({
      kind: changeBytes > 0 ? 'grew' : 'shrank',
      createdBy: head[headIndex].createdBy,
      line: head[headIndex].line,
      baseBytes: base[baseIndex].sizeBytes,
      headBytes: head[headIndex].sizeBytes,
      changeBytes,
    });
  }
  // A layer only one side has: all of its bytes are the change.
  const alone = (kind: 'added' | 'removed', layer: ComparedLayer, sign: 1 | -1) => ({
    kind,
    createdBy: layer.createdBy,
    line: layer.line,
    ...(sign > 0 ? { headBytes: layer.sizeBytes } : { baseBytes: layer.sizeBytes }),
    changeBytes: sign * layer.sizeBytes,
  });
  for (const headIndex of unmatchedHead) changes.push(alone('added', head[headIndex], 1));
  for (const baseIndex of unmatchedBase) changes.push(alone('removed', base[baseIndex], -1));
  return changes.sort((a, b) => Math.abs(b.changeBytes) - Math.abs(a.changeBytes));
}
