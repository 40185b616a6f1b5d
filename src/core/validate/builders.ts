/**
 * Schema builders. Each returns a `Schema<T>` whose `check` reports problems with the exact path and
 * returns a fresh copy of the accepted value. They live in two files by idea:
 * - values.ts      single values: string, isoDate, number, boolean, oneOf
 * - structures.ts  structures: array, object (optional / nullable fields), record, variant, json
 * @example
 *   const portfolio = object({
 *     name: string({ maxLength: 200 }),
 *     cash: number({ min: 0 }),
 *     trades: array(object({ date: isoDate(), symbol: string({ maxLength: 32 }), qty: number() }), { maxLength: 100_000 }),
 *   });
 *   type Portfolio = Infer<typeof portfolio>;
 */
export * from './values';
export * from './structures';
