/**
 * `backtest --strategy ./my-strategy.ts` (or `.js`): a user's strategy file, loaded as a module (the CLI
 * runs under tsx, so TypeScript works anywhere, with or without a package.json beside the file). What
 * its default export may be is decided by the core's strategyFromExport, as in the app.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyDescriptor } from '../core/strategy/define';
import { StrategyFileError, strategyFromExport } from '../core/strategy/user-strategy';
import { CliError } from './args';

/** A `--strategy` value naming a file rather than a built-in strategy. */
export function isStrategyFile(value: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(value) || value.includes('/') || value.includes('\\');
}

export async function loadStrategyFile(path: string): Promise<StrategyDescriptor> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`--strategy ${path}: no such file`);
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new CliError(`--strategy ${path}: cannot load it: ${(error as Error).message}`);
  }
  try {
    return strategyFromExport(module.default, path);
  } catch (error) {
    if (error instanceof StrategyFileError) throw new CliError(`--strategy ${error.message}`);
    throw error;
  }
}
