export interface HeikinAshi {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/**
 * Heikin-Ashi candles: haClose = (O+H+L+C)/4; haOpen[0] = (O0+C0)/2, haOpen[t] = (haOpen[t-1]+haClose[t-1])/2;
 * haHigh = max(H, haOpen, haClose); haLow = min(L, haOpen, haClose). Defined from bar 0 (no warm-up).
 */
export function heikinAshi(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): HeikinAshi {
  const n = close.length;
  const ha: HeikinAshi = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const haClose = (open[i] + high[i] + low[i] + close[i]) / 4;
    const haOpen = i === 0 ? (open[0] + close[0]) / 2 : (ha.open[i - 1] + ha.close[i - 1]) / 2;
    ha.open[i] = haOpen;
    ha.close[i] = haClose;
    ha.high[i] = Math.max(high[i], haOpen, haClose);
    ha.low[i] = Math.min(low[i], haOpen, haClose);
  }
  return ha;
}
