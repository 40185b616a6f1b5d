import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuantDb, type QuantDb } from '../../../src/store/db';
import { addTrades, createPortfolio, deletePortfolio, getActivePortfolioId, listOrCreatePortfolios, listPortfolios, listTrades, removeTrades, resetPortfolio, saveImportedPortfolio, updatePortfolio, newPaperId } from '../../../src/store/paper';
import { exportPortfolio, fillOrder, importPortfolio, replayTrades, type PaperPortfolio } from '../../../src/core/paper';

let db: QuantDb;
const name = `ql-paper-${process.pid}`;
beforeEach(async () => {
  db = await openQuantDb(name);
});
afterEach(async () => {
  db.close();
  await deleteDB(name);
});

const costs = { commission: 0.001, slippage: 0 };
const buy = (p: PaperPortfolio, qty: number, price: number, date: string) =>
  fillOrder({ symbol: 'AAA', side: 'buy', quantity: qty, marketPrice: price, date, source: 'manual' }, p.id, costs, newPaperId('tr'), `${date}T10:00:00Z`);
const sell = (p: PaperPortfolio, qty: number, price: number, date: string) =>
  fillOrder({ symbol: 'AAA', side: 'sell', quantity: qty, marketPrice: price, date, source: 'manual' }, p.id, costs, newPaperId('tr'), `${date}T11:00:00Z`);

describe('paper portfolio storage', () => {
  it('keeps several named portfolios with their own journals', async () => {
    const a = await createPortfolio(db, { name: 'Growth', startingCapital: 1000, costs });
    const b = await createPortfolio(db, { name: 'Income', startingCapital: 2000, costs });
    await addTrades(db, a, [buy(a, 2, 100, '2024-01-02')]);
    await addTrades(db, b, [buy(b, 1, 50, '2024-01-02'), sell(b, 1, 60, '2024-01-03')]);
    expect((await listPortfolios(db)).map((p) => p.name)).toEqual(['Growth', 'Income']);
    expect(await listTrades(db, a.id)).toHaveLength(1);
    expect(await listTrades(db, b.id)).toHaveLength(2);
    expect(await getActivePortfolioId(db)).toBe(b.id);
  });

  it('refuses a batch with an impossible trade and writes none of it', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 1000, costs });
    await addTrades(db, p, [buy(p, 2, 100, '2024-01-02')]);
    await expect(addTrades(db, p, [sell(p, 1, 110, '2024-01-03'), sell(p, 5, 110, '2024-01-03')])).rejects.toThrow(/only 1 held/);
    expect(await listTrades(db, p.id)).toHaveLength(1);
  });

  it('books at most one of two simultaneous buys that only one of them can afford', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 5000, costs });
    // Two tabs buying 6 at 561 (3,369.37 each with commission) in the same instant.
    const results = await Promise.allSettled([addTrades(db, p, [buy(p, 6, 561, '2024-01-02')]), addTrades(db, p, [buy(p, 6, 561, '2024-01-02')])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.message).toBe('AAA: buying 6 costs 3369.37 but only 1630.63 cash is left');
    expect(await listTrades(db, p.id)).toHaveLength(1);
  });

  it('refuses a trade into a portfolio deleted in the meantime, storing nothing', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 5000, costs });
    await deletePortfolio(db, p.id);
    await expect(addTrades(db, p, [buy(p, 1, 10, '2024-01-02')])).rejects.toThrow('The portfolio "P" no longer exists (deleted in another tab?): the trade was not booked');
    expect(await listTrades(db, p.id)).toEqual([]);
  });

  it('refuses to change a portfolio deleted in the meantime (it is not brought back without its journal)', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 5000, costs });
    await updatePortfolio(db, { ...p, benchmark: 'SPX' });
    expect((await listPortfolios(db))[0].benchmark).toBe('SPX');
    await deletePortfolio(db, p.id);
    await expect(updatePortfolio(db, { ...p, benchmark: 'QQQ' })).rejects.toThrow('The portfolio "P" no longer exists (deleted in another tab?): the change was not saved');
    expect(await listPortfolios(db)).toEqual([]);
  });

  it('refuses a trade dated before the last journal entry (the journal never goes back in time)', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 5000, costs });
    await addTrades(db, p, [buy(p, 1, 10, '2024-01-03')]);
    await expect(addTrades(db, p, [buy(p, 1, 10, '2024-01-02')])).rejects.toThrow(
      'AAA: a trade dated 2024-01-02 cannot go before the last journal entry (2024-01-03): the journal never goes back in time',
    );
    await addTrades(db, p, [buy(p, 1, 10, '2024-01-03')]); // the same date is fine
    expect(await listTrades(db, p.id)).toHaveLength(2);
  });

  it('creates one first portfolio when two tabs open an empty database together', async () => {
    const fields = { name: 'My portfolio', startingCapital: 1000, costs };
    const [a, b] = await Promise.all([listOrCreatePortfolios(db, fields), listOrCreatePortfolios(db, fields)]);
    expect(a).toEqual(b);
    expect(await listPortfolios(db)).toHaveLength(1);
    expect(await getActivePortfolioId(db)).toBe(a[0].id);
    // With portfolios stored, nothing is created.
    await createPortfolio(db, { ...fields, name: 'Second' });
    expect((await listOrCreatePortfolios(db, fields)).map((p) => p.name)).toEqual(['My portfolio', 'Second']);
  });

  it("removes journal entries of one portfolio only (the repair)", async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 1000, costs });
    const q = await createPortfolio(db, { name: 'Q', startingCapital: 1000, costs });
    const [a, b] = [buy(p, 1, 10, '2024-01-02'), buy(p, 1, 10, '2024-01-03')];
    const other = buy(q, 1, 10, '2024-01-02');
    await addTrades(db, p, [a, b]);
    await addTrades(db, q, [other]);
    await removeTrades(db, p.id, [b.id, other.id]);
    expect((await listTrades(db, p.id)).map((t) => t.id)).toEqual([a.id]);
    expect((await listTrades(db, q.id)).map((t) => t.id)).toEqual([other.id]);
  });

  it('resets a journal and deletes a portfolio with its trades', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 1000, costs });
    const q = await createPortfolio(db, { name: 'Q', startingCapital: 1000, costs });
    await addTrades(db, p, [buy(p, 2, 100, '2024-01-02')]);
    await addTrades(db, q, [buy(q, 3, 100, '2024-01-02')]);
    await resetPortfolio(db, p.id);
    expect(await listTrades(db, p.id)).toEqual([]);
    await deletePortfolio(db, q.id);
    expect((await listPortfolios(db)).map((x) => x.id)).toEqual([p.id]);
    expect(await listTrades(db, q.id)).toEqual([]);
  });

  it('imports an exported portfolio as a new one with the same accounting', async () => {
    const p = await createPortfolio(db, { name: 'P', startingCapital: 1000, costs });
    const journal = [buy(p, 2, 100, '2024-01-02'), sell(p, 1, 120, '2024-01-03')];
    await addTrades(db, p, journal);
    const imported = importPortfolio(JSON.stringify(exportPortfolio(p, await listTrades(db, p.id))), () => newPaperId('x'));
    await saveImportedPortfolio(db, imported);
    const copy = await listTrades(db, imported.portfolio.id);
    expect(replayTrades(1000, copy).cash).toBeCloseTo(replayTrades(1000, journal).cash, 10);
    expect(await getActivePortfolioId(db)).toBe(imported.portfolio.id);
    expect(await listPortfolios(db)).toHaveLength(2);
  });
});
