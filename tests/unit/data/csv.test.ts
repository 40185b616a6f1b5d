import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv } from '../../../src/core/data/csv';

describe('parseCsv', () => {
  it('reads CRLF, quotes with doubled quotes and embedded newlines, with the line of each record', () => {
    const t = parseCsv('a,b\r\n"x, y","he said ""hi"""\r\n"two\nlines",3\r\n\r\n4,5');
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([['a', 'b'], ['x, y', 'he said "hi"'], ['two\nlines', '3'], ['4', '5']]);
    expect(t.lines).toEqual([1, 2, 3, 6]);
  });

  it('detects ; and tab delimiters and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFDate;Close\n2024-01-02;1,5')).toMatchObject({ delimiter: ';', rows: [['Date', 'Close'], ['2024-01-02', '1,5']] });
    expect(parseCsv('Date\tClose\n2024-01-02\t1.5\n')).toMatchObject({ delimiter: '\t', rows: [['Date', 'Close'], ['2024-01-02', '1.5']] });
  });

  it('keeps trailing empty cells and reports an unterminated quote with its line', () => {
    expect(parseCsv('a,b,\n1,2,').rows).toEqual([['a', 'b', ''], ['1', '2', '']]);
    expect(parseCsv('a,b\n1,"2\n3,4').unterminatedQuoteLine).toBe(2);
  });

  it('quotes only the cells that need it', () => {
    expect([csvCell('plain'), csvCell('a,b'), csvCell('say "x"'), csvCell('a;b', ';')]).toEqual(['plain', '"a,b"', '"say ""x"""', '"a;b"']);
  });
});
