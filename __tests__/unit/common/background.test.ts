import { BackgroundWork } from '../../../src/common/background.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('BackgroundWork', () => {
  test('drain waits for every piece of work, including work started while draining', async () => {
    const background = new BackgroundWork();
    const first = deferred();
    const second = deferred();
    const finished: string[] = [];
    background.start(first.promise.then(() => finished.push('first')));
    let drained = false;
    const draining = background.drain().then(() => (drained = true));
    background.start(second.promise.then(() => finished.push('second')));
    first.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    expect(background.size).toBe(1);
    second.resolve();
    await draining;
    expect(finished).toEqual(['first', 'second']);
    expect(background.size).toBe(0);
  });

  test('a failing piece of work neither rejects drain nor stops the others', async () => {
    const background = new BackgroundWork();
    const failing = deferred();
    const other = deferred();
    background.start(failing.promise);
    background.start(other.promise);
    failing.reject(new Error('docker rm failed'));
    other.resolve();
    await expect(background.drain()).resolves.toBeUndefined();
    expect(background.size).toBe(0);
  });

  test('drain with nothing started resolves at once', async () => {
    await expect(new BackgroundWork().drain()).resolves.toBeUndefined();
  });
});
