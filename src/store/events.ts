/**
 * "The stored symbols changed" notifications within a page, so views (symbol lists, the Overview,
 * pickers in other tabs) refresh after an import, a delete or the demo seeding.
 *
 *   const stop = onSymbolsChanged(() => refresh());   // call stop() when the view goes away
 */
const target = new EventTarget();

export function notifySymbolsChanged(): void {
  target.dispatchEvent(new Event('symbols'));
}

export function onSymbolsChanged(listener: () => void): () => void {
  target.addEventListener('symbols', listener);
  return () => target.removeEventListener('symbols', listener);
}
