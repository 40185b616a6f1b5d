/**
 * Runs the Chronos-2 golden cases (official PyTorch outputs on a tiny checkpoint) inside the browser
 * worker and measures how far this backend is from them, with the metric of the golden README:
 * model cases max |ours - golden| / (|golden| + scale of the row); pipeline cases
 * max |ours - golden| / (|golden| + mean |golden| of the task).
 */
import { runGoldenCases as runChronos2Cases, type GoldenCaseFile } from '../../src/core/forecast/chronos2/golden-cases';
import { Chronos2Model, type Ort } from '../../src/core/forecast/chronos2/model';
import { isBoltConfig } from '../../src/core/forecast/bolt/config';
import { providerInUse } from './backend';
import { runBoltGoldenReport } from './golden-bolt';

type Nested = number | null | Nested[];

export interface GoldenCaseResult {
  name: string;
  kind: 'model' | 'pipeline';
  /** The README metric for the case (Infinity when a missing value appears where it should not). */
  error: number;
}

export interface GoldenReport {
  backend: string;
  cases: GoldenCaseResult[];
  worstModelCase: number;
  worstPipelineCase: number;
  milliseconds: number;
}

interface ExpectedCases extends GoldenCaseFile {
  model_cases?: (NonNullable<GoldenCaseFile['model_cases']>[number] & { outputs: { quantile_preds: Nested[]; scale: number[] } })[];
  pipeline_cases?: (NonNullable<GoldenCaseFile['pipeline_cases']>[number] & { outputs: Record<string, Nested[]> })[];
}

const flat = (x: Nested): (number | null)[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

/** max |a - g| / (|g| + offset) over two nested arrays of the same shape; null must match null. */
export function relativeError(ours: Nested, golden: Nested, offset: number): number {
  const a = flat(ours);
  const g = flat(golden);
  if (a.length !== g.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  g.forEach((gv, i) => {
    const av = a[i];
    if (gv === null || av === null) worst = gv === av ? worst : Number.POSITIVE_INFINITY;
    else worst = Math.max(worst, Math.abs(av - gv) / (Math.abs(gv) + offset));
  });
  return worst;
}

function meanAbs(values: Nested): number {
  const v = flat(values).filter((x): x is number => x !== null);
  return v.reduce((s, x) => s + Math.abs(x), 0) / Math.max(1, v.length);
}

export async function runGoldenCases(ort: Ort, cases: ExpectedCases, files: { configJson: Record<string, unknown>; weights: Uint8Array }, executionProviders: string[]): Promise<GoldenReport> {
  if (isBoltConfig(files.configJson)) return runBoltGoldenReport(ort, cases, files, executionProviders);
  const began = performance.now();
  const model = await Chronos2Model.create(ort, files, { executionProviders });
  try {
    const ours = await runChronos2Cases(model, cases);
    const results: GoldenCaseResult[] = [];
    (cases.model_cases ?? []).forEach((c, i) => {
      const mine = ours.model_cases[i].outputs.quantile_preds as Nested[];
      const error = Math.max(...c.outputs.scale.map((scale, row) => relativeError(mine[row], c.outputs.quantile_preds[row], scale)));
      results.push({ name: c.name, kind: 'model', error });
    });
    (cases.pipeline_cases ?? []).forEach((c, i) => {
      const mine = ours.pipeline_cases[i].outputs as Record<string, Nested[]>;
      let error = 0;
      for (const [key, golden] of Object.entries(c.outputs)) {
        if (!(key in mine)) continue;
        golden.forEach((task, t) => {
          error = Math.max(error, relativeError(mine[key][t], task, meanAbs(task)));
        });
      }
      results.push({ name: c.name, kind: 'pipeline', error });
    });
    return goldenReport(results, providerInUse(ort, executionProviders), began);
  } finally {
    await model.release();
  }
}

/** The report of a finished check: every case plus the worst model and pipeline errors. */
export function goldenReport(results: GoldenCaseResult[], backend: string, began: number): GoldenReport {
  const worst = (kind: GoldenCaseResult['kind']) => Math.max(0, ...results.filter((r) => r.kind === kind).map((r) => r.error));
  return { backend, cases: results, worstModelCase: worst('model'), worstPipelineCase: worst('pipeline'), milliseconds: performance.now() - began };
}
