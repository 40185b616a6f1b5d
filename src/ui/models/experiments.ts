/** Saved experiments in IndexedDB (`experiments` store) and their JSON files. */
import { experimentFromJson, experimentToJson, type DualModel, type Experiment, type MlSettings } from '../../core/ml';
import { getQuantDb } from '../../store/db';
import { deleteRecord, listRecords, newRecordId, putRecord } from '../../store/records';
import { downloadText, safeFileName } from '../lib/download';
import { keepModel } from './model-files';

export async function listExperiments(): Promise<Experiment[]> {
  const all = await listRecords<Experiment>(await getQuantDb(), 'experiments');
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function saveExperiment(name: string, symbols: string[], settings: MlSettings, model: DualModel): Promise<Experiment> {
  const createdAt = new Date().toISOString();
  const experiment: Experiment = { id: newRecordId('experiment', createdAt), name, createdAt, symbols, settings, model };
  await putRecord(await getQuantDb(), 'experiments', experiment);
  return experiment;
}

export async function deleteExperiment(id: string): Promise<void> {
  await deleteRecord(await getQuantDb(), 'experiments', id);
}

export function exportExperiment(experiment: Experiment): void {
  downloadText(`${safeFileName(experiment.name)}.experiment.json`, experimentToJson(experiment));
}

/**
 * Reads an exported file; nothing is stored when it is invalid (the error says why). Its model is also
 * kept for trading (Backtest tab, today's signals).
 */
export async function importExperiment(file: File): Promise<Experiment> {
  const experiment = experimentFromJson(await file.text(), newRecordId('experiment'));
  await putRecord(await getQuantDb(), 'experiments', experiment);
  await keepModel(experiment.model, experiment.name);
  return experiment;
}
