import { checkpoint, type JobOptions } from '../jobs/progress';
import { canonicalFeatureName } from '../features';
import { buildDataset, type Dataset, type SymbolBars } from './dataset';
import { keyToDate } from './dates';
import { resolveSettings, type MlSettings } from './defaults';
import { classWeightsFor, groupRows } from './group-rows';
import { fitLogistic, predictProbabilities, type LogisticFit } from './logistic';
import { auc, calibration, classScores, confusionAt, rocCurve } from './metrics';
import { modelFormat, modelVersion, type DualModel, type FoldSummary, type TargetModel } from './model';
import { featureMeans, meanAbsShap, shapBaseValue } from './shap';
import { timeSplit, walkForwardFolds } from './split';

type Side = 'buy' | 'sell';

/**
 * Trains the dual (buy, sell) logistic models on one or many symbols (pooled) and evaluates them:
 * with DESIGN's time split by default, or walk-forward when `settings.walkForward` is set (then the
 * reported coefficients are those of a final model on every labelled row). Deterministic: the same
 * bars and settings give the same model.
 */
export async function trainDualModel(bars: readonly SymbolBars[], overrides: Partial<MlSettings> = {}, job: JobOptions = {}): Promise<DualModel> {
  const settings = resolveSettings({ ...overrides, features: (overrides.features ?? resolveSettings().features).map(canonicalFeatureName) });
  const { onProgress, signal } = job;
  onProgress?.({ status: 'start', kind: 'train', label: `Dual logistic on ${bars.map((b) => b.symbol).join(', ')}` });
  const data = buildDataset(bars, settings);
  if (data.rows < 20) {
    throw new RangeError(
      `only ${data.rows} rows have every feature and a ${settings.horizon}-bar label; need more history, or features whose inputs the data has (e.g. volume)`,
    );
  }
  onProgress?.({ status: 'progress', done: 1, total: 3, unit: 'stages', message: `${data.rows} rows, ${data.p} features` });
  await checkpoint(signal);

  const split = timeSplit(data, settings.trainFraction);
  let train = split.train;
  let test = split.test;
  let cutDate = split.cutDate;
  let folds: FoldSummary[] | undefined;
  let outOfSample: Record<Side, Float64Array> | undefined;

  if (settings.walkForward) {
    // Test metrics come from the walk-forward predictions; the final model is fitted on every labelled row.
    const walk = await walkForward(data, settings, job);
    folds = walk.folds;
    outOfSample = walk.probabilities;
    test = walk.predictedRows;
    train = Int32Array.from({ length: data.rows }, (_, i) => i);
    cutDate = folds[0].testFrom;
  }
  const fits = fitBoth(data, train, settings);
  const inSample = { buy: predictAll(data, fits.buy), sell: predictAll(data, fits.sell) };
  onProgress?.({ status: 'progress', done: 2, total: 3, unit: 'stages', message: 'evaluating' });
  await checkpoint(signal);

  const means = featureMeans(data.x, data.p, train);
  const evaluate = (side: Side): TargetModel => {
    const fit = fits[side];
    const labels = data[side];
    const trainP = inSample[side];
    const testP = outOfSample?.[side] ?? inSample[side];
    const shapMeans = meanAbsShap(data.x, data.p, test, fit.weights, means);
    const trainScores = classScores(trainP, labels, train);
    const testScores = classScores(testP, labels, test);
    return {
      coefficients: Object.fromEntries(data.featureNames.map((f, j) => [f, fit.weights[j]])),
      intercept: fit.intercept,
      auc: { train: auc(trainScores), test: auc(testScores) },
      nTrain: train.length,
      nTest: test.length,
      confusion: { train: confusionAt(trainP, labels, train, settings.confidence), test: confusionAt(testP, labels, test, settings.confidence) },
      calibration: { test: calibration(testP, labels, test) },
      roc: { train: rocCurve(trainScores), test: rocCurve(testScores) },
      importance: data.featureNames
        .map((feature, j) => ({ feature, coefficient: fit.weights[j] }))
        .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient)),
      shap: { baseValue: shapBaseValue(fit.weights, fit.intercept, means), meanAbs: Object.fromEntries(data.featureNames.map((f, j) => [f, shapMeans[j]])) },
      newtonIterations: fit.iterations,
    };
  };
  const model: DualModel = {
    format: modelFormat,
    version: modelVersion,
    features: data.featureNames,
    settings,
    featureMeans: Object.fromEntries(data.featureNames.map((f, j) => [f, means[j]])),
    trainingRange: { symbols: data.symbols, from: keyToDate(data.dateKey[0]), to: keyToDate(data.dateKey[data.rows - 1]), cutDate, rows: data.rows },
    evaluation: settings.walkForward ? 'walk-forward' : 'time-split',
    ...(folds ? { folds } : {}),
    buy: evaluate('buy'),
    sell: evaluate('sell'),
  };
  onProgress?.({ status: 'done', message: `buy AUC ${model.buy.auc.test.toFixed(3)}, sell AUC ${model.sell.auc.test.toFixed(3)}` });
  return model;
}

