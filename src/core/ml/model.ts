import type { CalibrationBin, Confusion, RocPoint } from './metrics';
import type { MlSettings } from './defaults';
import { validateSettings } from './defaults';
import { formatIssues, json, validate } from '../validate';
import { dualModelSchema } from '../validate/shapes';

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

export function checkModel(value: unknown): DualModel {
  const m = value as Partial<DualModel>;
  if (!m || typeof m !== 'object') throw new ModelFormatError('expected a JSON object');
  if (m.format !== modelFormat) throw new ModelFormatError(`format is ${JSON.stringify(m.format)}, expected "${modelFormat}"`);
  if (m.version !== modelVersion) throw new ModelFormatError(`version ${JSON.stringify(m.version)} is not supported (expected ${modelVersion})`);
  for (const side of ['buy', 'sell'] as const) {
    const target = m[side];
    if (!target || typeof target !== 'object') throw new ModelFormatError(`missing "${side}" model`);
    for (const f of Array.isArray(m.features) ? m.features : []) {
      if (!Number.isFinite(target.coefficients?.[f])) throw new ModelFormatError(`${side}.coefficients.${f} must be a finite number`);
    }
    if (!Number.isFinite(target.intercept)) throw new ModelFormatError(`${side}.intercept must be a finite number`);
  }
  const checked = validate(dualModelSchema, value, { root: 'model' });
  if (!checked.ok) throw new ModelFormatError(formatIssues(checked.errors));
  const model = checked.value as DualModel;
  for (const f of model.features) {
    if (!Number.isFinite(model.featureMeans[f])) throw new ModelFormatError(`featureMeans.${f} must be a finite number`);
  }
  try {
    validateSettings(model.settings);
  } catch (error) {
    throw new ModelFormatError((error as Error).message);
  }
  return model;
}

/** Model weights in feature order, for prediction and SHAP. */
export function weightsOf(model: DualModel, side: 'buy' | 'sell'): Float64Array {
  return Float64Array.from(model.features, (f) => model[side].coefficients[f]);
}

export function meansOf(model: DualModel): Float64Array {
  return Float64Array.from(model.features, (f) => model.featureMeans[f]);
}
