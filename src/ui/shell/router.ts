/**
 * The hash router: the URL is `#/<tab>?<params>` (e.g. `#/forecasts?symbol=SPX&h=20`), so every
 * view with its main selections is a deep link, and back/forward walk through them.
 *
 * Tabs read their selections from the `route` store and write them with `setParams`:
 *
 *   import { route, setParams } from '../shell/router';
 *   const symbol = $derived($route.params.symbol ?? 'SPX');
 *   setParams({ symbol: 'AAPL' });                 // new history entry (back returns to SPX)
 *   setParams({ h: '30' }, { replace: true });     // continuous edits: no history spam
 *   setParams({ symbol: undefined });              // remove a param
 */
import { readable } from 'svelte/store';

export interface Route {
  /** The tab id (first path segment); '' when the hash is empty. */
  tab: string;
  /** Query parameters of the hash, as strings. */
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, query = ''] = body.split('?', 2);
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) params[key] = value;
  return { tab: decodeURIComponent(path.split('/')[0] ?? ''), params };
}

export function formatHash({ tab, params }: Route): string {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][],
  ).toString();
  return '#/' + encodeURIComponent(tab) + (query ? '?' + query : '');
}

let notify: ((route: Route) => void) | undefined;
const current = (): Route => parseHash(typeof location === 'undefined' ? '' : location.hash);

/** The current route; updates on navigation, `setParams`, back/forward and manual hash edits. */
export const route = readable<Route>(current(), (set) => {
  notify = set;
  const sync = () => set(current());
  sync();
  window.addEventListener('hashchange', sync);
  window.addEventListener('popstate', sync);
  return () => {
    notify = undefined;
    window.removeEventListener('hashchange', sync);
    window.removeEventListener('popstate', sync);
  };
});

export interface NavigateOptions {
  /** Replace the current history entry instead of pushing a new one. */
  replace?: boolean;
}

function go(next: Route, { replace = false }: NavigateOptions): void {
  const hash = formatHash(next);
  if (hash === location.hash) return;
  if (replace) history.replaceState(history.state, '', hash);
  else history.pushState(history.state, '', hash);
  // pushState/replaceState fire no event: tell subscribers ourselves.
  notify?.(parseHash(hash));
}

/** Opens a tab, optionally with its params (the previous tab's params are dropped). */
export function navigate(tab: string, params: Record<string, string> = {}, options: NavigateOptions = {}): void {
  go({ tab, params }, options);
}

/** Merges params into the current tab's query; `undefined` removes a key. */
export function setParams(changes: Record<string, string | number | undefined>, options: NavigateOptions = {}): void {
  const { tab, params } = current();
  const merged: Record<string, string> = { ...params };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') delete merged[key];
    else merged[key] = String(value);
  }
  go({ tab, params: merged }, options);
}
