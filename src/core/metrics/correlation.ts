/**
 * Pearson correlation matrix of several symbols' daily close-to-close returns, using for each pair
 * only the dates where both have a return (pairwise complete, like pandas `DataFrame.corr`).
 */
import type { PriceSeries } from '../data/types';

export function correlationMatrix(series: readonly Pick<PriceSeries, 'symbol' | 'dates' | 'close'>[]): { symbols: string[]; matrix: number[][] } {
  const returnsByDate = series.map((s) => {
    const m = new Map<string, number>();
    for (let i = 1; i < s.close.length; i++) m.set(s.dates[i], s.close[i] / s.close[i - 1] - 1);
    return m;
  });
  const n = series.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(NaN));
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [date, x] of returnsByDate[a]) {
        const y = returnsByDate[b].get(date);
        if (y !== undefined && Number.isFinite(x) && Number.isFinite(y)) {
          xs.push(x);
          ys.push(y);
        }
      }
      matrix[a][b] = matrix[b][a] = pearson(xs, ys);
    }
  }
  return { symbols: series.map((s) => s.symbol), matrix };
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
