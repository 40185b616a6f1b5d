import type { Dataset } from './dataset';
import { keyToDate } from './dates';
import type { WalkForwardSettings } from './defaults';

export interface TimeSplit {
  train: Int32Array;
  test: Int32Array;
  cutDate: string;
}

/**
 * DESIGN's time-ordered split of the date-sorted eligible rows: cut = date of row floor(f*n);
 * train = rows dated before the cut, test = the rest (so one date never straddles both sides).
 */
export function timeSplit(data: Dataset, trainFraction: number): TimeSplit {
  const n = data.rows;
  const cutKey = data.dateKey[Math.floor(trainFraction * n)];
  let trainRows = 0;
  while (trainRows < n && data.dateKey[trainRows] < cutKey) trainRows++;
  if (trainRows === 0 || trainRows === n) throw new RangeError(`time split: not enough dates to split ${n} rows at ${trainFraction}`);
  return { train: range(0, trainRows), test: range(trainRows, n), cutDate: keyToDate(cutKey) };
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

export interface WalkForwardFold {
  /** Rows the fold's model is trained on: labels fully known before `testFrom`. */
  train: Int32Array;
  /** Rows it predicts: dates in [testFrom, testTo]. */
  test: Int32Array;
  testFrom: string;
  testTo: string;
}

/**
 * Walk-forward folds over the distinct dates of the data: blocks of `retrainEveryDays` dates after
 * `minTrainDays`; each block's model sees only rows whose label date (t + horizon) is before the
 * block's first date, so no prediction uses data from its own future (labels included).
 * A rolling window also drops rows dated more than `windowDays` dates before the block.
 */
export function walkForwardFolds(data: Dataset, wf: WalkForwardSettings): WalkForwardFold[] {
  const dates: number[] = [];
  const firstRow: number[] = [];
  for (let k = 0; k < data.rows; k++) {
    if (k === 0 || data.dateKey[k] !== data.dateKey[k - 1]) {
      dates.push(data.dateKey[k]);
      firstRow.push(k);
    }
  }
  firstRow.push(data.rows);
  const folds: WalkForwardFold[] = [];
  for (let start = wf.minTrainDays; start < dates.length; start += wf.retrainEveryDays) {
    const end = Math.min(start + wf.retrainEveryDays, dates.length);
    const blockStart = dates[start];
    const windowStart = wf.window === 'rolling' ? dates[Math.max(0, start - wf.windowDays)] : -Infinity;
    const train: number[] = [];
    for (let k = 0; k < firstRow[start]; k++) {
      if (data.labelDateKey[k] < blockStart && data.dateKey[k] >= windowStart) train.push(k);
    }
    folds.push({
      train: Int32Array.from(train),
      test: range(firstRow[start], firstRow[end]),
      testFrom: keyToDate(blockStart),
      testTo: keyToDate(dates[end - 1]),
    });
  }
  return folds;
}
