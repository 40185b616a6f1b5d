/**
 * A tiny schema validator for imported JSON (experiments, ML models, portfolios, settings, bar exports).
 *
 * Imported files are untrusted: a schema describes the expected shape, and `validate` either returns a
 * fresh, clean copy of the value (only the fields the schema knows, built from scratch so no prototype
 * tricks survive) or a list of path-based errors such as `portfolio.trades[3].qty: expected a finite number`.
 * Nothing is mutated, so a rejected import changes nothing.
 */

/** One problem found in the input, located by a JavaScript-like path (`root.items[3].name`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export interface ValidateOptions {
  /** Name of the root in error paths, e.g. `portfolio` (default `value`). */
  root?: string;
  /** Upper bound for every array, on top of each schema's own limit (default 1,000,000). */
  maxArrayLength?: number;
  /** Deepest allowed nesting of arrays/objects (default 32). */
  maxDepth?: number;
  /** Stop after this many errors (default 20) so a huge bad file does not produce a huge report. */
  maxErrors?: number;
}

/** Default deepest nesting of arrays/objects. */
export const DEFAULT_MAX_DEPTH = 32;

/** Keys that can reach `Object.prototype` when a parsed object is merged or spread somewhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Returned by a schema's `check` when the value was rejected (the reason is already in `ctx.errors`). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** State shared by one `validate` call. */
export interface CheckContext {
  readonly options: Required<Omit<ValidateOptions, 'root'>>;
  readonly errors: ValidationIssue[];
  depth: number;
  report(path: string, message: string): Invalid;
}

export interface Schema<T> {
  /** Short human description used in "expected ..." messages, e.g. `a finite number`. */
  readonly expected: string;
  /** True for fields created with `optional(...)`: they may be absent from an object. */
  readonly optional?: boolean;
  check(value: unknown, path: string, ctx: CheckContext): T | Invalid;
}

/** The TypeScript type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Thrown internally once `maxErrors` is reached, to stop walking a huge bad input. */
class TooManyErrors extends Error {}

/**
 * Checks `value` against `schema`.
 * @returns `{ok: true, value}` with a clean copy, or `{ok: false, errors}` (at most `maxErrors` entries).
 * @example
 *   const trade = object({ symbol: string({ maxLength: 32 }), qty: number() });
 *   validate(array(trade), JSON.parse(text), { root: 'trades' });
 */
export function validate<T>(schema: Schema<T>, value: unknown, options: ValidateOptions = {}): ValidationResult<T> {
  const errors: ValidationIssue[] = [];
  const limits = {
    maxArrayLength: options.maxArrayLength ?? 1_000_000,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxErrors: options.maxErrors ?? 20,
  };
  const ctx: CheckContext = {
    options: limits,
    errors,
    depth: 0,
    report(path, message) {
      errors.push({ path, message });
      if (errors.length >= limits.maxErrors) throw new TooManyErrors();
      return INVALID;
    },
  };
  let result: T | Invalid = INVALID;
  try {
    result = schema.check(value, options.root ?? 'value', ctx);
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e;
  }
  if (result === INVALID || errors.length > 0) return { ok: false, errors };
  return { ok: true, value: result };
}

/** Formats issues as lines `path: message`, the form shown to the user. */
export function formatIssues(errors: readonly ValidationIssue[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

/** Path of an object member: `a.b` for identifier-like keys, `a["odd key"]` otherwise (a long key is cut). */
export function memberPath(path: string, key: string): string {
  return key.length <= EXCERPT_CHARS && /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${excerpt(key)}]`;
}

/** The most characters of a rejected value any message quotes (a 100 MB value must not become a 100 MB message). */
export const EXCERPT_CHARS = 80;

/**
 * A short, bounded description of any value for an error message: text quoted and cut at `max`
 * characters, numbers as written, arrays and objects by their size (never serialised: they may be
 * huge or nested thousands of levels deep).
 */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  if (typeof value === 'string') {
    return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/**
 * How deeply arrays and objects nest in JSON text, found by one scan of the characters (no parsing,
 * no recursion), stopping as soon as `limit` is exceeded: deep nesting is refused before it can
 * reach a recursive parser, validator or serialiser and overflow the stack.
 */
export function jsonNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Short description of what was actually found, for messages like `expected a string, got number`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** `got <what was found>`, the end of messages like `expected a string, got number`. */
export function got(value: unknown): string {
  return `got ${describeValue(value)}`;
}
