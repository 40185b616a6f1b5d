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
  const haOpen = new Float64Array(n);
  const haHigh = new Float64Array(n);
  const haLow = new Float64Array(n);
  const haClose = new Float64Array(n);
  let prevOpen = 0;
  let prevClose = 0;
  for (let i = 0; i < n; i++) {
    const c = (open[i] + high[i] + low[i] + close[i]) / 4;
    const o = i === 0 ? (open[0] + close[0]) / 2 : (prevOpen + prevClose) / 2;
    const top = o > c ? o : c;
    const bottom = o < c ? o : c;
    haOpen[i] = o;
    haClose[i] = c;
    haHigh[i] = high[i] > top ? high[i] : top;
    haLow[i] = low[i] < bottom ? low[i] : bottom;
    prevOpen = o;
    prevClose = c;
  }
  const ha: HeikinAshi = { open: haOpen, high: haHigh, low: haLow, close: haClose };
  return ha;
}
