/**
 * The user's strategy files in the compute worker: adding one (loaded and checked here first, stored
 * only when it loads), checking its parameters for the form, and the descriptor a run uses. The source
 * lives in IndexedDB and is loaded from there (strategy-loader.ts); it never leaves the machine.
 */
import type { StrategyDescriptor } from '../../src/core/strategy/define';
import { findStrategy } from '../../src/core/strategy/registry';
import { StrategyFileError, fieldViews } from '../../src/core/strategy/user-strategy';
import { getQuantDb, type StoredStrategyFile } from '../../src/store/db';
import { getStrategyFile, putStrategyFile } from '../../src/store/strategy-files';
import { loadStrategySource } from './strategy-loader';

/** Files larger than this are refused (a strategy is code, not data). */
export const MAX_STRATEGY_FILE_BYTES = 1_000_000;

/** The stored file of a strategy name, loaded; a StrategyFileError when there is none or it fails. */
async function storedStrategy(name: string): Promise<StrategyDescriptor> {
  const file = await getStrategyFile(await getQuantDb(), name);
  if (!file) throw new StrategyFileError(`no strategy "${name}": neither a built-in strategy nor one of your strategy files`);
  return loadStrategySource(file.fileName, file.source);
}

/** A run's strategy by name: a built-in one, else the user's file of that name. */
export async function strategyNamed(name: string): Promise<StrategyDescriptor> {
  return findStrategy(name) ?? storedStrategy(name);
}

export const strategyFileApi = {
  /**
   * Loads a file and, when it loads and its defaults pass its own checks, stores it (replacing a stored
   * file of the same strategy name). Throws a message naming the file otherwise, and stores nothing.
   */
  async addStrategyFile(fileName: string, source: string): Promise<StoredStrategyFile> {
    if (source.length > MAX_STRATEGY_FILE_BYTES) throw new StrategyFileError(`${fileName}: ${source.length} characters, more than a strategy file may hold (${MAX_STRATEGY_FILE_BYTES})`);
    const descriptor = await loadStrategySource(fileName, source);
    if (findStrategy(descriptor.name)) throw new StrategyFileError(`${fileName}: "${descriptor.name}" is the name of a built-in strategy; give yours another name`);
    const file: StoredStrategyFile = {
      name: descriptor.name, label: descriptor.label || descriptor.name, fileName, source,
      fields: fieldViews(descriptor),
      defaults: descriptor.defaults as Record<string, number | string>,
      addedAt: new Date().toISOString(),
    };
    await putStrategyFile(await getQuantDb(), file);
    return file;
  },

  /** What the strategy file `name` says about these parameter values (undefined: accepted), as a run would. */
  async checkStrategyFileParams(name: string, values: Record<string, unknown>): Promise<string | undefined> {
    const descriptor = await storedStrategy(name);
    try {
      descriptor.resolve(values);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },
};
