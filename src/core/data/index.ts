/**
 * Price data: reading files into validated bars, their quality, and exports (docs/data.md). Where each
 * rule lives:
 * - types.ts        bars and series (typed-array columns), the conventions of DESIGN.md
 * - read-prices.ts  a price file -> series, in one call (the library and the CLI)
 * - parse.ts        one imported file -> bars per symbol, every problem and the quality report
 * - decode.ts       bytes -> text (size limit, binary files refused); csv.ts the CSV reader; json.ts JSON files
 * - columns.ts      which column holds what; layouts.ts multi-row headers; cells.ts number cells; dates.ts date cells
 * - normalise.ts    rows of cells -> bars (shared by CSV and JSON); limits.ts impossible values; problems.ts messages
 * - calendar.ts     the NYSE trading calendar; quality.ts gaps, jumps and the quality summary
 * - merge.ts        combining imported bars with stored ones; export.ts JSON and CSV exports; preview.ts the import preview
 */
export * from './types';
export * from './read-prices';
export * from './parse';
export * from './decode';
export * from './csv';
export * from './json';
export * from './columns';
export * from './layouts';
export * from './cells';
export * from './dates';
export * from './normalise';
export * from './limits';
export * from './problems';
export * from './calendar';
export * from './quality';
export * from './merge';
export * from './export';
export * from './preview';
