/**
 * `backtest --strategy ./my-strategy.ts` (or `.js`): a user's strategy file, loaded as a module (the CLI
 * runs under tsx, so TypeScript works anywhere, with or without a package.json beside the file). Its
 * default export is a `defineStrategy` descriptor (its parameters become CLI options), a Strategy, or a
 * factory returning one; the last two are wrapped as a descriptor without parameters.
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineStrategy, isStrategyDescriptor, type StrategyDescriptor } from '../core/strategy/define';
import type { Strategy } from '../core/strategy/types';
import { CliError } from './args';

/** A `--strategy` value naming a file rather than a built-in strategy. */
export function isStrategyFile(value: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(value) || value.includes('/') || value.includes('\\');
}

const isStrategy = (value: unknown): value is Strategy =>
  typeof value === 'object' && value !== null && typeof (value as Strategy).decide === 'function';

export async function loadStrategyFile(path: string): Promise<StrategyDescriptor> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`--strategy ${path}: no such file`);
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new CliError(`--strategy ${path}: cannot load it: ${(error as Error).message}`);
  }
  const exported = module.default;
  if (isStrategyDescriptor(exported)) return exported;
  const fallbackName = basename(file, extname(file));
  if (isStrategy(exported)) {
    const name = typeof exported.name === 'string' && exported.name ? exported.name : fallbackName;
    return defineStrategy({ name, label: name, params: {}, create: () => exported });
  }
  if (typeof exported === 'function') {
    return defineStrategy({
      name: fallbackName, label: fallbackName, params: {},
      create() {
        const made: unknown = exported({});
        if (!isStrategy(made)) throw new CliError(`--strategy ${path}: the default export's factory did not return a strategy (an object with a decide function)`);
        return made;
      },
    });
  }
  throw new CliError(`--strategy ${path}: the default export must be a strategy (an object with a decide function), a function returning one, or defineStrategy(...)`);
}
