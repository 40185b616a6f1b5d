/**
 * Axis ticks and their labels, shared by the HTML report's SVG charts and the app's echarts axes:
 * round numbers (1, 2 or 5 times a power of ten), labels with just the decimals the step needs, and
 * never "-0" (a value that rounds to zero is written "0").
 */

/** A round step (1, 2, 2.5 or 5 x 10^k) giving about `count` intervals over `range`. */
export function niceStep(range: number, count = 5): number {
  const raw = range / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  return ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999) ?? raw);
}

/** Round ticks covering [min, max] (the first at or below min, the last at or above max). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [];
  if (!(max > min)) return [min];
  const step = niceStep(max - min, count);
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiplying integers by the step (instead of adding steps) keeps 0.1 + 0.2 noise out of the labels.
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * Ticks for a log-scale axis over positive [min, max], all inside the range: 1, 2 and 5 times powers
 * of ten (only the powers of ten when that is too many); a range too narrow for three of those gets
 * linear round ticks instead (100,000 125,000 150,000 ...), still placed on the log scale.
 */
export function logTicks(min: number, max: number, count = 6): number[] {
  if (!(min > 0 && max > min)) return niceTicks(min, max, count);
  const ticks: number[] = [];
  for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, p)).toPrecision(12));
      if (v >= min && v <= max) ticks.push(v);
    }
  }
  if (ticks.length < 3) return niceTicks(min, max, count).filter((v) => v >= min && v <= max);
  return ticks.length <= count + 2 ? ticks : ticks.filter((v) => v.toExponential().startsWith('1'));
}

/** Decimals needed to tell ticks `step` apart (0 for 5, 1 for 0.5, 2 for 0.25). */
export function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 10; d++) if (Math.abs(Number(step.toFixed(d)) - step) < step * 1e-6) return d;
  return 10;
}

/** `value.toFixed(decimals)`, except that a value rounding to zero is "0.00", not "-0.00". */
export function formatFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A tick label: thousands separators, `decimals` digits, and "0" for anything that rounds to zero. */
export function formatTick(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '';
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** An axis value whose step is not known (echarts' own round ticks): up to 6 decimals, no float noise, no "-0". */
export function formatAxisValue(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = Number(value.toPrecision(10)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return text === '-0' ? '0' : text;
}

/** Labels for a list of ticks: as many decimals as the smallest gap between them needs. */
export function tickLabels(ticks: readonly number[], suffix = ''): string[] {
  let step = Infinity;
  for (let i = 1; i < ticks.length; i++) step = Math.min(step, ticks[i] - ticks[i - 1]);
  const decimals = Number.isFinite(step) ? decimalsFor(Number(step.toPrecision(6))) : 0;
  return ticks.map((t) => formatTick(t, decimals) + suffix);
}
