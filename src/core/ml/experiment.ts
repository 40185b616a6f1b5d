import { resolveSettings, type MlSettings } from './defaults';
import { checkModel, ModelFormatError, parseUntrustedJson, type DualModel } from './model';

/**
 * An experiment: what was asked (symbols, settings incl. range, features, thresholds, horizon, model
 * settings) and what came out (the trained model with its metrics). Saved in IndexedDB, exported
 * and imported as one JSON file, re-runnable from its config.
 */
export interface Experiment {
  id: string;
  name: string;
  /** ISO timestamp of the run. */
  createdAt: string;
  symbols: string[];
  settings: MlSettings;
  model: DualModel;
}

export const experimentFormat = 'quant-lens/experiment';
export const experimentVersion = 1;

export interface ExperimentFile extends Omit<Experiment, 'id'> {
  format: typeof experimentFormat;
  version: typeof experimentVersion;
}

export function experimentToJson(experiment: Experiment): string {
  const { id: _id, ...rest } = experiment;
  const file: ExperimentFile = { format: experimentFormat, version: experimentVersion, ...rest };
  return JSON.stringify(file, null, 2);
}

/** Parses an exported experiment; the caller gives it a fresh id. Throws ModelFormatError with the reason. */
export function experimentFromJson(text: string, id: string): Experiment {
  const value = parseUntrustedJson(text, 'experiment') as Partial<ExperimentFile>;
  if (!value || value.format !== experimentFormat) throw new ModelFormatError(`format is ${JSON.stringify(value?.format)}, expected "${experimentFormat}"`);
  if (value.version !== experimentVersion) throw new ModelFormatError(`experiment version ${JSON.stringify(value.version)} is not supported`);
  if (typeof value.name !== 'string' || !value.name.trim()) throw new ModelFormatError('experiment "name" is missing');
  if (!Array.isArray(value.symbols) || value.symbols.length === 0 || value.symbols.some((s) => typeof s !== 'string')) {
    throw new ModelFormatError('experiment "symbols" must be a non-empty list');
  }
  let settings: MlSettings;
  try {
    settings = resolveSettings(value.settings);
  } catch (error) {
    throw new ModelFormatError((error as Error).message);
  }
  const model = checkModel(value.model);
  return { id, name: value.name, createdAt: String(value.createdAt ?? ''), symbols: value.symbols, settings, model };
}
