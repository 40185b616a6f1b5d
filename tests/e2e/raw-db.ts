/** Test access to the app's IndexedDB from a page, bypassing the app (to set up or inspect stored data). */
import type { Page } from 'playwright-core';

export interface RawRequest {
  store: string;
  /** Read: all records matching `key` in this index. */
  index?: string;
  key?: string;
  /** Read: the record with this key. */
  get?: string;
  /** Write: records of an in-line-keyed store. */
  put?: unknown[];
  /** Write: one value under an out-of-line key (the settings store): [key, value]. */
  putAt?: [string, unknown];
  /** Write: delete these keys. */
  remove?: string[];
}

/**
 * Reads (or with `put`/`putAt`/`remove`, writes) records of one store straight through the page's IndexedDB, opened
 * without a version so the app's own code is not involved. `index`/`key` select records by an index.
 */
export function rawDb<T = void>(page: Page, request: RawRequest): Promise<T> {
  return page.evaluate(
    ({ store, index, key, get, put, putAt, remove }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('quant-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, put || putAt || remove ? 'readwrite' : 'readonly');
          const objects = tx.objectStore(store);
          let result: unknown;
          if (put) for (const record of put) objects.put(record);
          else if (putAt) objects.put(putAt[1], putAt[0]);
          else if (remove) for (const id of remove) objects.delete(id);
          else {
            const r = get !== undefined ? objects.get(get) : index ? objects.index(index).getAll(key) : objects.getAll();
            r.onsuccess = () => (result = r.result);
          }
          tx.oncomplete = () => (db.close(), resolve(result));
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    request,
  ) as Promise<T>;
}

