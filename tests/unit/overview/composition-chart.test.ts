import { describe, expect, it } from 'vitest';
import { compositionLegend, compositionOption } from '../../../src/ui/overview/composition-chart';

describe('Composition pie', () => {
  it('puts each share in the legend, to one decimal (28,740 of 100,000 is 28.7%)', () => {
    const legend = compositionLegend([{ name: 'SPX', value: 28_740 }, { name: 'Cash', value: 71_260 }]);
    expect([...legend.values()]).toEqual(['SPX 28.7%', 'Cash 71.3%']);
    const option = compositionOption([{ name: 'SPX', value: 28_740 }, { name: 'Cash', value: 71_260 }]);
    const formatter = (option.legend as { formatter: (name: string) => string }).formatter;
    expect(formatter('Cash')).toBe('Cash 71.3%');
  });

  it('draws no slice labels, which a phone cuts short', () => {
    const option = compositionOption([{ name: 'SPX', value: 1 }]);
    expect((option.series as { label: { show: boolean } }[])[0].label.show).toBe(false);
  });

  it('shows an empty portfolio without dividing by zero', () => {
    expect([...compositionLegend([{ name: 'Cash', value: 0 }]).values()]).toEqual(['Cash —']);
  });
});
