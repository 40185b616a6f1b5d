import type { CalibrationBin, Confusion, RocPoint } from './metrics';
import type { MlSettings } from './defaults';
import { validateSettings } from './defaults';
import { featureDefinition } from '../features/feature-set';
import { formatIssues, json, validate } from '../validate';
import { dualModelSchema, FEATURE_NAME_MAX_LENGTH } from '../validate/shapes';

/** One of the two logistic models (buy or sell target) with its evaluation. */
export interface TargetModel {
  coefficients: Record<string, number>;
  intercept: number;
  /** Out-of-sample on `test` (the walk-forward predictions in walk-forward mode). */
  auc: { train: number; test: number };
  nTrain: number;
  nTest: number;
  confusion: { train: Confusion; test: Confusion };
  calibration: { test: CalibrationBin[] };
  roc: { train: RocPoint[]; test: RocPoint[] };
  /** Features by |coefficient|, largest first (no scaling: 0/1 features share one scale). */
  importance: { feature: string; coefficient: number }[];
  /** Linear SHAP in log-odds space: base value and mean |SHAP| per feature over the test rows. */
  shap: { baseValue: number; meanAbs: Record<string, number> };
  newtonIterations: number;
}

export interface FoldSummary {
  testFrom: string;
  testTo: string;
  nTrain: number;
  nTest: number;
  /** Latest label date used in training: always before testFrom. */
  trainLabelsUntil: string;
}

/** A trained dual model, exactly as saved in IndexedDB and exported as JSON. */
export interface DualModel {
  format: typeof modelFormat;
  version: typeof modelVersion;
  features: string[];
  settings: MlSettings;
  /** Training-set feature means: the SHAP background. */
  featureMeans: Record<string, number>;
  trainingRange: { symbols: string[]; from: string; to: string; cutDate: string; rows: number };
  evaluation: 'time-split' | 'walk-forward';
  folds?: FoldSummary[];
  buy: TargetModel;
  sell: TargetModel;
}

export const modelFormat = 'quant-lens/dual-logistic';
export const modelVersion = 1;

export class ModelFormatError extends Error {
  constructor(reason: string) {
    super(`not a Quant Lens dual-logistic model: ${reason}`);
    this.name = 'ModelFormatError';
  }
}

/** Serialises a model (NaN metrics become null, as JSON has no NaN). */
export function modelToJson(model: DualModel): string {
  return JSON.stringify(model, null, 2);
}

/**
 * Parses and checks an exported model: format, version, the shape and range of every field the app
 * reads (metrics written as null come back as NaN), a coefficient and mean for every feature, and valid
 * settings. Throws ModelFormatError saying what is wrong.
 */
export function modelFromJson(text: string): DualModel {
  return checkModel(parseUntrustedJson(text, 'model'));
}

/**
 * An imported file's JSON, made safe before any field is read: no prototype-pollution keys, bounded
 * nesting (src/core/validate). Throws ModelFormatError; `root` names the value in its messages.
 */
export function parseUntrustedJson(text: string, root: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`invalid JSON (${(error as Error).message})`);
  }
  const safe = validate(json(), value, { root });
  if (!safe.ok) throw new ModelFormatError(formatIssues(safe.errors));
  return safe.value;
}

/**
 * Checks a parsed model with the schema of what the app writes (dualModelSchema: lengths, ranges,
 * symbols), then what the schema cannot say: every feature is an expression the app's own parser reads
 * (`close > SMA(50)` or a seed feature, not `<img src=x ...>`), with a coefficient and a mean, and the
 * settings are valid. Messages quote at most a short excerpt of the offending text.
 */
export function checkModel(value: unknown): DualModel {
  const m = value as Partial<DualModel>;
  if (!m || typeof m !== 'object') throw new ModelFormatError('expected a JSON object');
  if (m.format !== modelFormat) throw new ModelFormatError(`format is ${excerpt(m.format)}, expected "${modelFormat}"`);
  if (m.version !== modelVersion) throw new ModelFormatError(`version ${excerpt(m.version)} is not supported (expected ${modelVersion})`);
  const checked = validate(dualModelSchema, value, { root: 'model' });
  if (!checked.ok) throw new ModelFormatError(formatIssues(checked.errors));
  const model = checked.value as DualModel;
  checkFeatureNames(model.features, 'model.features');
  for (const side of ['buy', 'sell'] as const) {
    model.features.forEach((f, i) => {
      if (!Number.isFinite(model[side].coefficients[f])) throw new ModelFormatError(`model.${side}.coefficients: no finite coefficient for feature ${i} (${excerpt(f)})`);
    });
  }
  model.features.forEach((f, i) => {
    if (!Number.isFinite(model.featureMeans[f])) throw new ModelFormatError(`model.featureMeans: no finite mean for feature ${i} (${excerpt(f)})`);
  });
  try {
    validateSettings(model.settings);
  } catch (error) {
    throw new ModelFormatError(shortMessage(error));
  }
  checkFeatureNames(model.settings.features, 'model.settings.features');
  return model;
}

/** Each name must be a feature the app can compute: a seed feature or a composed expression it parses. */
export function checkFeatureNames(names: unknown, path: string): void {
  if (!Array.isArray(names)) throw new ModelFormatError(`${path}: expected a list of feature names`);
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0 || name.length > FEATURE_NAME_MAX_LENGTH) {
      throw new ModelFormatError(`${path}[${i}]: expected a feature name of 1 to ${FEATURE_NAME_MAX_LENGTH} characters, got ${typeof name === 'string' ? `${name.length} characters` : typeof name}`);
    }
    try {
      featureDefinition(name);
    } catch {
      throw new ModelFormatError(`${path}[${i}]: ${excerpt(name)} is not a feature (expected a seed feature such as ha_uptrend, or "<operand> >|<|crosses above|crosses below <operand or number>" such as "close > SMA(50)")`);
    }
  });
}

/** An error's message cut to 300 characters (settings errors quote the rejected value whole). */
export function shortMessage(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return message.length > 300 ? `${message.slice(0, 300)}...` : message;
}

/** A value quoted in a message: JSON text cut to 60 characters, so a huge input never makes a huge message. */
export function excerpt(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}... (${text.length} characters)` : text;
}

/** Model weights in feature order, for prediction and SHAP. */
export function weightsOf(model: DualModel, side: 'buy' | 'sell'): Float64Array {
  return Float64Array.from(model.features, (f) => model[side].coefficients[f]);
}

export function meansOf(model: DualModel): Float64Array {
  return Float64Array.from(model.features, (f) => model.featureMeans[f]);
}
