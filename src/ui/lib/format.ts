/** Number formats used across the dashboard (units in the text, as STYLE.md asks). */
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatMoney(value: number): string {
  return Number.isFinite(value) ? money.format(value) : '—';
}

export function formatPercent(fraction: number, digits = 2): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '—';
}

/** A fraction as the number a percent input shows (0.003 -> 0.3), without float noise like 0.30000000000000004. */
export function percentInputValue(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  // Tiny negatives would print as "-0.00".
  return Math.abs(value) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : value.toFixed(digits);
}

export function formatQuantity(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** 'positive' / 'negative' class for P&L colouring (with a sign in the text too, not colour alone). */
export function signClass(value: number): string {
  return value > 0 ? 'positive' : value < 0 ? 'negative' : '';
}

export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}
