/**
 * Number cells of price files. Empty cells and the markers data vendors use for "no value"
 * (`null` in Yahoo downloads, `N/A`, `NaN`, `-`) are missing, not zero.
 */
const MISSING = new Set(['', 'null', 'nan', 'n/a', 'na', '-', 'none']);

export function isMissingCell(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase());
}

/** Thousands separators inside one field, only possible when the field was quoted in a comma file. */
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
/** Investing.com-style volumes: `450.5K`, `1.23M`, `2.65B`. */
const SUFFIXED = /^([-+]?\d+(?:\.\d+)?)([KMB])$/i;
const SUFFIX_EXPONENT: Record<string, number> = { k: 3, m: 6, b: 9 };

/**
 * The number in a cell, or null when it is not one. `decimalComma` (files delimited by `;` or tab,
 * as European spreadsheets write them) reads `12,5` as 12.5. A leading `$` (Nasdaq exports) is ignored;
 * a K, M or B suffix (Investing.com volumes) scales by a thousand, million or billion.
 */
export function parseNumberCell(text: string, decimalComma: boolean): number | null {
  let s = text.trim();
  if (s.startsWith('$')) s = s.slice(1);
  else if (s.startsWith('-$')) s = '-' + s.slice(2);
  const suffixed = SUFFIXED.exec(s);
  // Scaled in decimal (1.23e6), not by multiplying (1.23 * 1e6 = 1230000.0000000002).
  if (suffixed) return Number(`${suffixed[1]}e${SUFFIX_EXPONENT[suffixed[2].toLowerCase()]}`);
  if (decimalComma && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  else if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  if (s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/**
 * A cell as a price-file number: the value, `undefined` when the cell is empty or a "no value"
 * marker, or `null` when it is text that is not a number. Plain decimals take a fast path (this runs
 * for every cell of every row).
 */
export function cellNumber(text: string, decimalComma: boolean): number | null | undefined {
  const first = text.charCodeAt(0);
  const second = text.charCodeAt(1);
  // Digits or a minus first, and not a 0x/0b/0o literal, which Number() would accept.
  if (((first >= 48 && first <= 57) || first === 45) && second !== 120 && second !== 98 && second !== 111 && second !== 88 && second !== 66 && second !== 79) {
    const value = +text;
    if (Number.isFinite(value)) return value;
  }
  if (isMissingCell(text)) return undefined;
  return parseNumberCell(text, decimalComma);
}
