/**
 * Builders for single values: text (`string`, `isoDate`), numbers, true/false and fixed choices (`oneOf`).
 * Each returns a `Schema<T>` whose `check` reports problems with the exact path (builders.ts lists all).
 */
import { INVALID, describeValue, excerpt, got, type Schema } from './schema';

export interface StringRules {
  minLength?: number;
  /** Default 100,000 characters: imported text never needs more. */
  maxLength?: number;
  pattern?: RegExp;
  /** What the pattern means, for the message (e.g. `a YYYY-MM-DD date`). */
  patternName?: string;
}

export function string(rules: StringRules = {}): Schema<string> {
  const { minLength = 0, maxLength = 100_000, pattern, patternName } = rules;
  return {
    expected: patternName ?? 'a string',
    check(value, path, ctx) {
      if (typeof value !== 'string') return ctx.report(path, `expected ${this.expected}, ${got(value)}`);
      if (value.length < minLength) return ctx.report(path, `expected at least ${minLength} characters, got ${value.length}`);
      if (value.length > maxLength) return ctx.report(path, `expected at most ${maxLength} characters, got ${value.length}`);
      if (pattern && !pattern.test(value)) {
        return ctx.report(path, `expected ${patternName ?? `text matching ${pattern}`}, got ${excerpt(value)}`);
      }
      return value;
    },
  };
}

/** A real calendar date written `YYYY-MM-DD` (rejects 2024-02-30). */
export function isoDate(): Schema<string> {
  const text = string({ pattern: /^\d{4}-\d{2}-\d{2}$/, patternName: 'a YYYY-MM-DD date' });
  return {
    expected: text.expected,
    check(value, path, ctx) {
      const s = text.check(value, path, ctx);
      if (s === INVALID) return s;
      const d = new Date(`${s}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
        return ctx.report(path, `expected a YYYY-MM-DD date, got ${excerpt(s)} (no such day)`);
      }
      return s;
    },
  };
}

export interface NumberRules {
  min?: number;
  max?: number;
  /** Exclusive bounds: the number must be above / below these (a rate < 1, a capital > 0). */
  above?: number;
  below?: number;
  integer?: boolean;
}

/** A finite number (JSON has no NaN/Infinity; strings such as "12" are not numbers). */
export function number(rules: NumberRules = {}): Schema<number> {
  const { min = -Infinity, max = Infinity, above = -Infinity, below = Infinity, integer = false } = rules;
  return {
    expected: integer ? 'an integer' : 'a finite number',
    check(value, path, ctx) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return ctx.report(path, `expected ${this.expected}, ${got(value)}`);
      if (integer && !Number.isInteger(value)) return ctx.report(path, `expected an integer, got ${value}`);
      if (value < min) return ctx.report(path, `expected a number >= ${min}, got ${value}`);
      if (value > max) return ctx.report(path, `expected a number <= ${max}, got ${value}`);
      if (!(value > above)) return ctx.report(path, `expected a number > ${above}, got ${value}`);
      if (!(value < below)) return ctx.report(path, `expected a number < ${below}, got ${value}`);
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    expected: 'true or false',
    check: (value, path, ctx) => (typeof value === 'boolean' ? value : ctx.report(path, `expected true or false, ${got(value)}`)),
  };
}

/** One of a fixed list of strings/numbers, e.g. `oneOf(['daily', 'weekly', 'monthly'])`. */
export function oneOf<const V extends readonly (string | number | boolean)[]>(values: V): Schema<V[number]> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    expected,
    check(value, path, ctx) {
      if (values.includes(value as V[number])) return value as V[number];
      const shown = typeof value === 'string' ? excerpt(value) : describeValue(value);
      return ctx.report(path, `expected ${expected}, got ${shown}`);
    },
  };
}
