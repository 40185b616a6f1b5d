/**
 * Keeping data current when the app opens (both on by default, opt-out in Settings > Data): first this
 * site's published feed, then the provider-fetched symbols that are behind. Runs once per page load, after
 * the first render, as ordinary jobs in the tray.
 */
import { loadSettingValues } from '../../store/app-settings';
import { listSymbols } from '../../store/bars';
import { getQuantDb } from '../../store/db';
import { dueForRefresh } from '../../store/fetched-symbols';
import { loadSiteFeed, refreshSymbols } from './prices';

export async function keepDataCurrent(now = new Date()): Promise<void> {
  const db = await getQuantDb();
  const settings = await loadSettingValues(db);
  try {
    if (settings['data.loadSiteFeed']) await loadSiteFeed();
  } catch {
    // Shown by the job's error toast; the refresh below still runs.
  }
  if (!settings['data.refreshOnOpen']) return;
  const due = dueForRefresh(await listSymbols(db), now);
  if (due.length > 0) await refreshSymbols(due).catch(() => undefined);
}
