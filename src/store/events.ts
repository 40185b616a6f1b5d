/**
 * "Stored data changed" notifications, so views refresh after an import, a delete, the demo seeding
 * or a trade: within the page, and in every other tab and worker of the app (a BroadcastChannel:
 * a symbol imported in one tab shows in the Data table of the other; a trade placed in one tab
 * refreshes the other's Overview).
 *
 *   const stop = onSymbolsChanged(() => refresh());   // call stop() when the view goes away
 *   const stop = onPortfoliosChanged((id) => { if (id === shown) reload(); });
 */
type Change = { kind: 'symbols' } | { kind: 'portfolios'; portfolioId: string };

const target = new EventTarget();
const CHANNEL_NAME = 'quant-lens-changes';
let channel: BroadcastChannel | null | undefined;

/** Opened on first use; messages from other contexts are dispatched here as if local. */
function otherContexts(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel === 'undefined') return (channel = null);
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<Change>) => dispatch(event.data);
  // Node (unit tests, the CLI) would otherwise stay alive for the open channel.
  (channel as unknown as { unref?: () => void }).unref?.();
  return channel;
}

function dispatch(change: Change): void {
  target.dispatchEvent(new CustomEvent(change.kind, { detail: change }));
}

function announce(change: Change): void {
  dispatch(change);
  otherContexts()?.postMessage(change);
}

function listen<K extends Change['kind']>(kind: K, listener: (change: Extract<Change, { kind: K }>) => void): () => void {
  otherContexts();
  const handler = (event: Event) => listener((event as CustomEvent).detail);
  target.addEventListener(kind, handler);
  return () => target.removeEventListener(kind, handler);
}

export function notifySymbolsChanged(): void {
  announce({ kind: 'symbols' });
}

export function onSymbolsChanged(listener: () => void): () => void {
  return listen('symbols', () => listener());
}

/** A portfolio or its journal changed (created, traded, reset, repaired, deleted). */
export function notifyPortfoliosChanged(portfolioId: string): void {
  announce({ kind: 'portfolios', portfolioId });
}

export function onPortfoliosChanged(listener: (portfolioId: string) => void): () => void {
  return listen('portfolios', (change) => listener(change.portfolioId));
}

/**
 * Messages about the database connection itself (in this page only): another tab upgraded the
 * database (this one must reload), or this tab's upgrade waits for other tabs to close.
 */
const noticeTarget = new EventTarget();

export function notifyDatabaseNotice(message: string): void {
  noticeTarget.dispatchEvent(new CustomEvent('notice', { detail: message }));
}

export function onDatabaseNotice(listener: (message: string) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<string>).detail);
  noticeTarget.addEventListener('notice', handler);
  return () => noticeTarget.removeEventListener('notice', handler);
}
