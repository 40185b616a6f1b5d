import { computeFeatures, type PriceColumns } from '../features';
import { dateKey } from './dates';
import { forwardReturn, isBuyTarget, isSellTarget } from './targets';

/** One symbol's bars as columns (PriceSeries satisfies it). */
export interface SymbolBars extends PriceColumns {
  symbol: string;
  dates: string[];
}

/**
 * The eligible rows of one or many symbols, pooled and sorted by date (then symbol order):
 * a row is eligible when every feature and its forward return are finite.
 */
export interface Dataset {
  featureNames: string[];
  p: number;
  rows: number;
  /** Row-major features, rows x p. */
  x: Float64Array;
  forwardReturn: Float64Array;
  buy: Uint8Array;
  sell: Uint8Array;
  /** Date of the row (YYYYMMDD) and date of the bar its label looks at (t + horizon). */
  dateKey: Int32Array;
  labelDateKey: Int32Array;
  symbolIndex: Int32Array;
  symbols: string[];
}

export interface TargetSettings {
  features: readonly string[];
  horizon: number;
  buyThreshold: number;
  sellThreshold: number;
  from?: string;
  to?: string;
}

/** Restricts a symbol's bars to [from, to] (inclusive) before anything is computed. */
export function sliceRange(bars: SymbolBars, from?: string, to?: string): SymbolBars {
  if (from === undefined && to === undefined) return bars;
  let start = 0;
  let end = bars.dates.length;
  while (start < end && from !== undefined && bars.dates[start] < from) start++;
  while (end > start && to !== undefined && bars.dates[end - 1] > to) end--;
  return {
    symbol: bars.symbol,
    dates: bars.dates.slice(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  };
}

export function buildDataset(allBars: readonly SymbolBars[], settings: TargetSettings): Dataset {
  const p = settings.features.length;
  const perSymbol = allBars.map((raw) => {
    const bars = sliceRange(raw, settings.from, settings.to);
    const columns = computeFeatures(bars, settings.features);
    const r = forwardReturn(bars.close, settings.horizon);
    const eligible: number[] = [];
    for (let t = 0; t < r.length; t++) {
      if (r[t] !== r[t]) continue;
      let ok = true;
      for (let j = 0; j < p && ok; j++) ok = columns[j][t] === columns[j][t];
      if (ok) eligible.push(t);
    }
    return { bars, columns, r, eligible, keys: Int32Array.from(bars.dates, dateKey) };
  });
  const rows = perSymbol.reduce((sum, s) => sum + s.eligible.length, 0);
  // Sort by (date, original order) with one numeric key per row: date * 2^k + row.
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(rows + 1)));
  const order = new Float64Array(rows);
  let offset = 0;
  for (const s of perSymbol) {
    for (const t of s.eligible) {
      order[offset] = s.keys[t] * scale + offset;
      offset++;
    }
  }
  order.sort();
  const targetOf = new Int32Array(rows);
  for (let k = 0; k < rows; k++) targetOf[order[k] % scale] = k;
  const data: Dataset = {
    featureNames: [...settings.features],
    p,
    rows,
    x: new Float64Array(rows * p),
    forwardReturn: new Float64Array(rows),
    buy: new Uint8Array(rows),
    sell: new Uint8Array(rows),
    dateKey: new Int32Array(rows),
    labelDateKey: new Int32Array(rows),
    symbolIndex: new Int32Array(rows),
    symbols: allBars.map((b) => b.symbol),
  };
  offset = 0;
  perSymbol.forEach((s, symbol) => {
    for (const t of s.eligible) {
      const k = targetOf[offset++];
      for (let j = 0; j < p; j++) data.x[k * p + j] = s.columns[j][t];
      const r = s.r[t];
      data.forwardReturn[k] = r;
      data.buy[k] = isBuyTarget(r, settings.buyThreshold) ? 1 : 0;
      data.sell[k] = isSellTarget(r, settings.sellThreshold) ? 1 : 0;
      data.dateKey[k] = s.keys[t];
      data.labelDateKey[k] = s.keys[t + settings.horizon];
      data.symbolIndex[k] = symbol;
    }
  });
  return data;
}
