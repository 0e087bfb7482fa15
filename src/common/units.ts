// Sizes and durations: parsing what users write in budgets, and formatting figures for reports.
// Sizes follow `docker images`: 1 MB = 1,000,000 bytes (SI); MiB is the binary unit. Plain numbers are bytes.

const SIZE_UNITS_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
};

export class UnitParseError extends Error {}

export interface ParsedSize {
  bytes: number;
  /** The unit as the user wrote it, normalised (`MB`, `MiB`, `B`); used to print figures in that unit. */
  unit: SizeUnit;
}

export type SizeUnit = 'B' | 'kB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB';

const CANONICAL_UNIT: Record<string, SizeUnit> = {
  b: 'B',
  kb: 'kB',
  mb: 'MB',
  gb: 'GB',
  tb: 'TB',
  kib: 'KiB',
  mib: 'MiB',
  gib: 'GiB',
  tib: 'TiB',
};

/** Parses `25MB`, `24MiB`, `1.5 GB`, `4460581` (bytes). Throws UnitParseError on anything else. */
export function parseSize(text: string): ParsedSize {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a size`);
  const value = Number(match[1]);
  const unitKey = (match[2] || 'b').toLowerCase();
  const factor = SIZE_UNITS_BYTES[unitKey];
  if (factor === undefined) throw new UnitParseError(`"${text}" has an unknown unit "${match[2]}"`);
  const bytes = Math.round(value * factor);
  if (!Number.isSafeInteger(bytes)) throw new UnitParseError(`"${text}" is too large`);
  return { bytes, unit: CANONICAL_UNIT[unitKey] };
}

/** Parses `1s`, `800ms`, `1.5s`, `2m`. A bare number is refused: a time needs its unit. */
export function parseDurationMs(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) throw new UnitParseError(`"${text}" is not a duration with a unit`);
  const factor = DURATION_UNITS_MS[match[2].toLowerCase()];
  if (factor === undefined) throw new UnitParseError(`"${text}" has an unknown time unit "${match[2]}"`);
  return Math.round(Number(match[1]) * factor);
}

const SI_STEPS: SizeUnit[] = ['B', 'kB', 'MB', 'GB', 'TB'];
const BINARY_STEPS: SizeUnit[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export type UnitSystem = 'si' | 'binary';

export function unitSystemOf(unit: SizeUnit | undefined): UnitSystem {
  return unit !== undefined && unit.endsWith('iB') ? 'binary' : 'si';
}

/** Formats bytes in the given unit system with 3 significant figures (`4.46 MB`, `153 MB`, `812 B`). */
export function formatBytes(bytes: number, system: UnitSystem = 'si'): string {
  const base = system === 'binary' ? 1024 : 1000;
  const steps = system === 'binary' ? BINARY_STEPS : SI_STEPS;
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= base && step < steps.length - 1) {
    value /= base;
    step += 1;
  }
  if (step === 0) return `${sign}${value} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${steps[step]}`;
}

/** Formats a signed byte change: `+3.00 MB`, `-120 kB`, `±0 B`. */
export function formatBytesDelta(bytes: number, system: UnitSystem = 'si'): string {
  if (bytes === 0) return '±0 B';
  return bytes > 0 ? `+${formatBytes(bytes, system)}` : formatBytes(bytes, system);
}

export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Formats an integer with thousands separators: 4460581 -> "4,460,581". */
export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatSignedPercent(ratio: number): string {
  const text = `${(ratio * 100).toFixed(1)}%`;
  return ratio > 0 ? `+${text}` : ratio === 0 ? '±0.0%' : text;
}

/** 0.9844212134184309 -> "98.44%" */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
