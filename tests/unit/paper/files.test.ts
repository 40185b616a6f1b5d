import { describe, expect, it } from 'vitest';
import { exportPortfolio, fillOrder, importPortfolio, journalToCsv, replayTrades, type PaperPortfolio } from '../../../src/core/paper';

const portfolio: PaperPortfolio = { id: 'p1', name: 'Test', startingCapital: 5000, costs: { commission: 0.001, slippage: 0.0005 }, benchmark: 'SPX', createdAt: '2024-01-01T00:00:00Z' };
const trades = [
  fillOrder({ symbol: 'AAA', side: 'buy', quantity: 3, marketPrice: 100, date: '2024-01-02', source: 'signal', note: 'ER +3.1%, "strong", conf 0.62' }, 'p1', portfolio.costs, 'a', '2024-01-02T09:00:00Z'),
  fillOrder({ symbol: 'AAA', side: 'sell', quantity: 1, marketPrice: 105, date: '2024-01-03', source: 'manual', note: '=HYPERLINK("x")' }, 'p1', portfolio.costs, 'b', '2024-01-03T09:00:00Z'),
];

function counter() {
  let n = 0;
  return () => `id${String(++n).padStart(3, '0')}`;
}

describe('paper portfolio files', () => {
  it('round-trips a portfolio through JSON with new ids and identical accounting', () => {
    const text = JSON.stringify(exportPortfolio(portfolio, trades));
    const imported = importPortfolio(text, counter());
    expect(imported.portfolio).toMatchObject({ name: 'Test', startingCapital: 5000, costs: portfolio.costs, benchmark: 'SPX' });
    expect(imported.portfolio.id).not.toBe('p1');
    expect(imported.trades.map((t) => t.portfolioId)).toEqual([imported.portfolio.id, imported.portfolio.id]);
    const a = replayTrades(5000, trades);
    const b = replayTrades(5000, imported.trades);
    expect(b.cash).toBe(a.cash);
    expect(b.realizedPnl).toBe(a.realizedPnl);
  });

  it('names the bad field of an invalid file', () => {
    const file = exportPortfolio(portfolio, trades);
    (file.trades[1] as { qty: unknown }).qty = 'two';
    expect(() => importPortfolio(JSON.stringify(file), counter())).toThrow(/portfolio\.trades\[1\]\.qty/);
    expect(() => importPortfolio('{not json', counter())).toThrow(/not valid JSON/);
  });

  it('refuses a file whose trades cannot happen (selling more than bought)', () => {
    const file = exportPortfolio(portfolio, trades);
    file.trades[1].qty = 4;
    expect(() => importPortfolio(JSON.stringify(file), counter())).toThrow(/cannot be replayed.*only 3 held/);
  });

  it('writes the journal as CSV with quoting and formula-safe text', () => {
    const lines = journalToCsv(trades).trimEnd().split('\n');
    expect(lines[0]).toBe('date,executed_at,symbol,side,quantity,market_price,fill_price,commission,value,source,note');
    expect(lines).toHaveLength(3);
    const first = lines[1];
    expect(first.startsWith('2024-01-02,2024-01-02T09:00:00Z,AAA,buy,3,100,100.05,')).toBe(true);
    expect(first.endsWith(',signal,"ER +3.1%, ""strong"", conf 0.62"')).toBe(true);
    expect(lines[2].endsWith(`,manual,"'=HYPERLINK(""x"")"`)).toBe(true);
  });
});
