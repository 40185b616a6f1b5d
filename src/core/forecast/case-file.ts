/**
 * Runs a cases file (the golden-case format of the official Chronos-2 and Chronos-Bolt implementations,
 * ../shared/chronos2-golden and ../shared/chronos-bolt-golden) on a checkpoint and returns this code's
 * outputs in the same structure, raw: comparing them with the official outputs is the tests' job
 * (tests/support/golden-metric.ts). The family is read from config.json.
 */
import { isBoltCaseFile, runBoltGoldenCases } from './bolt/golden-cases';
import { isBoltConfig } from './bolt/config';
import { loadBoltModel } from './bolt/load';
import { runGoldenCases, type GoldenCaseFile } from './chronos2/golden-cases';
import { Chronos2Model } from './chronos2/model';
import { checkpoint, type JobOptions } from '../jobs/progress';
import { parseConfigJson, type ModelFiles, type Ort } from './model-loader';
import { ModelFileError } from './model-file-error';

export interface CaseFileOutputs {
  family: 'Chronos-2' | 'Chronos-Bolt';
  /** Cases run, of every kind. */
  cases: number;
  /** `{model_cases, pipeline_cases[, embed_cases]}` with each case's name and outputs. */
  outputs: Record<string, { name: string }[]>;
}

/** Progress is counted in cases; cancelling stops before the next case. */
export async function runCaseFile(ort: Ort, files: ModelFiles, cases: unknown, executionProviders: string[], job: JobOptions = {}): Promise<CaseFileOutputs> {
  const configJson = parseConfigJson(files.configJson);
  if (typeof cases !== 'object' || cases === null || Array.isArray(cases)) throw new ModelFileError('cases.json', 'expected a JSON object');
  const total = ['model_cases', 'pipeline_cases', 'embed_cases'].reduce((n, key) => n + ((cases as Record<string, unknown[] | undefined>)[key]?.length ?? 0), 0);
  let done = 0;
  const onCase = async (name: string) => {
    await checkpoint(job.signal);
    job.onProgress?.({ status: 'progress', done: done++, total, unit: 'cases', message: name });
  };
  if (isBoltConfig(configJson)) {
    if (!isBoltCaseFile(cases)) throw new ModelFileError('cases.json', 'a Chronos-Bolt checkpoint needs cases in the Chronos-Bolt golden format');
    const model = await loadBoltModel(ort, { ...files, configJson }, executionProviders);
    try {
      return count('Chronos-Bolt', await runBoltGoldenCases(model, cases, onCase));
    } finally {
      await model.dispose();
    }
  }
  if (isBoltCaseFile(cases)) throw new ModelFileError('cases.json', 'Chronos-Bolt cases need a Chronos-Bolt checkpoint');
  const model = await Chronos2Model.create(ort, { ...files, configJson }, { executionProviders });
  try {
    return count('Chronos-2', await runGoldenCases(model, cases as GoldenCaseFile, onCase));
  } finally {
    await model.release();
  }
}

function count(family: CaseFileOutputs['family'], outputs: Record<string, { name: string }[]>): CaseFileOutputs {
  return { family, cases: Object.values(outputs).reduce((n, list) => n + list.length, 0), outputs };
}
