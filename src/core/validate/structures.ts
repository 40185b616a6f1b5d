/**
 * Builders for structures: arrays, objects with known fields (`object`, with `optional` / `nullable`
 * fields), dictionaries (`record`), tagged unions (`variant`) and free `json`. They check every element
 * at its own path, refuse prototype-pollution keys and nesting beyond the call's limits, and return
 * fresh copies.
 */
import { FORBIDDEN_KEYS, INVALID, describeValue, excerpt, got, memberPath, type CheckContext, type Infer, type Invalid, type Schema } from './schema';

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
