import { describe, expect, it } from 'vitest';
import { isoFromDayNumber } from '../../../src/core/data/dates';
import { latestDate } from '../../../src/core/data/limits';
import { parseImportFile, type FileParse } from '../../../src/core/data/parse';

const textFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const errors = (r: FileParse) => r.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.message]);

describe('rows that do not fit the header', () => {
  it('refuses a row with more fields than the header (unquoted thousands separators), naming file and row', async () => {
    const r = await parseImportFile(textFile('X.csv', 'Date,Close,Volume\n2024-01-02,185.64,82488700\n2024-01-03,184.25,58,414,500\n'));
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.severity === 'error')).toEqual({
      file: 'X.csv', row: 3, severity: 'error',
      message: 'expected 3 fields as in the header, found 5 (an unquoted thousands separator or stray delimiter?)',
    });
    // The other rows are still previewed; the shifted row never becomes a bar.
    expect(r.symbols[0].bars.map((b) => b.date)).toEqual(['2024-01-02']);
  });

  it('accepts trailing empty fields (spreadsheet exports) but not trailing values', async () => {
    const r = await parseImportFile(textFile('X.csv', 'Date,Close\n2024-01-02,185.64,,\n2024-01-03,184.25\n'));
    expect(r.ok).toBe(true);
    expect(r.symbols[0].bars.map((b) => b.close)).toEqual([185.64, 184.25]);
  });
});

describe('impossible values are refused with the row named', () => {
  it('prices not above 0, absurd prices, and adjusted closes of 0', async () => {
    const r = await parseImportFile(textFile('X.csv', [
      'Date,Open,High,Low,Close,Adj Close,Volume',
      '2024-01-02,1,2,0.5,1.5,1.5,100',
      '2024-01-03,0,0,0,0,0,100',
      '2024-01-04,1,1e308,1,1,1,100',
      '2024-01-05,1,2,0.5,1.5,0,100',
      '2024-01-08,-1,2,0.5,1.5,1.5,100',
    ].join('\n')));
    expect(r.ok).toBe(false);
    expect(errors(r)).toEqual([
      [3, 'Open', 'price 0 is not above 0'], [3, 'High', 'price 0 is not above 0'], [3, 'Low', 'price 0 is not above 0'], [3, 'Close', 'price 0 is not above 0'], [3, 'Adj Close', 'price 0 is not above 0'],
      [4, 'High', 'price 1e+308 is larger than 1000000000000000 (not a real quote)'],
      [5, 'Adj Close', 'price 0 is not above 0'],
      [6, 'Open', 'price -1 is not above 0'],
    ]);
  });

  it('dates before 1900-01-01 or after tomorrow (UTC); tomorrow itself is accepted', async () => {
    const today = Math.floor(Date.now() / 86_400_000);
    const tomorrow = isoFromDayNumber(today + 1);
    const dayAfter = isoFromDayNumber(today + 2);
    const r = await parseImportFile(textFile('X.csv', ['Date,Close', '1000-01-01,1', '1899-12-31,1', '1900-01-01,1', `${tomorrow},1`, `${dayAfter},1`, '9999-12-31,1'].join('\n')));
    expect(errors(r)).toEqual([
      [2, 'Date', 'date 1000-01-01 is before 1900-01-01'],
      [3, 'Date', 'date 1899-12-31 is before 1900-01-01'],
      [6, 'Date', `date ${dayAfter} is in the future (after ${tomorrow})`],
      [7, 'Date', `date 9999-12-31 is in the future (after ${tomorrow})`],
    ]);
    expect(r.symbols[0].bars.map((b) => b.date)).toEqual(['1900-01-01', tomorrow]);
  });

  it('the latest date is tomorrow in UTC, whatever the hour (a zone ahead of UTC is at most one day ahead)', () => {
    expect(latestDate(new Date('2024-01-02T00:00:00Z'))).toBe('2024-01-03');
    expect(latestDate(new Date('2024-01-02T23:59:59Z'))).toBe('2024-01-03');
    expect(latestDate(new Date('2024-02-28T12:00:00Z'))).toBe('2024-02-29');
  });
});
