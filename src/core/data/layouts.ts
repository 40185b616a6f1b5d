/**
 * Header layouts other than "one row of column names", as written by the tools people use:
 *
 * - yfinance >= 0.2.51 `download(...).to_csv()`: a pandas column MultiIndex gives three header rows,
 *   price-major (`Price,Close,High,...` / `Ticker,AAPL,AAPL,...` / `Date,,,...`) or, with
 *   `group_by='ticker'`, ticker-major (`Ticker,AAPL,...,MSFT,...` / `Price,Open,High,...` / `Date,,,...`).
 *   One file may hold several tickers: each becomes its own symbol.
 * - pandas `to_csv()` of a frame with an unnamed date index: the first header cell is empty and the
 *   first column holds dates (see `detectColumns`' sample rows).
 */
import { detectColumns, type ColumnMap } from './columns';

/** One ticker's columns in a multi-row header. */
export interface TickerColumns {
  ticker: string;
  columns: ColumnMap;
}

export interface MultiRowHeader {
  /** Rows before the first data row. */
  headerRows: number;
  /** Column labels for problem reports, e.g. `AAPL Close`. */
  labels: string[];
  tickers: TickerColumns[];
  /** Why a ticker's columns could not be read (e.g. no Close among its fields). */
  problems: string[];
}

const isName = (cell: string | undefined, ...names: string[]) => cell !== undefined && names.includes(cell.trim().toLowerCase());

/** The yfinance three-row header, or null when the file does not start with one. */
export function multiRowHeader(rows: readonly (readonly string[])[]): MultiRowHeader | null {
  if (rows.length < 3) return null;
  const [first, second, third] = rows;
  const priceMajor = isName(first[0], 'price') && isName(second[0], 'ticker');
  const tickerMajor = isName(first[0], 'ticker') && isName(second[0], 'price');
  const indexRow = isName(third[0], 'date', 'datetime') && third.slice(1).every((cell) => cell.trim() === '');
  if (!(priceMajor || tickerMajor) || !indexRow) return null;
  const [fields, tickers] = priceMajor ? [first, second] : [second, first];
  const labels = fields.map((field, i) => (i === 0 ? third[0].trim() : `${tickers[i]?.trim() ?? ''} ${field.trim()}`));
  const order: string[] = [];
  for (const cell of tickers.slice(1)) if (!order.includes(cell.trim())) order.push(cell.trim());
  const problems: string[] = [];
  const found: TickerColumns[] = [];
  for (const ticker of order) {
    // The ticker's own fields under their plain names; every other column is left unnamed.
    const header = fields.map((field, i) => (i === 0 ? 'Date' : tickers[i]?.trim() === ticker ? field : ''));
    const detection = detectColumns(header);
    if (detection.needsMapping) problems.push(`${ticker}: ${detection.reasons.join('; ')}`);
    else found.push({ ticker, columns: detection.mapping.columns });
  }
  return { headerRows: 3, labels, tickers: found, problems };
}
