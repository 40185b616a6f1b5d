/** Reading price files for the CLI commands, through the same importer the app uses. */
import { readFile } from 'node:fs/promises';
import { readPriceFile } from '../core/data/read-prices';
import type { PriceSeries } from '../core/data/types';
import { CliError } from './args';

/** Reads one price file with the data importer; any problem stops the command with the importer's message. */
export async function readSeries(path: string): Promise<PriceSeries[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return await readPriceFile(path, bytes);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
