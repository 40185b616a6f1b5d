/**
 * "Delete all data" in another tab deletes the database: this tab's shared connection must let the
 * deletion through and then open a new, empty database, not report an app update (that is only for a
 * newer schema version).
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_NAME, getQuantDb } from '../../../src/store/db';
import { onDatabaseNotice } from '../../../src/store/events';
import { getSetting, putSetting } from '../../../src/store/settings';

describe('the database deleted by another tab', () => {
  it('lets the deletion through, says nothing about an update, and reopens empty on next use', async () => {
    const seen: string[] = [];
    const stop = onDatabaseNotice((m) => seen.push(m));
    const before = await getQuantDb();
    await putSetting(before, 'test.value', 7);
    let blocked = false;
    await deleteDB(DEFAULT_DB_NAME, { blocked: () => (blocked = true) });
    expect(blocked).toBe(false);
    expect(seen).toEqual([]);
    const after = await getQuantDb();
    expect(after).not.toBe(before);
    expect(await getSetting(after, 'test.value', 'absent')).toBe('absent');
    stop();
  });
});
