/**
 * Checks a safetensors checkpoint against the tensors its config.json implies before a graph is built:
 * exactly the expected names (nothing missing, nothing extra), each with the implied shape and a float
 * dtype; the file's own structure (header, byte ranges inside the file, no overlaps, no holes) is
 * checked by `readSafetensors`. Weights are then decoded one tensor at a time as the graph builder asks
 * for them, and each decoded tensor is scanned for NaN and Infinity.
 */
import type { WeightSource } from '../onnx/nn-blocks';
import { readSafetensors, SafetensorsError, type SafetensorsFile } from '../onnx/safetensors';
import { ModelFileError } from './model-file-error';
import { checkParameterBytes } from './model-limits';

const FILE = 'model.safetensors';
const FLOAT_DTYPES = new Set(['F32', 'F16', 'BF16']);
/** Names listed in one message at most. */
const MAX_NAMES = 5;

export interface CheckpointOptions {
  /** Scan every decoded weight for NaN/Infinity (default true; costs a pass over the weights). */
  scanWeights?: boolean;
}

/** Parses and checks `bytes` against `layout` ([name, shape] pairs from the config); throws ModelFileError. */
export function readCheckpoint(bytes: Uint8Array, layout: [string, number[]][], options: CheckpointOptions = {}): WeightSource {
  checkParameterBytes(layout);
  let file: SafetensorsFile;
  try {
    file = readSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) throw new ModelFileError(FILE, error.message.replace(/^safetensors: /, ''));
    throw error;
  }
  checkTensors(file, layout);
  if (options.scanWeights === false) return file;
  return {
    has: (name) => file.has(name),
    shape: (name) => file.shape(name),
    float32: (name) => assertFiniteWeights(file.float32(name), name),
  };
}

function checkTensors(file: SafetensorsFile, layout: [string, number[]][]): void {
  const expected = new Map(layout);
  const listed = (names: string[]) => names.slice(0, MAX_NAMES).map((n) => JSON.stringify(n.slice(0, 120))).join(', ') + (names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '');
  const missing = layout.map(([name]) => name).filter((name) => !file.has(name));
  if (missing.length) throw new ModelFileError(FILE, `missing ${missing.length} tensor(s) config.json implies: ${listed(missing)}`);
  const extra = [...file.entries.keys()].filter((name) => !expected.has(name));
  if (extra.length) throw new ModelFileError(FILE, `${extra.length} tensor(s) config.json does not describe: ${listed(extra)}`);
  for (const [name, shape] of layout) {
    const entry = file.entries.get(name)!;
    if (!FLOAT_DTYPES.has(entry.dtype)) throw new ModelFileError(FILE, `tensor "${name}": dtype ${entry.dtype} is not supported (F32, F16 or BF16)`);
    if (entry.shape.join(',') !== shape.join(',') || entry.shape.length !== shape.length) {
      throw new ModelFileError(FILE, `tensor "${name}": shape [${entry.shape}], config.json implies [${shape}]`);
    }
  }
}

function assertFiniteWeights(values: Float32Array, name: string): Float32Array {
  for (let i = 0; i < values.length; i++) {
    // x - x is 0 for every finite x and NaN for NaN and ±Infinity.
    if (values[i] - values[i] !== 0) {
      throw new ModelFileError(FILE, `tensor "${name}": weight ${i} is ${values[i]}; the checkpoint is corrupt`);
    }
  }
  return values;
}
