/**
 * Curves of different frequencies or histories compared on common dates: the dates of the coarsest
 * series (monthly before weekly before daily) within the range every series covers, each other series
 * read as of those dates (its last value on or before). A series that cannot take part is left out
 * with the reason, so the page can say so instead of dropping it silently.
 */
import { periodsPerYear } from '../metrics';
import { valuesOnDates, type ValueCurve } from './curves';

export interface LeftOut {
  name: string;
  reason: string;
}

export interface AlignedCurves {
  /** The common calendar (empty when fewer than two dates are shared). */
  dates: string[];
  curves: { name: string; values: Float64Array }[];
  leftOut: LeftOut[];
  /** Periods per year of the common calendar (what returns on it are). */
  periodsPerYear: number;
}

/** Names made unique ("Run: SMA 10/30", "Run: SMA 10/30 (2)"): two saved runs may share a name. */
export function uniqueNames<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const count = (seen.get(item.name) ?? 0) + 1;
    seen.set(item.name, count);
    return count === 1 ? item : { ...item, name: `${item.name} (${count})` };
  });
}

export function alignCurves(curves: readonly ValueCurve[]): AlignedCurves {
  const leftOut: LeftOut[] = [];
  const usable = curves.filter((c) => {
    if (c.dates.length >= 2) return true;
    leftOut.push({ name: c.name, reason: 'fewer than two dates' });
    return false;
  });
  if (usable.length === 0) return { dates: [], curves: [], leftOut, periodsPerYear: 252 };
  // Leave out, one at a time, the series whose history overlaps least with the others until the rest share a range.
  let kept = [...usable];
  const range = (cs: ValueCurve[]) => ({ start: cs.reduce((s, c) => (c.dates[0] > s ? c.dates[0] : s), ''), end: cs.reduce((e, c) => (c.dates[c.dates.length - 1] < e ? c.dates[c.dates.length - 1] : e), '9999') });
  while (kept.length > 1 && range(kept).start >= range(kept).end) {
    const shortest = kept.reduce((a, b) => (a.dates[a.dates.length - 1] < b.dates[b.dates.length - 1] ? a : b));
    const other = kept.find((c) => c !== shortest)!;
    leftOut.push({ name: shortest.name, reason: `its dates (${shortest.dates[0]} to ${shortest.dates[shortest.dates.length - 1]}) do not overlap the others' (from ${other.dates[0]})` });
    kept = kept.filter((c) => c !== shortest);
  }
  const { start, end } = range(kept);
  const frequencies = kept.map((c) => periodsPerYear(c.dates));
  const coarsest = kept[frequencies.indexOf(Math.min(...frequencies))];
  const dates = coarsest.dates.filter((d) => d >= start && d <= end);
  if (dates.length < 2) {
    for (const c of kept) leftOut.push({ name: c.name, reason: `fewer than two common dates between ${start} and ${end}` });
    return { dates: [], curves: [], leftOut, periodsPerYear: Math.min(...frequencies) };
  }
  return {
    dates,
    curves: kept.map((c) => ({ name: c.name, values: valuesOnDates(dates, c) })),
    leftOut,
    periodsPerYear: Math.min(...frequencies),
  };
}
