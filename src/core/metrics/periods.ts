/**
 * Calendar-period returns of a value curve: each period's last value over the previous period's
 * last value (the first period starts from the curve's first value), i.e. the daily returns compounded.
 */
export interface PeriodReturn {
  /** "YYYY-MM" for months, "YYYY" for years. */
  period: string;
  returnPct: number;
}

function periodReturns(dates: readonly string[], values: Float64Array, keyLength: number): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  if (values.length === 0) return out;
  let base = values[0];
  for (let t = 0; t < values.length; t++) {
    const key = dates[t].slice(0, keyLength);
    const next = dates[t + 1];
    if (next === undefined || next.slice(0, keyLength) !== key) {
      out.push({ period: key, returnPct: (values[t] / base - 1) * 100 });
      base = values[t];
    }
  }
  return out;
}

export function monthlyReturns(dates: readonly string[], values: Float64Array): PeriodReturn[] {
  return periodReturns(dates, values, 7);
}

export function yearlyReturns(dates: readonly string[], values: Float64Array): PeriodReturn[] {
  return periodReturns(dates, values, 4);
}

/** Best and worst of a list of period returns (NaN for an empty list). */
export function bestAndWorst(returns: readonly PeriodReturn[]): { best: number; worst: number } {
  if (returns.length === 0) return { best: NaN, worst: NaN };
  const values = returns.map((r) => r.returnPct);
  return { best: Math.max(...values), worst: Math.min(...values) };
}
