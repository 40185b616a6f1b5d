/**
 * `train --csv F [--csv F2 ...] --out model.json` (DESIGN.md CLI contract): the dual logistic models
 * pooled over every symbol given, written in the app's model format (`buy` and `sell`, each with
 * coefficients by feature, intercept, auc {train, test}, nTrain, nTest, SHAP summary and more).
 * Every setting can be overridden; `--walk-forward N` evaluates walk-forward, retraining every N dates.
 */
import { writeFile } from 'node:fs/promises';
import { FeatureSyntaxError } from '../core/features';
import { defaultWalkForward, modelToJson, trainDualModel, type MlSettings } from '../core/ml';
import { CliError, numberOption, parseArgs, requireOption, type ParsedArgs } from './args';
import { readSeries } from './read-series';

const options = ['csv', 'out', 'feature', 'horizon', 'buy-threshold', 'sell-threshold', 'confidence', 'C', 'class-weight',
  'train-fraction', 'from', 'to', 'walk-forward', 'window', 'window-days', 'min-train-days'];

function settingsFrom(args: ParsedArgs): Partial<MlSettings> {
  const settings: Partial<MlSettings> = {
    features: args.all.feature,
    horizon: args.values.horizon === undefined ? undefined : numberOption(args, 'horizon', 10),
    buyThreshold: args.values['buy-threshold'] === undefined ? undefined : numberOption(args, 'buy-threshold', 0),
    sellThreshold: args.values['sell-threshold'] === undefined ? undefined : numberOption(args, 'sell-threshold', 0),
    confidence: args.values.confidence === undefined ? undefined : numberOption(args, 'confidence', 0),
    C: args.values.C === undefined ? undefined : numberOption(args, 'C', 1),
    classWeight: args.values['class-weight'] as MlSettings['classWeight'] | undefined,
    trainFraction: args.values['train-fraction'] === undefined ? undefined : numberOption(args, 'train-fraction', 0),
    from: args.values.from,
    to: args.values.to,
  };
  if (args.values['walk-forward'] !== undefined) {
    settings.walkForward = {
      retrainEveryDays: numberOption(args, 'walk-forward', defaultWalkForward.retrainEveryDays),
      window: (args.values.window ?? defaultWalkForward.window) as 'expanding' | 'rolling',
      windowDays: numberOption(args, 'window-days', defaultWalkForward.windowDays),
      minTrainDays: numberOption(args, 'min-train-days', defaultWalkForward.minTrainDays),
    };
  }
  return settings;
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options });
  requireOption(args, 'csv');
  const outPath = requireOption(args, 'out');
  const series = (await Promise.all(args.all.csv.map(readSeries))).flat();
  const symbols = series.map((s) => s.symbol);
  const duplicate = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (duplicate) throw new CliError(`symbol ${duplicate} is given twice`);
  let model;
  try {
    model = await trainDualModel(series, settingsFrom(args));
  } catch (error) {
    // bad settings, feature text or too little data: user mistakes, reported as one line
    if (error instanceof RangeError || error instanceof FeatureSyntaxError) throw new CliError(error.message);
    throw error;
  }
  await writeFile(outPath, modelToJson(model) + '\n');
  const fmt = (x: number) => x.toFixed(4);
  process.stderr.write(
    `train: ${symbols.join(',')} ${model.trainingRange.rows} rows (cut ${model.trainingRange.cutDate}); ` +
      `buy AUC train ${fmt(model.buy.auc.train)} test ${fmt(model.buy.auc.test)}; ` +
      `sell AUC train ${fmt(model.sell.auc.train)} test ${fmt(model.sell.auc.test)} -> ${outPath}\n`,
  );
}
