// The e2e suites' one engine fixture: a suite leaves the real Docker engine as it found it. No gate container
// outlives a test, and after the suite, once the images it made are removed, the engine holds the same
// containers and tagged images (and volumes, where asked) as before it. It also gives the suite's tests and
// hooks the e2e time-out.
import { jest } from '@jest/globals';
import { docker, E2E_TIMEOUT_MS, engineSnapshot, gateContainers, removeImages } from './e2e.js';

export interface CleanEngineOptions {
  /** The suite's own tags, made by `setup`: removed after the suite, and left out of the comparison. */
  images?: readonly string[];
  /** Runs before the engine is snapshot: builds the suite's own images. */
  setup?: () => void;
  /** Compare `docker volume ls` too. */
  volumes?: boolean;
  /** Expect the engine after the suite as it was before (true unless said otherwise). */
  unchanged?: boolean;
}

export interface CleanEngine {
  /** An image a test made (a tag or an id; none is passed over): removed after the suite, before the comparison. */
  removeAfterwards(image: string | undefined): void;
}

interface EngineState extends ReturnType<typeof engineSnapshot> {
  volumes?: string;
}

/** Registers the suite's hooks; call it once, at the top of the suite, before any hook of its own. */
export function useCleanEngine(options: CleanEngineOptions = {}): CleanEngine {
  const own = new Set(options.images ?? []);
  const made = new Set(own);
  const unchanged = options.unchanged ?? true;
  const state = (): EngineState => {
    const snapshot = engineSnapshot();
    return {
      containers: snapshot.containers,
      images: snapshot.images.filter((image) => !own.has(image)),
      ...(options.volumes ? { volumes: docker(['volume', 'ls', '--quiet']) } : {}),
    };
  };
  let before: EngineState | undefined;

  jest.setTimeout(E2E_TIMEOUT_MS);

  beforeAll(() => {
    options.setup?.();
    if (unchanged) before = state();
  });

  afterEach(() => {
    expect(gateContainers()).toEqual([]);
  });

  afterAll(() => {
    removeImages(made);
    // Nothing the gate ran or tagged is left: the same containers and tagged images as before the suite.
    if (unchanged) expect(state()).toEqual(before);
  });

  return {
    removeAfterwards: (image) => {
      if (image) made.add(image);
    },
  };
}
