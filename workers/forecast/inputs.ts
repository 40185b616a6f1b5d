/**
 * Turns stored price histories into forecast requests: the target's closes plus optional covariates
 * (its volume, a benchmark's closes) and related symbols forecast jointly, all aligned on the target's
 * dates (a date another series lacks becomes a missing value, NaN).
 */
import { tradingDays } from '../../src/core/data/calendar';
import { dayNumber, isoFromDayNumber } from '../../src/core/data/dates';
import type { PriceSeries } from '../../src/core/data/types';
import type { ForecastRequest } from '../../src/core/forecast/types';

export interface CovariateChoice {
  /** Use the target's own volume as a past covariate. */
  volume?: boolean;
  /** Closes of a benchmark (e.g. the index) as a past covariate. */
  benchmark?: PriceSeries;
  /** Symbols forecast jointly with the target (group attention). */
  related?: PriceSeries[];
}

/** `values` of `source` placed on `dates` (NaN where `source` has no bar that day). */
export function alignByDate(dates: readonly string[], source: Pick<PriceSeries, 'dates'>, values: Float64Array): Float64Array {
  const index = new Map<string, number>();
  source.dates.forEach((d, i) => index.set(d, i));
  return Float64Array.from(dates, (d) => {
    const i = index.get(d);
    return i === undefined ? Number.NaN : values[i];
  });
}

export function buildRequest(target: PriceSeries, covariates: CovariateChoice = {}, contextBars?: number): ForecastRequest {
  const from = contextBars === undefined ? 0 : Math.max(0, target.dates.length - contextBars);
  const dates = target.dates.slice(from);
  const request: ForecastRequest = { target: target.close.slice(from) };
  const past: Record<string, Float64Array> = {};
  if (covariates.volume) past.volume = target.volume.slice(from);
  if (covariates.benchmark) past[covariates.benchmark.symbol] = alignByDate(dates, covariates.benchmark, covariates.benchmark.close);
  if (Object.keys(past).length > 0) request.pastCovariates = past;
  if (covariates.related?.length) {
    request.relatedTargets = Object.fromEntries(covariates.related.map((s) => [s.symbol, alignByDate(dates, s, s.close)]));
  }
  return request;
}

/** The next `count` NYSE trading days after `lastDate`. */
export function nextTradingDays(lastDate: string, count: number): string[] {
  const start = dayNumber(lastDate) + 1;
  // 7 calendar days hold at least 4 trading days even in a holiday week.
  const days = tradingDays(isoFromDayNumber(start), isoFromDayNumber(start + Math.ceil((count * 7) / 4) + 7));
  return days.slice(0, count);
}
