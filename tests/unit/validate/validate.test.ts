import { describe, expect, it } from 'vitest';
import {
  type Schema,
  array, boolean, excerpt, formatIssues, isoDate, json, jsonNestingDepth, memberPath, nullable, number, object, oneOf, optional, parseJson, record, string, validate, variant,
} from '../../../src/core/validate';

const trade = object({ symbol: string({ maxLength: 8 }), qty: number() });
const portfolio = object({ name: string(), trades: array(trade) });

function errorsOf(result: ReturnType<typeof validate>) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('validate: accepted values', () => {
  it('returns a clean copy with unknown fields dropped and optional fields kept only when present', () => {
    const input = { name: 'p', extra: 1, trades: [{ symbol: 'AAPL', qty: 3, note: 'x' }] };
    const r = validate(portfolio, input);
    expect(r).toEqual({ ok: true, value: { name: 'p', trades: [{ symbol: 'AAPL', qty: 3 }] } });
    expect(r.ok && r.value).not.toBe(input);
    const withOptional = object({ a: optional(number()) });
    expect(validate(withOptional, {})).toEqual({ ok: true, value: {} });
    expect(validate(withOptional, { a: 2 })).toEqual({ ok: true, value: { a: 2 } });
  });

  it('accepts null only where nullable, and real calendar dates only', () => {
    expect(validate(nullable(number()), null)).toEqual({ ok: true, value: null });
    expect(validate(isoDate(), '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });
});

describe('validate: rejections with path-based messages', () => {
  it('wrong type deep inside: portfolio.trades[3].qty', () => {
    const trades = [0, 1, 2, 3].map((i) => ({ symbol: 'A', qty: i === 3 ? '12' : i }));
    const errors = errorsOf(validate(portfolio, { name: 'p', trades }, { root: 'portfolio' }));
    expect(formatIssues(errors)).toBe('portfolio.trades[3].qty: expected a finite number, got string');
  });

  it('missing required field names the field and the expected type', () => {
    expect(errorsOf(validate(trade, { symbol: 'A' }, { root: 'trade' }))).toEqual([
      { path: 'trade.qty', message: 'missing required field (expected a finite number)' },
    ]);
  });

  it('non-finite numbers, non-integers and out-of-range numbers', () => {
    expect(errorsOf(validate(number(), Infinity))[0].message).toBe('expected a finite number, got Infinity');
    expect(errorsOf(validate(number(), NaN))[0].message).toBe('expected a finite number, got NaN');
    expect(errorsOf(validate(number({ integer: true }), 1.5))[0].message).toBe('expected an integer, got 1.5');
    expect(errorsOf(validate(number({ min: 0 }), -1))[0].message).toBe('expected a number >= 0, got -1');
    expect(errorsOf(validate(number({ max: 1 }), 2))[0].message).toBe('expected a number <= 1, got 2');
  });

  it('strings: type, length, pattern; dates that do not exist', () => {
    expect(errorsOf(validate(string(), 5))[0].message).toBe('expected a string, got number');
    expect(errorsOf(validate(string({ maxLength: 3 }), 'abcd'))[0].message).toBe('expected at most 3 characters, got 4');
    expect(errorsOf(validate(string({ minLength: 1 }), ''))[0].message).toBe('expected at least 1 characters, got 0');
    expect(errorsOf(validate(isoDate(), '2023-02-29'))[0].message).toBe('expected a YYYY-MM-DD date, got "2023-02-29" (no such day)');
    expect(errorsOf(validate(isoDate(), '29/02/2024'))[0].message).toBe('expected a YYYY-MM-DD date, got "29/02/2024"');
  });

  it('booleans, enumerations and null where not allowed', () => {
    expect(errorsOf(validate(boolean(), 'true'))[0].message).toBe('expected true or false, got string');
    expect(errorsOf(validate(oneOf(['daily', 'weekly']), 'hourly'))[0].message).toBe('expected one of "daily", "weekly", got "hourly"');
    expect(errorsOf(validate(object({ a: number() }), null))[0].message).toBe('expected an object, got null');
    expect(errorsOf(validate(object({ a: number() }), [1]))[0].message).toBe('expected an object, got array');
    expect(errorsOf(validate(array(number()), { length: 1 }))[0].message).toBe('expected an array, got object');
  });

  it('huge arrays are rejected by length before any element is read', () => {
    let reads = 0;
    const huge = new Proxy(new Array(2_000_000), {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    const errors = errorsOf(validate(array(number()), huge, { root: 'xs', maxArrayLength: 1_000_000 }));
    expect(errors).toEqual([{ path: 'xs', message: 'expected at most 1000000 items, got 2000000' }]);
    expect(reads).toBe(0);
    // The schema's own, smaller limit wins.
    expect(errorsOf(validate(array(number(), { maxLength: 2 }), [1, 2, 3]))[0].message).toBe('expected at most 2 items, got 3');
    expect(errorsOf(validate(array(number(), { minLength: 1 }), []))[0].message).toBe('expected at least 1 items, got 0');
  });

  it('records: too many keys and keys not matching the pattern', () => {
    const r = record(number(), { maxKeys: 2, keyPattern: /^[a-z]+$/ });
    expect(errorsOf(validate(r, { a: 1, b: 2, c: 3 }))[0].message).toBe('expected at most 2 keys, got 3');
    expect(errorsOf(validate(r, { 'A B': 1 }, { root: 'w' }))[0]).toEqual({ path: 'w["A B"]', message: 'key does not match /^[a-z]+$/' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('prototype-pollution key %s is rejected at any depth, even in stripped fields', (key) => {
    const text = `{"name":"p","trades":[{"symbol":"A","qty":1,"${key}":{"polluted":true}}]}`;
    const r = parseJson(text, portfolio, { root: 'portfolio' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ path: `portfolio.trades[0].${key}`, message: `forbidden key "${key}" (could alter built-in objects)` }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // In records (dictionaries) too.
    expect(parseJson(`{"${key}":1}`, record(number())).ok).toBe(false);
  });

  it('class instances are not plain objects', () => {
    expect(errorsOf(validate(object({}), new Date(0)))[0].message).toBe('expected a plain object');
  });

  it('deep nesting beyond maxDepth is rejected', () => {
    let schema: Schema<unknown> = number();
    let value: unknown = 1;
    for (let i = 0; i < 10; i++) {
      schema = array(schema);
      value = [value];
    }
    expect(validate(schema, value, { maxDepth: 20 }).ok).toBe(true);
    expect(errorsOf(validate(schema, value, { maxDepth: 5, root: 't' }))).toEqual([
      { path: 't[0][0][0][0][0]', message: 'nested deeper than 5 levels' },
    ]);
  });

  it('unknown fields are reported when the schema asks for it', () => {
    const strict = object({ a: number() }, { unknownKeys: 'reject' });
    expect(errorsOf(validate(strict, { a: 1, b: 2 }, { root: 's' }))).toEqual([{ path: 's.b', message: 'unknown field (expected only a)' }]);
  });

  it('variants pick the shape by tag and reject unknown tags', () => {
    const shape = variant('kind', {
      circle: object({ kind: oneOf(['circle']), r: number() }),
      square: object({ kind: oneOf(['square']), side: number() }),
    });
    expect(validate(shape, { kind: 'square', side: 2 })).toEqual({ ok: true, value: { kind: 'square', side: 2 } });
    expect(errorsOf(validate(shape, { kind: 'circle', side: 2 }, { root: 's' }))).toEqual([
      { path: 's.r', message: 'missing required field (expected a finite number)' },
    ]);
    expect(errorsOf(validate(shape, { kind: 'hexagon' }, { root: 's' }))).toEqual([
      { path: 's.kind', message: 'expected one of "circle", "square", got "hexagon"' },
    ]);
  });

  it('collects several errors but stops at maxErrors', () => {
    const r = validate(array(number()), ['a', 'b', 'c', 'd', 'e'], { maxErrors: 3, root: 'xs' });
    expect(errorsOf(r).map((e) => e.path)).toEqual(['xs[0]', 'xs[1]', 'xs[2]']);
  });

  it('parseJson reports syntax errors and oversize text in the same form', () => {
    const bad = parseJson('{"a":', object({ a: number() }), { root: 'settings' });
    expect(!bad.ok && bad.errors[0].path).toBe('settings');
    expect(!bad.ok && bad.errors[0].message).toMatch(/^not valid JSON \(/);
    const big = parseJson('[1,2,3]', array(number()), { maxChars: 3 });
    expect(!big.ok && big.errors[0].message).toBe('file too large: 7 characters, limit 3');
  });
});

describe('json(): any JSON, but safe', () => {
  it('copies nested data exactly', () => {
    const doc = { a: [1, 'x', null, true, { b: [] }], c: { d: -0.5 } };
    const r = validate(json(), JSON.parse(JSON.stringify(doc)));
    expect(r).toEqual({ ok: true, value: doc });
  });

  it('rejects pollution keys, deep nesting and long arrays anywhere', () => {
    const polluted = parseJson('{"model":{"buy":[{"__proto__":{"x":1}}]}}', json(), { root: 'file' });
    expect(!polluted.ok && formatIssues(polluted.errors)).toBe('file.model.buy[0].__proto__: forbidden key "__proto__" (could alter built-in objects)');
    const deep = parseJson('[[[[[1]]]]]', json(), { root: 'file', maxDepth: 3 });
    // Too deep is found by scanning the text, before JSON.parse (so the report names the file).
    expect(!deep.ok && formatIssues(deep.errors)).toBe('file: nested deeper than 3 levels');
    const long = parseJson('{"xs":[1,2,3,4]}', json(), { root: 'file', maxArrayLength: 3 });
    expect(!long.ok && formatIssues(long.errors)).toBe('file.xs: expected at most 3 items, got 4');
  });
});

describe('bounded messages (issue 13: a rejected value is never copied whole into an error)', () => {
  it('quotes at most 80 characters of a string and describes containers by size', () => {
    expect(excerpt('abc')).toBe('"abc"');
    expect(excerpt('y'.repeat(5_000_000))).toBe(`"${'y'.repeat(80)}"… (5000000 characters)`);
    expect(excerpt(new Array(1000).fill(0))).toBe('an array of 1000 items');
    expect(excerpt({ a: 1 })).toBe('an object');
    expect(excerpt(1.5)).toBe('1.5');
    const bad = validate(object({ day: isoDate(), kind: oneOf(['a', 'b']) }), { day: '9'.repeat(1_000_000), kind: 'z'.repeat(1_000_000) }, { root: 'r' });
    expect(!bad.ok && formatIssues(bad.errors).length).toBeLessThan(400);
    const key = 'k'.repeat(1_000_000);
    expect(memberPath('r', key)).toBe(`r["${'k'.repeat(80)}"… (1000000 characters)]`);
  });

  it('scans nesting depth without recursion, ignoring brackets inside strings', () => {
    expect(jsonNestingDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonNestingDepth(String.raw`["\\", [1]]`)).toBe(2); // an escaped backslash, then the string ends
    expect(jsonNestingDepth('["\\\"[["]')).toBe(1);
    // 10^5 levels: found at once (the scan stops past the limit), never reaching JSON.parse.
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonNestingDepth(text, 32)).toBe(33);
    expect(jsonNestingDepth(text)).toBe(100_000);
    const r = parseJson(text, json(), { root: 'file' });
    expect(!r.ok && formatIssues(r.errors)).toBe('file: nested deeper than 32 levels');
  });
});
