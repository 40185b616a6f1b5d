/**
 * Trained models as files: the JSON the `train` CLI writes and the Models tab exports. An imported
 * model is checked whole (src/core/ml/model.ts) and kept in the `mlModels` store, where the Backtest
 * tab and today's signals find it.
 */
import { modelFromJson, modelToJson, type DualModel } from '../../core/ml';
import { getQuantDb } from '../../store/db';
import { newRecordId, putRecord } from '../../store/records';
import type { SavedModel } from '../../../workers/compute/ml';
import { downloadText, safeFileName } from '../lib/download';

export function exportModel(model: DualModel, name: string): void {
  downloadText(`${safeFileName(name)}.model.json`, modelToJson(model));
}

/** Saves `model` for trading under `name` (a new id each time). */
export async function keepModel(model: DualModel, name: string): Promise<SavedModel> {
  const createdAt = new Date().toISOString();
  const saved: SavedModel = { id: newRecordId('model', createdAt), name, createdAt, model };
  await putRecord(await getQuantDb(), 'mlModels', saved);
  return saved;
}

/** Reads a model file; nothing is stored when it is invalid (the error says why). */
export async function importModel(file: File): Promise<SavedModel> {
  return keepModel(modelFromJson(await file.text()), file.name.replace(/(\.model)?\.json$/i, ''));
}
