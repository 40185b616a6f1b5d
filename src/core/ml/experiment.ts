import { formatIssues, validate } from '../validate';
import { mlExperimentFileSchema } from '../validate/shapes';
import { resolveSettings, type MlSettings } from './defaults';
import { checkFeatureNames, checkModel, excerpt, ModelFormatError, parseUntrustedJson, shortMessage, type DualModel } from './model';

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

/**
 * Parses an exported experiment with the schema of the file the app writes (name length, symbols,
 * format), its settings (feature expressions parsed as the app parses them) and its model; the caller
 * gives it a fresh id. Throws ModelFormatError with the reason; nothing is kept on failure.
 */
export function experimentFromJson(text: string, id: string): Experiment {
  const value = parseUntrustedJson(text, 'experiment') as Partial<ExperimentFile>;
  if (!value || value.format !== experimentFormat) throw new ModelFormatError(`format is ${excerpt(value?.format)}, expected "${experimentFormat}"`);
  if (value.version !== experimentVersion) throw new ModelFormatError(`experiment version ${excerpt(value.version)} is not supported`);
  const checked = validate(mlExperimentFileSchema, value, { root: 'experiment' });
  if (!checked.ok) throw new ModelFormatError(formatIssues(checked.errors));
  const file = checked.value;
  if (!file.name.trim()) throw new ModelFormatError('experiment.name: expected a name, got only spaces');
  let settings: MlSettings;
  try {
    settings = resolveSettings(file.settings as Partial<MlSettings> | undefined);
  } catch (error) {
    throw new ModelFormatError(shortMessage(error));
  }
  checkFeatureNames(settings.features, 'experiment.settings.features');
  const model = checkModel(file.model);
  return { id, name: file.name, createdAt: file.createdAt ?? '', symbols: file.symbols, settings, model };
}
