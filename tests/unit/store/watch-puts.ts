/**
 * Sees (or refuses, as a browser over quota does) every object-store put made while a write runs, on
 * fake-indexeddb's own `IDBObjectStore` (idb's wrappers call it).
 */
import 'fake-indexeddb/auto';

/** What the browser raises from a write request when the origin is over quota. */
export const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Runs `run` with each put's value and number (from 1) shown first to `onPut`, which may throw to refuse that put. */
export async function watchPuts<T>(onPut: (value: unknown, n: number) => void, run: () => Promise<T>): Promise<T> {
  const store = IDBObjectStore.prototype;
  const realPut = store.put;
  let n = 0;
  store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    onPut(args[0], ++n);
    return realPut.apply(this, args);
  };
  try {
    return await run();
  } finally {
    store.put = realPut;
  }
}
