/**
 * A forecast-strategy sweep as the forecast worker runs it (workers/forecast/backtests.ts): the shared sweep
 * job over symbols stored in IndexedDB, the tiny Chronos-2 checkpoint picked into a model cache, its identity
 * from the cache, and the IndexedDB forecast store. A threshold sweep computes each forecast once: every
 * other grid point, and a later sweep, reuse them, with the same numbers as a run that computed them.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../../src/core/data/types';
import { storedForecaster } from '../../../src/core/forecast/forecast-store';
import { loadForecaster, type Ort } from '../../../src/core/forecast/model-loader';
import type { Forecaster } from '../../../src/core/forecast/types';
import { cacheLocalFiles } from '../../../src/model-files/fetch-model';
import { MemoryModelFileStore } from '../../../src/model-files/store';
import { writeSymbolBars } from '../../../src/store/bars';
import { getQuantDb } from '../../../src/store/db';
import { IndexedDbForecastStore } from '../../../src/store/forecast-store';
import { cachedModelFiles } from '../../../workers/forecast/cached-model';
import { storeIdentity } from '../../../workers/forecast/model-identity';
import { backtestStoredSymbols, sweepStoredSymbols, type BacktestRequest } from '../../../workers/shared/backtest-job';
import { randomWalk } from '../backtest/helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url)));
const bars = (s: PriceSeries) => s.dates.map((date, i) => ({ date, open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i] }));

const request: BacktestRequest = {
  symbols: ['AAA', 'BBB'],
  strategy: { name: 'forecast', horizon: 5, contextLength: 128 },
  config: { rebalance: 'weekly', from: '2000-09-01' },
  forecasterId: 'local:tiny',
};
const axes = [{ key: 'returnThresholdBuy', values: [0, 0.03, 0.1] }];

describe('forecast-strategy sweep in the forecast worker, with the forecast store', () => {
  let model: Forecaster;
  let identity: string;

  beforeAll(async () => {
    const db = await getQuantDb();
    for (const [symbol, seed] of [['AAA', 3], ['BBB', 5]] as const) {
      await writeSymbolBars(db, { symbol, source: 'test', bars: bars(randomWalk(symbol, 300, seed)) }, { merge: 'replace' });
    }
    const cache = new MemoryModelFileStore();
    await cacheLocalFiles('local:tiny', [{ name: 'config.json', bytes: fixture('config.json') }, { name: 'model.safetensors', bytes: fixture('model.safetensors') }], cache);
    ort.env.wasm.numThreads = 1;
    model = await loadForecaster(ort as unknown as Ort, await cachedModelFiles(cache, 'local:tiny'), { id: 'local:tiny' });
    identity = await storeIdentity('local:tiny', cache);
  }, 60_000);
  afterAll(() => model?.dispose?.());

  /** What `storedForecasterById` makes for one job: the model reading and filling the IndexedDB store. */
  const forOneJob = async () => storedForecaster(model, identity, new IndexedDbForecastStore(await getQuantDb()));

  it('computes each forecast once: the other grid points and a second sweep reuse all of them, with identical rows', async () => {
    const first = await forOneJob();
    const cold = await sweepStoredSymbols(request, axes, 'sharpe', { forecaster: first }, {});
    expect(cold.rows.every((r) => !r.skipped)).toBe(true);
    const perRun = first.tally.computed;
    // Weekly decisions from September 2000 to February 2001 on two symbols: about 2 x 25 origins.
    expect(perRun).toBeGreaterThan(30);
    expect(first.tally.reused).toBe(2 * perRun);
    // The thresholds change what the strategy does with the forecasts.
    expect(new Set(cold.rows.map((r) => r.totalReturnPct)).size).toBeGreaterThan(1);

    const second = await forOneJob();
    const warm = await sweepStoredSymbols(request, axes, 'sharpe', { forecaster: second }, {});
    expect(second.tally).toEqual({ computed: 0, reused: 3 * perRun });
    expect(warm.rows).toEqual(cold.rows);
  }, 120_000);

  it('a grid point gives the same result as its own backtest with freshly computed forecasts', async () => {
    const storeless = storedForecaster(model, identity, undefined);
    const single = await backtestStoredSymbols({ ...request, strategy: { ...request.strategy, returnThresholdBuy: 0.005 } }, { forecaster: storeless }, {});
    expect(storeless.tally.reused).toBe(0);
    const stored = await forOneJob();
    const sweep = await sweepStoredSymbols(request, [{ key: 'returnThresholdBuy', values: [0.005] }], 'sharpe', { forecaster: stored }, {});
    expect(stored.tally).toEqual({ computed: 0, reused: storeless.tally.computed }); // stored by the test above
    const m = single.report.metrics;
    expect(sweep.rows[0]).toMatchObject({ totalReturnPct: m.totalReturnPct, sharpe: m.sharpe, maxDrawdownPct: m.maxDrawdownPct, trades: m.trades });
  }, 120_000);
});
