import { describe, expect, it } from 'vitest';
import { checkAppend, fillOrder, lastJournalDate, portfolioAsOf, replayUntilFailure, tradeBlocker, tradingDaysSince, type PaperTrade } from '../../../src/core/paper';

describe('the as-of date', () => {
  // The demo data: SPX daily to 2020-04-17 (a Friday), five large caps monthly to 2010-03-01.
  const demo = [
    { symbol: 'SPX', lastDate: '2020-04-17' },
    { symbol: 'MSFT', lastDate: '2010-03-01' },
    { symbol: 'AAPL', lastDate: '2010-03-01' },
    { symbol: 'GOOG', lastDate: '2013-06-03' },
  ];

  it('is the latest date of the data; older symbols are behind, oldest first', () => {
    const asOf = portfolioAsOf(demo, '2020-04-20');
    expect(asOf.date).toBe('2020-04-17');
    expect(asOf.current).toEqual(['SPX']);
    expect(asOf.behind).toEqual([
      { symbol: 'AAPL', lastDate: '2010-03-01' },
      { symbol: 'MSFT', lastDate: '2010-03-01' },
      { symbol: 'GOOG', lastDate: '2013-06-03' },
    ]);
    // Monday 2020-04-20 is one trading day after Friday's close: current.
    expect(asOf.tradingDaysOld).toBe(1);
    expect(asOf.stale).toBe(false);
  });

  it('counts NYSE trading days to today and warns after more than five', () => {
    // After Friday 2024-12-20: Mon 23, Tue 24, (Christmas closed), Thu 26, Fri 27, Mon 30 = 5, Tue 31 = 6.
    expect(tradingDaysSince('2024-12-20', '2024-12-30')).toBe(5);
    expect(tradingDaysSince('2024-12-20', '2024-12-31')).toBe(6);
    expect(tradingDaysSince('2024-12-20', '2024-12-20')).toBe(0);
    expect(tradingDaysSince('2024-12-20', '2024-12-22')).toBe(0); // the weekend adds none
    expect(portfolioAsOf([{ symbol: 'A', lastDate: '2024-12-20' }], '2024-12-30').stale).toBe(false);
    expect(portfolioAsOf([{ symbol: 'A', lastDate: '2024-12-20' }], '2024-12-31').stale).toBe(true);
    // The demo, seen on 2026-12-07: years old.
    expect(portfolioAsOf(demo, '2026-12-07').stale).toBe(true);
  });

  it('has no date without data', () => {
    expect(portfolioAsOf([], '2024-01-02')).toEqual({ current: [], behind: [], tradingDaysOld: 0, stale: false });
  });

  it('says why a symbol cannot trade: behind, ahead, or a journal that is already later', () => {
    const asOf = portfolioAsOf(demo, '2020-04-20');
    expect(tradeBlocker(asOf, 'SPX', '2020-04-17')).toBeUndefined();
    expect(tradeBlocker(asOf, 'GOOG', '2013-06-03')).toBe("GOOG: its prices end 2013-06-03, before the portfolio's as-of date 2020-04-17; refresh GOOG in the Data tab to trade it");
    expect(tradeBlocker(portfolioAsOf([{ symbol: 'SPX', lastDate: '2020-04-17' }], '2020-04-20'), 'NEW', '2020-04-20')).toMatch(/^NEW: its prices end 2020-04-20, after the portfolio's as-of date 2020-04-17/);
    const journalLater = portfolioAsOf(demo, '2020-04-20', '2020-05-01');
    expect(journalLater.journalAhead).toBe('2020-05-01');
    expect(tradeBlocker(journalLater, 'SPX', '2020-04-17')).toMatch(/^The journal already has entries dated 2020-05-01, after the as-of date 2020-04-17/);
  });
});

describe('appending to a journal', () => {
  const costs = { commission: 0, slippage: 0 };
  const trade = (id: string, side: 'buy' | 'sell', quantity: number, price: number, date: string): PaperTrade =>
    fillOrder({ symbol: 'AAA', side, quantity, marketPrice: price, date, source: 'manual' }, 'p', costs, id, `${date}T10:00:00Z`);

  it('never goes back in time, and the whole journal must replay', () => {
    const journal = [trade('t1', 'buy', 10, 100, '2024-01-03')];
    expect(lastJournalDate(journal)).toBe('2024-01-03');
    expect(() => checkAppend(1000, journal, [trade('t2', 'sell', 1, 100, '2024-01-02')])).toThrow('AAA: a trade dated 2024-01-02 cannot go before the last journal entry (2024-01-03)');
    expect(() => checkAppend(1000, journal, [trade('t2', 'buy', 1, 100, '2024-01-03')])).toThrow('AAA: buying 1 costs 100.00 but only 0.00 cash is left');
    expect(() => checkAppend(1000, journal, [trade('t2', 'sell', 4, 120, '2024-01-04')])).not.toThrow();
  });

  it('finds the first entry that does not replay, with the state before it', () => {
    // 1,000 cash: buy 6 at 100 (400 left), a second buy of 6 (600 > 400: fails), then a sell of 2.
    const journal = [trade('t3', 'sell', 2, 110, '2024-01-04'), trade('t1', 'buy', 6, 100, '2024-01-02'), trade('t2', 'buy', 6, 100, '2024-01-02')];
    const { state, applied, failure } = replayUntilFailure(1000, journal);
    expect(applied.map((t) => t.id)).toEqual(['t1']);
    expect(state.cash).toBe(400);
    expect(failure).toEqual({ index: 1, trade: journal[2], reason: 'AAA: buying 6 costs 600.00 but only 400.00 cash is left' });
    expect(replayUntilFailure(1000, journal.slice(0, 2)).failure).toBeUndefined();
  });
});
