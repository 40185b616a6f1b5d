/**
 * The golden-case check for Chronos-Bolt checkpoints (cases in ../shared/chronos-bolt-golden format), with
 * that README's metrics: model cases max |ours − golden| / (|golden| + scale of the row); pipeline cases
 * max |ours − golden| / (|golden| + mean |golden| of the output row), and the exact sequence of model calls;
 * the embed case relative to |golden| + 1 (normalised space). Reported as 'model' cases (embed included) and
 * 'pipeline' cases, like the Chronos-2 check.
 */
import type { Ort } from '../../src/core/forecast/bolt/model';
import { type BoltGoldenCaseFile, runBoltGoldenCases } from '../../src/core/forecast/bolt/golden-cases';
import { loadBoltModel } from '../../src/core/forecast/bolt/load';
import { providerInUse } from './backend';
import { type GoldenCaseResult, type GoldenReport, goldenReport, relativeError } from './golden';

type Nested = number | null | Nested[];

interface ExpectedBoltCases extends BoltGoldenCaseFile {
  model_cases?: (NonNullable<BoltGoldenCaseFile['model_cases']>[number] & { outputs: { quantile_preds: Nested[]; scale: number[] } })[];
  pipeline_cases?: (NonNullable<BoltGoldenCaseFile['pipeline_cases']>[number] & { outputs: Record<string, Nested>; forward_calls: unknown[] })[];
  embed_cases?: (NonNullable<BoltGoldenCaseFile['embed_cases']>[number] & { outputs: { embeddings: Nested[] } })[];
}

/** Innermost rows (arrays of numbers) of two nested arrays, pairwise. */
function rows(ours: Nested, golden: Nested, visit: (a: Nested, g: (number | null)[]) => void): void {
  if (!Array.isArray(golden)) return;
  if (golden.every((v) => !Array.isArray(v))) return visit(ours, golden as (number | null)[]);
  golden.forEach((g, i) => rows(Array.isArray(ours) ? ours[i] : null, g, visit));
}

const meanAbs = (row: (number | null)[]) => row.reduce<number>((s, v) => s + Math.abs(v ?? 0), 0) / Math.max(1, row.length);

export async function runBoltGoldenReport(
  ort: Ort,
  casesFile: object,
  files: { configJson: Record<string, unknown>; weights: Uint8Array },
  executionProviders: string[],
): Promise<GoldenReport> {
  const began = performance.now();
  const cases = casesFile as ExpectedBoltCases; // parsed JSON in the golden format; shapes are checked by the metrics
  const model = await loadBoltModel(ort, files, executionProviders);
  try {
    const ours = await runBoltGoldenCases(model, cases);
    const results: GoldenCaseResult[] = [];
    (cases.model_cases ?? []).forEach((c, i) => {
      const mine = ours.model_cases[i].outputs.quantile_preds;
      const error = Math.max(...c.outputs.scale.map((scale, row) => relativeError(mine[row], c.outputs.quantile_preds[row], scale)));
      results.push({ name: c.name, kind: 'model', error });
    });
    (cases.embed_cases ?? []).forEach((c, i) => {
      results.push({ name: c.name, kind: 'model', error: relativeError(ours.embed_cases[i].outputs.embeddings, c.outputs.embeddings, 1) });
    });
    (cases.pipeline_cases ?? []).forEach((c, i) => {
      const mine = ours.pipeline_cases[i];
      let error = JSON.stringify(mine.forward_calls) === JSON.stringify(c.forward_calls) ? 0 : Number.POSITIVE_INFINITY;
      for (const [key, golden] of Object.entries(c.outputs)) {
        if (!(key in mine.outputs)) continue;
        rows(mine.outputs[key], golden, (a, g) => (error = Math.max(error, relativeError(a, g, meanAbs(g)))));
      }
      results.push({ name: c.name, kind: 'pipeline', error });
    });
    return goldenReport(results, providerInUse(ort, executionProviders), began);
  } finally {
    await model.dispose();
  }
}
