import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoFromDayNumber, dayNumber } from '../../../src/core/data/dates';
import { exportCsv, exportJson } from '../../../src/core/data/export';
import { parseImportFile } from '../../../src/core/data/parse';
import type { Bar } from '../../../src/core/data/types';
import { deleteSymbol, importBatch, listSymbols, loadBars } from '../../../src/store/bars';
import { openQuantDb, type QuantDb } from '../../../src/store/db';
import { ImportBlockedError, importParsedFiles } from '../../../src/store/importFiles';

// A fixed seed makes every run (and CI) test the same random files; FC_SEED=<n> explores others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 1121) });

const encode = (text: string) => new TextEncoder().encode(text);
const price = fc.double({ min: 0.0001, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** Valid bars: unique ascending dates, low <= open, close <= high, volume >= 0 or unknown, adjClose on all or none. */
const barsArb = fc
  .record({
    start: fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2019-01-01') }),
    steps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }),
    withAdj: fc.boolean(),
  })
  .chain(({ start, steps, withAdj }) =>
    fc.tuple(...steps.map(() => fc.record({ a: price, b: price, c: price, d: price, volume: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: NaN }), adj: price })))
      .map((rows) => {
        let day = start;
        return rows.map((r, i): Bar => {
          day += i === 0 ? 0 : steps[i];
          const [low, open, close, high] = [r.a, r.b, r.c, r.d].sort((x, y) => x - y);
          const bar: Bar = { date: isoFromDayNumber(day), open, high, low, close, volume: r.volume };
          if (withAdj) bar.adjClose = r.adj;
          return bar;
        });
      }),
  );

/** Writes bars as CSV in one of the dialects the importer must read. */
function dialectCsv(bars: Bar[], delimiter: string, eol: string, bom: boolean, quoteAll: boolean): string {
  const q = (s: string) => (quoteAll ? `"${s}"` : s);
  const head = ['Date', 'Open', 'High', 'Low', 'Close', ...(bars[0].adjClose !== undefined ? ['Adj Close'] : []), 'Volume'];
  const lines = bars.map((b) => [b.date, b.open, b.high, b.low, b.close, ...(b.adjClose !== undefined ? [b.adjClose] : []), Number.isNaN(b.volume) ? '' : b.volume].map((v) => q(String(v))).join(delimiter));
  return (bom ? '\uFEFF' : '') + [head.map(q).join(delimiter), ...lines].join(eol) + eol;
}

describe('random valid files round-trip', () => {
  it('through every CSV dialect', async () => {
    await fc.assert(
      fc.asyncProperty(barsArb, fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), async (bars, delimiter, eol, bom, quoteAll) => {
        const r = await parseImportFile({ name: 'RT.csv', bytes: encode(dialectCsv(bars, delimiter, eol, bom, quoteAll)) });
        expect(r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
        expect(r.symbols.map((s) => [s.symbol, s.bars])).toEqual([['RT', bars]]);
      }),
      { numRuns: 150 },
    );
  });

  it('through the app export formats (JSON re-exports byte for byte)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(barsArb, { minLength: 1, maxLength: 3 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), async (all, name) => {
        const series = all.map((bars, i) => ({ symbol: `S${i}`, name, bars }));
        const json = exportJson(series);
        const fromJson = await parseImportFile({ name: 'x.json', bytes: encode(json) });
        expect(fromJson.ok).toBe(true);
        expect(exportJson(fromJson.symbols)).toBe(json);
        const fromCsv = await parseImportFile({ name: 'x.csv', bytes: encode(exportCsv(series)) });
        expect(fromCsv.ok).toBe(true);
        // CSV carries no names; a series without adjusted close reads back without it.
        expect(fromCsv.symbols.map((s) => [s.symbol, s.bars])).toEqual(series.map((s) => [s.symbol, s.bars]));
      }),
      { numRuns: 100 },
    );
  });
});

describe('random corruptions', () => {
  let db: QuantDb;
  const dbName = `ql-fuzz-${process.pid}`;
  beforeAll(async () => {
    db = await openQuantDb(dbName);
    await importBatch(db, [{ symbol: 'KEEP', source: 'seed', bars: [{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 }] }], { merge: 'replace' });
  });
  afterAll(async () => {
    db.close();
    await deleteDB(dbName);
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom('"', ',', ';', '\n', '\r', 'x', '-', '9', '', '\t', 'null', '\u0000', '1e999', '13/45/2024') }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  );

  function corrupt(text: string, mutations: (typeof mutation extends fc.Arbitrary<infer M> ? M : never)[]): string {
    let s = text;
    for (const m of mutations) {
      const at = s.length === 0 ? 0 : m.at % s.length;
      if (m.kind === 'replace') s = s.slice(0, at) + m.text + s.slice(at + 1);
      else if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + m.length);
      else if (m.kind === 'truncate') s = s.slice(0, at);
      else {
        const lines = s.split('\n');
        const i = m.at % lines.length;
        lines.splice(i, 0, lines[i]);
        s = lines.join('\n');
      }
    }
    return s;
  }

  it('never throw, and either import exactly what was parsed or change nothing', async () => {
    const before = async () => ({ symbols: await listSymbols(db), keep: await loadBars(db, 'KEEP') });
    const snapshot = await before();
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(barsArb, fc.array(mutation, { minLength: 0, maxLength: 4 }), fc.option(fc.uint8Array({ minLength: 1, maxLength: 3 }), { nil: undefined }), async (bars, mutations, junkBytes) => {
        const text = corrupt(dialectCsv(bars, ',', '\n', false, false), mutations);
        let bytes = encode(text);
        if (junkBytes) bytes = new Uint8Array([...bytes.subarray(0, bytes.length >> 1), ...junkBytes.map((b) => b | 0x80), ...bytes.subarray(bytes.length >> 1)]);
        const parsed = await parseImportFile({ name: 'FUZZ.csv', bytes });
        for (const p of parsed.problems) expect(p.file).toBe('FUZZ.csv');
        try {
          await importParsedFiles(db, [parsed], 'replace');
          expect(parsed.ok).toBe(true);
          for (const s of parsed.symbols) expect(await loadBars(db, s.symbol)).toEqual(s.bars);
          imported++;
          // Undo so the next case starts from the same storage.
          for (const s of parsed.symbols) await deleteSymbol(db, s.symbol);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportBlockedError);
          expect(parsed.ok).toBe(false);
          refused++;
        }
        expect(await before()).toEqual(snapshot);
      }),
      { numRuns: 200 },
    );
    // Both outcomes were exercised: some cases carry no corruption, and some corruptions (a changed digit) keep the file valid.
    expect(imported).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
