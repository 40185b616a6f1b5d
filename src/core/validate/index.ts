/**
 * Validation of untrusted JSON before use. Typical import path:
 *
 *   import { parseJson, formatIssues } from '../core/validate';
 *   import { portfolioSchema } from '../core/validate/shapes';
 *   const r = parseJson(text, portfolioSchema, { root: 'portfolio' });
 *   if (!r.ok) throw new Error(formatIssues(r.errors)); // e.g. "portfolio.trades[3].qty: expected a finite number"
 *   save(r.value); // a clean copy: unknown fields dropped, no prototype-pollution keys
 */
import { DEFAULT_MAX_DEPTH, EXCERPT_CHARS, jsonNestingDepth, validate, type ValidateOptions, type ValidationResult, type Schema } from './schema';

export * from './schema';
export * from './builders';

export interface ParseJsonOptions extends ValidateOptions {
  /** Refuse text longer than this before parsing (default 256 MiB of characters). */
  maxChars?: number;
}

/** "not valid JSON (...)" with the parser's message cut short (engines may quote the text). */
export function jsonSyntaxError(error: unknown): string {
  const message = (error as Error).message;
  return `not valid JSON (${message.length > 2 * EXCERPT_CHARS ? `${message.slice(0, 2 * EXCERPT_CHARS)}…` : message})`;
}

/** `JSON.parse` + `validate`, with parse errors reported in the same `{path, message}` form. */
export function parseJson<T>(text: string, schema: Schema<T>, options: ParseJsonOptions = {}): ValidationResult<T> {
  const root = options.root ?? 'value';
  const maxChars = options.maxChars ?? 256 * 1024 * 1024;
  if (text.length > maxChars) {
    return { ok: false, errors: [{ path: root, message: `file too large: ${text.length} characters, limit ${maxChars}` }] };
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (jsonNestingDepth(text, maxDepth) > maxDepth) return { ok: false, errors: [{ path: root, message: `nested deeper than ${maxDepth} levels` }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: root, message: jsonSyntaxError(e) }] };
  }
  return validate(schema, value, options);
}
