/**
 * Step "marking": at each date's close every position of a symbol with a bar is valued at that close
 * (a symbol without a bar keeps its last mark), and the run records its equity, cash and gross
 * exposure for the date: the curves the metrics and reports are computed from.
 */
import type { RunState } from './run-state';

/** Marks the book at today's closes and records calendar date `k` of the curves. */
export function markToClose(state: RunState, k: number): void {
  let held = 0;
  let gross = 0;
  for (const st of state.active) {
    const pos = state.positions[st.slot];
    if (st.hasBar) {
      const close = state.universe[st.slot].close[st.last];
      if (Number.isFinite(close)) pos.markPrice = close;
    }
    if (pos.quantity !== 0) {
      const value = pos.quantity * pos.markPrice;
      held += value;
      gross += Math.abs(value);
    }
  }
  // The same sums as portfolio.equity() / grossExposure(), in one pass over the symbols.
  const { cash } = state.portfolio;
  state.equity = cash + held;
  state.curves.equity[k] = state.equity;
  state.curves.cash[k] = cash;
  state.curves.grossExposure[k] = gross / state.equity;
}
