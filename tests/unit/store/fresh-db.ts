/**
 * A fresh app database (fake-indexeddb) for each test of a file:
 *   const current = useFreshDb('bars');  ...  const db = current();
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach } from 'vitest';
import { openQuantDb, type QuantDb } from '../../../src/store/db';

export function useFreshDb(label: string): () => QuantDb {
  const name = `ql-${label}-${process.pid}`;
  let db: QuantDb | undefined;
  beforeEach(async () => {
    db = await openQuantDb(name);
  });
  afterEach(async () => {
    db?.close();
    await deleteDB(name);
  });
  return () => db!;
}
