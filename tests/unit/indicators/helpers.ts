import { expect } from 'vitest';

/** Compares an indicator output with expected numbers, NaN only where NaN is expected. */
export function expectSeries(actual: Float64Array, expected: number[], digits = 10): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `index ${i}`).toBeNaN();
    else expect(actual[i], `index ${i}`).toBeCloseTo(e, digits);
  });
}

export const f64 = (values: number[]) => Float64Array.from(values);
