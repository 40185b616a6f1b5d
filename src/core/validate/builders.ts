/**
 * Schema builders. Each returns a `Schema<T>` whose `check` reports problems with the exact path and
 * returns a fresh copy of the accepted value.
 * @example
 *   const portfolio = object({
 *     name: string({ maxLength: 200 }),
 *     cash: number({ min: 0 }),
 *     trades: array(object({ date: isoDate(), symbol: string({ maxLength: 32 }), qty: number() }), { maxLength: 100_000 }),
 *   });
 *   type Portfolio = Infer<typeof portfolio>;
 */
import {
  FORBIDDEN_KEYS,
  INVALID,
  describeValue,
  excerpt,
  memberPath,
  type CheckContext,
  type Infer,
  type Invalid,
  type Schema,
} from './schema';

const got = (value: unknown) => `got ${describeValue(value)}`;

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

/** Runs `body` one nesting level deeper, rejecting inputs nested beyond `maxDepth`. */
function nested<T>(path: string, ctx: CheckContext, body: () => T | Invalid): T | Invalid {
  if (ctx.depth >= ctx.options.maxDepth) return ctx.report(path, `nested deeper than ${ctx.options.maxDepth} levels`);
  ctx.depth++;
  try {
    return body();
  } finally {
    ctx.depth--;
  }
}

export interface ArrayRules {
  minLength?: number;
  /** Own limit; the call's `maxArrayLength` applies too (the smaller wins). */
  maxLength?: number;
}

export function array<T>(item: Schema<T>, rules: ArrayRules = {}): Schema<T[]> {
  const { minLength = 0, maxLength = Infinity } = rules;
  return {
    expected: 'an array',
    check(value, path, ctx) {
      if (!Array.isArray(value)) return ctx.report(path, `expected an array, ${got(value)}`);
      const limit = Math.min(maxLength, ctx.options.maxArrayLength);
      // Checked before touching any element, so a huge array costs nothing.
      if (value.length > limit) return ctx.report(path, `expected at most ${limit} items, got ${value.length}`);
      if (value.length < minLength) return ctx.report(path, `expected at least ${minLength} items, got ${value.length}`);
      return nested(path, ctx, () => {
        const out: T[] = new Array(value.length);
        let bad = false;
        for (let i = 0; i < value.length; i++) {
          const v = item.check(value[i], `${path}[${i}]`, ctx);
          if (v === INVALID) bad = true;
          else out[i] = v;
        }
        return bad ? INVALID : out;
      });
    },
  };
}

/** A plain `{...}` object (not an array, not a class instance). Reports forbidden keys anywhere inside. */
function plainObject(value: unknown, path: string, ctx: CheckContext): Record<string, unknown> | Invalid {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ctx.report(path, `expected an object, ${got(value)}`);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return ctx.report(path, 'expected a plain object');
  let bad = false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      ctx.report(memberPath(path, key), `forbidden key "${key}" (could alter built-in objects)`);
      bad = true;
    }
  }
  return bad ? INVALID : (value as Record<string, unknown>);
}

export type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

export interface ObjectRules {
  /** `strip` (default) drops fields the schema does not know; `reject` reports them. */
  unknownKeys?: 'strip' | 'reject';
}

export function object<S extends Shape>(shape: S, rules: ObjectRules = {}): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return {
    expected: 'an object',
    check(value, path, ctx) {
      const input = plainObject(value, path, ctx);
      if (input === INVALID) return input;
      return nested(path, ctx, () => {
        const out: Record<string, unknown> = {};
        let bad = false;
        for (const key of keys) {
          const field = shape[key];
          const at = memberPath(path, key);
          if (!Object.hasOwn(input, key) || input[key] === undefined) {
            if (!field.optional) {
              ctx.report(at, `missing required field (expected ${field.expected})`);
              bad = true;
            }
            continue;
          }
          const v = field.check(input[key], at, ctx);
          if (v === INVALID) bad = true;
          else out[key] = v;
        }
        if (rules.unknownKeys === 'reject') {
          for (const key of Object.keys(input)) {
            if (!Object.hasOwn(shape, key)) {
              ctx.report(memberPath(path, key), `unknown field (expected only ${keys.join(', ')})`);
              bad = true;
            }
          }
        }
        return bad ? INVALID : (out as ObjectOf<S>);
      });
    },
  };
}

