// Sample gate data the unit tests share: what the engine says of an image, a smoke test that passed, the figures the
// budgets judge, and the image block of a gate report. Each builder takes what its tests vary; the rest is fixed.
import { Measurements, SmokeOutcome } from '../../src/judge/budgets.js';
import { Measured, PlatformMeasurement } from '../../src/judge/measured.js';
import { ImageMetadata } from '../../src/docker/inspect.js';
import { GateReport } from '../../src/report/model.js';
import { resolveUser } from '../../src/user/resolve.js';

/** A smoke test that got a 200 "ok" from / on port 8080 after `startupMs`. */
export function passedSmoke(startupMs: number): SmokeOutcome {
  return {
    ran: true,
    result: { port: 8080, path: '/', passed: true, startupMs, answer: { status: 200, body: 'ok', truncated: false }, containerLog: [] },
  };
}

/** What the gate measured: a linux/amd64 image that exposes no port, declares no volume and has no tags. */
export function measuredImage(
  image: Pick<ImageMetadata, 'id' | 'sizeBytes' | 'layerCount' | 'user'>,
  platforms: PlatformMeasurement[],
  smoke: SmokeOutcome,
): Measured {
  return {
    image: { ...image, exposedPorts: [], volumes: [], os: 'linux', architecture: 'amd64', repoTags: [] },
    sizeMethod: 'layers',
    platforms,
    smoke,
  };
}

/** The figures evaluateBudgets judges: 4.46 MB in two layers, run as uid 10001, started in 313 ms, unless overridden. */
export function measurements(overrides: Partial<Measurements> = {}): Measurements {
  return { sizeBytes: 4_460_581, layerCount: 2, user: resolveUser('10001', undefined), smoke: passedSmoke(313), ...overrides };
}

/** A gate report's image: linux/amd64, `sizeBytes` by its layers and by the engine alike, two layers, uid 10001. */
export function reportImage(sizeBytes: number, overrides: Partial<GateReport['image']> = {}): GateReport['image'] {
  return {
    reference: 'x',
    id: 'sha256:abc',
    platform: 'linux/amd64',
    sizeBytes,
    sizeMethod: 'layers',
    engineSizeBytes: sizeBytes,
    layerCount: 2,
    user: '10001',
    nonRoot: true,
    os: 'linux',
    architecture: 'amd64',
    ...overrides,
  };
}
