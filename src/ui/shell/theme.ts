/**
 * Light/dark theme: follows the system by default, with a manual choice remembered in
 * localStorage (read synchronously at start-up so the first paint has the right colours).
 */
import { derived, readable, writable } from 'svelte/store';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const storageKey = 'ql-theme';

function storedChoice(): ThemeChoice {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export const themeChoice = writable<ThemeChoice>(storedChoice());

export function setThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(storageKey);
  else localStorage.setItem(storageKey, choice);
  themeChoice.set(choice);
}

const systemTheme = readable<Theme>('light', (set) => {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const update = () => set(query.matches ? 'dark' : 'light');
  update();
  query.addEventListener('change', update);
  return () => query.removeEventListener('change', update);
});

/** The theme actually shown; charts re-render with it. */
export const theme = derived([themeChoice, systemTheme], ([choice, system]) => (choice === 'system' ? system : choice));

/** Keeps `<html data-theme>` in sync; call once at start-up. */
export function applyTheme(): () => void {
  return theme.subscribe((value) => {
    document.documentElement.dataset.theme = value;
    document.documentElement.style.colorScheme = value;
  });
}