/**
 * Walk-forward predictions: each fold's models see only rows whose labels were known before the
 * fold's first date (see walkForwardFolds); blocks without both classes in training are skipped.
 */
async function walkForward(data: Dataset, settings: MlSettings, { signal, onProgress }: JobOptions) {
  const folds = walkForwardFolds(data, settings.walkForward!);
  const probabilities = { buy: new Float64Array(data.rows).fill(NaN), sell: new Float64Array(data.rows).fill(NaN) };
  const summaries: FoldSummary[] = [];
  const predicted: number[] = [];
  for (const [k, fold] of folds.entries()) {
    onProgress?.({ status: 'progress', done: k, total: folds.length, unit: 'folds' });
    await checkpoint(signal);
    if (!hasBothClasses(data, fold.train)) continue;
    const fits = fitBoth(data, fold.train, settings);
    for (const row of fold.test) {
      const x = data.x.subarray(row * data.p, (row + 1) * data.p);
      probabilities.buy[row] = predictProbabilities(x, data.p, fits.buy.weights, fits.buy.intercept)[0];
      probabilities.sell[row] = predictProbabilities(x, data.p, fits.sell.weights, fits.sell.intercept)[0];
      predicted.push(row);
    }
    let lastLabel = 0;
    for (const row of fold.train) lastLabel = Math.max(lastLabel, data.labelDateKey[row]);
    summaries.push({ testFrom: fold.testFrom, testTo: fold.testTo, nTrain: fold.train.length, nTest: fold.test.length, trainLabelsUntil: keyToDate(lastLabel) });
  }
  if (summaries.length === 0) throw new RangeError('walk-forward: no block had enough labelled history with both classes; lower minTrainDays');
  return { folds: summaries, probabilities, predictedRows: Int32Array.from(predicted) };
}

/** The buy and sell models fitted on `rows` of the dataset (class weights and C from the settings). */
export function fitBoth(data: Dataset, rows: Int32Array, settings: Pick<MlSettings, 'classWeight' | 'C'>): Record<Side, LogisticFit> {
  const weights = [classWeightsFor(data.buy, rows, settings.classWeight), classWeightsFor(data.sell, rows, settings.classWeight)];
  const [buy, sell] = groupRows(data.x, data.p, rows, [data.buy, data.sell], weights);
  return { buy: fitLogistic(buy, settings.C), sell: fitLogistic(sell, settings.C) };
}

const predictAll = (data: Dataset, fit: LogisticFit) => predictProbabilities(data.x, data.p, fit.weights, fit.intercept);

/** Whether both targets have both classes among `rows` (a logistic fit needs them). */
export function hasBothClasses(data: Dataset, rows: Int32Array): boolean {
  let buy = 0;
  let sell = 0;
  for (const r of rows) {
    buy += data.buy[r];
    sell += data.sell[r];
  }
  return buy > 0 && buy < rows.length && sell > 0 && sell < rows.length;
}
