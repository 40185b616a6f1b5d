/** The data-table alternative every chart offers (screen readers, copying numbers). */
export interface ChartTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Builds a table from a shared x axis and named series of equal length. */
export function seriesTable(xLabel: string, x: readonly (string | number)[], series: { name: string; values: ArrayLike<number> }[]): ChartTable {
  return {
    columns: [xLabel, ...series.map((s) => s.name)],
    rows: x.map((value, i) => [value, ...series.map((s) => (Number.isFinite(s.values[i]) ? s.values[i] : null))]),
  };
}

/** Formats a table cell: numbers with up to 4 significant decimals, gaps as an em dash. */
export function formatCell(value: string | number | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return Math.abs(value) >= 1000 ? value.toFixed(2) : Number(value.toPrecision(6)).toString();
}
