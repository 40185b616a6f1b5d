/**
 * The user's defaults from the Settings tab, for forms to start from. Read when a form opens, so a
 * change in Settings applies the next time a tab is shown.
 */
import type { SettingValues } from '../../core/settings';
import { loadSettingValues } from '../../store/app-settings';
import { getQuantDb } from '../../store/db';

export async function loadUserDefaults(): Promise<SettingValues> {
  return loadSettingValues(await getQuantDb());
}