export interface RecordRules {
  /** Default 10,000 keys. */
  maxKeys?: number;
  keyPattern?: RegExp;
}

/** An object used as a dictionary, e.g. `{ "ema9_above_ema30": 0.42, ... }`. */
export function record<T>(valueSchema: Schema<T>, rules: RecordRules = {}): Schema<Record<string, T>> {
  const { maxKeys = 10_000, keyPattern } = rules;
  return {
    expected: 'an object',
    check(value, path, ctx) {
      const input = plainObject(value, path, ctx);
      if (input === INVALID) return input;
      const keys = Object.keys(input);
      if (keys.length > maxKeys) return ctx.report(path, `expected at most ${maxKeys} keys, got ${keys.length}`);
      return nested(path, ctx, () => {
        const out: Record<string, T> = {};
        let bad = false;
        for (const key of keys) {
          const at = memberPath(path, key);
          if (keyPattern && !keyPattern.test(key)) {
            ctx.report(at, `key does not match ${keyPattern}`);
            bad = true;
            continue;
          }
          const v = valueSchema.check(input[key], at, ctx);
          if (v === INVALID) bad = true;
          else out[key] = v;
        }
        return bad ? INVALID : out;
      });
    },
  };
}

/** Marks an object field as optional: it may be absent (or `undefined`), but if present it must match. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> & { optional: true } {
  return { expected: schema.expected, optional: true, check: (value, path, ctx) => schema.check(value, path, ctx) };
}

/** Accepts `null` as well, e.g. JSON exports that write a missing (NaN) number as null. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return {
    expected: `${schema.expected} or null`,
    check: (value, path, ctx) => (value === null ? null : schema.check(value, path, ctx)),
  };
}

/**
 * One of several object shapes chosen by a tag field, e.g.
 * `variant('kind', { 'sma-cross': object({...}), rsi: object({...}) })`.
 * Each shape should declare the tag itself (`kind: oneOf(['rsi'])`) so it is kept in the output.
 */
export function variant<K extends string, M extends Record<string, Schema<object>>>(tag: K, shapes: M): Schema<Infer<M[keyof M]>> {
  const names = Object.keys(shapes);
  return {
    expected: `an object with ${tag} ${names.map((n) => JSON.stringify(n)).join(' | ')}`,
    check(value, path, ctx) {
      const input = plainObject(value, path, ctx);
      if (input === INVALID) return input;
      const kind = input[tag];
      if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) {
        const shown = typeof kind === 'string' ? excerpt(kind) : describeValue(kind);
        return ctx.report(memberPath(path, tag), `expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}, got ${shown}`);
      }
      return shapes[kind].check(input, path, ctx) as Infer<M[keyof M]> | Invalid;
    },
  };
}

/**
 * Any JSON value, for files whose detailed shape is checked elsewhere: still rejects prototype-pollution
 * keys at any depth and enforces the call's `maxArrayLength`/`maxDepth`, and returns a clean deep copy.
 * @example parseJson(text, json(), { root: 'model' }) // then the module's own field checks
 */
export function json(): Schema<unknown> {
  const schema: Schema<unknown> = {
    expected: 'JSON data',
    check(value, path, ctx) {
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value : ctx.report(path, `expected a finite number, ${got(value)}`);
      if (Array.isArray(value)) return array(schema).check(value, path, ctx);
      if (typeof value === 'object') return record(schema, { maxKeys: Infinity }).check(value, path, ctx);
      return ctx.report(path, `expected JSON data, ${got(value)}`);
    },
  };
  return schema;
}
