/**
 * The Overview's Composition pie: each holding's share of equity. Names and percentages are in the legend
 * below the ring, not on labels beside it: a phone's 390 px left no room for "Cash 71.3%" next to the
 * ring and echarts cut the labels to "Cash 71…".
 */
import type { EChartsOption } from 'echarts';
import { formatMoney, formatPercent } from '../lib/format';

export interface Holding {
  name: string;
  value: number;
}

/** Legend entries as "SPX 28.7%": each holding's share of the pie's total. */
export function compositionLegend(holdings: readonly Holding[]): Map<string, string> {
  const total = holdings.reduce((sum, h) => sum + h.value, 0);
  return new Map(holdings.map((h) => [h.name, `${h.name} ${formatPercent(total > 0 ? h.value / total : Number.NaN, 1)}`]));
}

export function compositionOption(holdings: readonly Holding[]): EChartsOption {
  const legend = compositionLegend(holdings);
  return {
    tooltip: { trigger: 'item', valueFormatter: (x) => formatMoney(Number(x)) },
    legend: { type: 'scroll', bottom: 0, formatter: (name: string) => legend.get(name) ?? name },
    series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '44%'], data: [...holdings], label: { show: false } }],
  };
}
