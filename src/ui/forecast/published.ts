/**
 * A published forecast (src/store/published-forecasts.ts) in the shape the Forecasts tab draws
 * (ForecastResult, the fan chart), plus what the page says about it: where it comes from and whether the
 * stored bars have moved past it.
 */
import type { PriceSeries } from '../../core/data/types';
import { modelRevision } from '../../core/forecast/published';
import type { PublishedForecastRecord } from '../../store/published-forecasts';
import type { SymbolForecast } from '../../../workers/forecast/api';
import { nextTradingDays } from '../../../workers/forecast/inputs';

/** How much of a long revision to show (a sha256 is 64 hex digits); the whole identity is in the tooltip. */
const SHOWN_REVISION = 12;

/** `abc123...` for long revisions, `sha256:0f1e2d3c4b5a…` for a checkpoint's weights hash. */
export function shortRevision(identity: string): string {
  const revision = modelRevision(identity);
  const [prefix, value] = revision.startsWith('sha256:') ? ['sha256:', revision.slice(7)] : ['', revision];
  return value.length > SHOWN_REVISION ? `${prefix}${value.slice(0, SHOWN_REVISION)}…` : revision;
}

/**
 * The stored close on the forecast's as-of date when it differs from the close the site forecast from (a copy
 * of the symbol from another source), else undefined.
 */
export function otherStoredClose(record: PublishedForecastRecord, series: PriceSeries | undefined): number | undefined {
  const at = series?.dates.lastIndexOf(record.lastDate) ?? -1;
  if (at < 0) return undefined;
  const close = series!.close[at];
  return Math.abs(close - record.lastClose) <= 1e-9 * record.lastClose ? undefined : close;
}

/**
 * The forecast drawn from its as-of date: the history is the stored closes up to that date (the fan opens
 * from the last bar the model saw), or only the site's last close when the symbol's bars are not stored or
 * are another source's.
 */
export function publishedResult(record: PublishedForecastRecord, series: PriceSeries | undefined): SymbolForecast {
  const end = series ? series.dates.lastIndexOf(record.lastDate) + 1 : 0;
  const own = series !== undefined && end > 0 && otherStoredClose(record, series) === undefined;
  return {
    symbol: record.symbol,
    model: { id: record.model.id, label: record.model.label, kind: record.model.kind, levels: record.model.levels },
    backend: 'precomputed',
    historyDates: own ? series.dates.slice(0, end) : [record.lastDate],
    history: own ? series.close.slice(0, end) : Float64Array.of(record.lastClose),
    futureDates: nextTradingDays(record.lastDate, record.forecast.horizon),
    forecast: record.forecast,
    milliseconds: 0,
  };
}

/** Trading days (bars) stored after the forecast's as-of date: the forecast does not know them. */
export function barsSince(series: PriceSeries | undefined, lastDate: string): { count: number; last?: string } {
  const newer = series?.dates.filter((d) => d > lastDate) ?? [];
  return { count: newer.length, last: newer.at(-1) };
}
