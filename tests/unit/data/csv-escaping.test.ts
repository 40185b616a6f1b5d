/**
 * One escaping rule for every CSV the app writes (OWASP CSV injection): a text cell starting with
 * = + - @ tab or CR gets a leading apostrophe; numbers, negative ones included, stay numbers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { csvCell, csvNumber, parseCsv, uncsvCell } from '../../../src/core/data/csv';
import { exportCsv } from '../../../src/core/data/export';
import { parseImportFile } from '../../../src/core/data/parse';
import type { Bar } from '../../../src/core/data/types';
import { journalToCsv } from '../../../src/core/paper/journal-csv';
import type { PaperTrade } from '../../../src/core/paper/types';
import type { Trade } from '../../../src/core/portfolio/types';
import { tradesToCsv } from '../../../src/core/report/trades-csv';

const DANGEROUS = ['=A1-A2', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

describe('csvCell: the one rule', () => {
  it('prefixes formula-like text with an apostrophe, then quotes per RFC 4180', () => {
    expect(DANGEROUS.map((t) => csvCell(t))).toEqual(["'=A1-A2", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", '"\'\rcmd"']);
    expect([csvCell('plain'), csvCell('a,b'), csvCell('say "x"'), csvCell('a;b', ';'), csvCell('=1,2')]).toEqual(['plain', '"a,b"', '"say ""x"""', '"a;b"', `"'=1,2"`]);
    // Text that merely contains the characters later is left alone.
    expect([csvCell('BRK-B'), csvCell('EURUSD=X'), csvCell('a@b')]).toEqual(['BRK-B', 'EURUSD=X', 'a@b']);
  });

  it('numbers are written as numbers (negative stays negative), unknown as empty', () => {
    expect([csvNumber(-0.5), csvNumber(-1e-7), csvNumber(3), csvNumber(NaN), csvNumber(undefined), csvNumber(Infinity)]).toEqual(['-0.5', '-1e-7', '3', '', '', '']);
  });

  it('reads back what it wrote (the importer drops the apostrophe it added)', () => {
    for (const text of DANGEROUS) expect(uncsvCell(parseCsv(`${csvCell(text)}\n`, ',').rows[0][0])).toBe(text);
    expect(uncsvCell("'hello")).toBe("'hello");
  });
});

const bar = (date: string, close: number, adjClose?: number): Bar => ({ date, open: close, high: close, low: close, close, volume: 100, ...(adjClose !== undefined ? { adjClose } : {}) });

describe('every CSV writer applies it', () => {
  it('bars export: a symbol like =A1-A2 is neutralised and imports back as the same symbol', async () => {
    const text = exportCsv([{ symbol: '=A1-A2', bars: [bar('2024-01-02', 10)] }, { symbol: '-X', bars: [bar('2024-01-02', 1)] }]);
    expect(text).toBe("symbol,date,open,high,low,close,adj_close,volume\n'=A1-A2,2024-01-02,10,10,10,10,,100\n'-X,2024-01-02,1,1,1,1,,100\n");
    const back = await parseImportFile({ name: 'x.csv', bytes: new TextEncoder().encode(text) });
    expect(back.ok).toBe(true);
    expect(back.symbols.map((s) => s.symbol)).toEqual(['=A1-A2', '-X']);
  });

  it('journal CSV: a note starting with tab or CR is neutralised too; negative numbers stay numbers', () => {
    const trade: PaperTrade = { id: 't', portfolioId: 'p', date: '2024-01-02', executedAt: '2024-01-02T09:00:00Z', symbol: 'AAA', side: 'buy', quantity: 2, marketPrice: 10, price: 10, commission: -0.5, source: 'manual', note: '\t=cmd' };
    const lines = journalToCsv([trade, { ...trade, id: 'u', executedAt: '2024-01-02T10:00:00Z', note: '\rx' }]).trimEnd().split('\n');
    expect(lines[1]).toBe("2024-01-02,2024-01-02T09:00:00Z,AAA,buy,2,10,10,-0.5,20,manual,'\t=cmd");
    expect(lines[2].endsWith(',manual,"\'\rx"')).toBe(true);
  });

  it('trades CSV: notes and symbols neutralised, a negative P&L stays a number', () => {
    const trade: Trade = { symbol: '@X', direction: 'long', entryDate: '2024-01-02', exitDate: '2024-01-03', entryPrice: 10, exitPrice: 9.5, quantity: 1, pnl: -0.5, returnPct: -5, commission: 0, borrowCost: 0, durationDays: 1, entryNote: '+buy', exitReason: 'signal', exitNote: '\rsell' };
    const [, line] = tradesToCsv([trade]).trimEnd().split('\n');
    expect(line).toBe(`'@X,long,2024-01-02,2024-01-03,10,9.5,1,-0.5,-5,0,0,1,signal,'+buy,"'\rsell"`);
  });

  it('indicators CLI: numbers (negative MACD values) unprefixed, every cell of the header and dates through the rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ql-escape-'));
    const input = join(dir, 'in.csv');
    const out = join(dir, 'out.csv');
    // A falling series: MACD is negative from the second bar on.
    const rows = Array.from({ length: 40 }, (_, i) => `2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${100 - i},${101 - i},${99 - i},${100 - i},1000`);
    writeFileSync(input, ['Date,Open,High,Low,Close,Volume', ...rows].join('\n'));
    await promisify(execFile)('npx', ['tsx', 'src/cli.ts', 'indicators', '--csv', input, '--out', out]);
    const table = parseCsv(readFileSync(out, 'utf8'));
    const macd = table.rows[0].indexOf('macd');
    expect(table.rows[5][macd]).toMatch(/^-\d/);
    expect(table.rows.every((r) => r.every((cell) => !/^'/.test(cell)))).toBe(true);
  });
});

describe('single-symbol and all-symbol CSV exports have the same columns', () => {
  it('adj_close is written for a symbol that has it, and stays (empty) for one that has not', () => {
    const withAdj = { symbol: 'AAPL', bars: [bar('2024-01-02', 185.64, 184.73)] };
    const without = { symbol: 'SPX', bars: [bar('2024-01-02', 4742.83)] };
    const header = (text: string) => text.split('\n')[0];
    expect(exportCsv([withAdj]).split('\n')[1]).toBe('AAPL,2024-01-02,185.64,185.64,185.64,185.64,184.73,100');
    expect(exportCsv([without]).split('\n')[1]).toBe('SPX,2024-01-02,4742.83,4742.83,4742.83,4742.83,,100');
    expect(header(exportCsv([withAdj]))).toBe(header(exportCsv([withAdj, without])));
    expect(header(exportCsv([without]))).toBe(header(exportCsv([withAdj, without])));
  });
});
