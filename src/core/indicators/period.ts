/** Shared argument check for every windowed indicator: a clear error instead of silent NaN columns. */
export function assertPeriod(name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`${name}: period must be a positive integer, got ${period}`);
}
