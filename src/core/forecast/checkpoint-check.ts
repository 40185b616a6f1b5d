/**
 * Checks a safetensors checkpoint against the tensors its config.json implies before a graph is built:
 * exactly the expected names (nothing missing, nothing extra), each with the implied shape and a float
 * dtype; the file's own structure (header, byte ranges inside the file, no overlaps, no holes) is
 * checked by `readSafetensors`. With `scanWeights`, every stored weight is also scanned for NaN and
 * Infinity on its raw bits (unused tensors included). The scan costs about a fifth of a model load
 * (tests/bench/model-validation.bench.ts), so it runs once when files are downloaded or picked, not at
 * every load; at load, forecasts are checked for NaN/Infinity instead (assertFiniteOutput).
 */
import type { WeightSource } from '../onnx/nn-blocks';
import { readSafetensors, SafetensorsError, shapeText, type SafetensorsFile } from '../onnx/safetensors';
import { ModelFileError } from './model-file-error';
import { checkParameterBytes } from './model-limits';

const FILE = 'model.safetensors';
const FLOAT_DTYPES = new Set(['F32', 'F16', 'BF16']);
/** Names listed in one message at most. */
const MAX_NAMES = 5;

export interface CheckpointOptions {
  /** Scan every weight for NaN/Infinity (default false: a pass over all the weights). */
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
  if (options.scanWeights) scanWeights(bytes, file);
  return file;
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
      throw new ModelFileError(FILE, `tensor "${name}": shape ${shapeText(entry.shape)}, config.json implies ${shapeText(shape)}`);
    }
  }
}

/** Bits that are all ones in the exponent of NaN and ±Infinity, per storage type. */
const EXPONENT_MASK: Record<string, number> = { F32: 0x7f800000, F16: 0x7c00, BF16: 0x7f80 };
/** Bytes scanned per step: aligned scratch copies stay small. */
const CHUNK = 1 << 20;

function scanWeights(bytes: Uint8Array, file: SafetensorsFile): void {
  const { dataStart } = file;
  for (const [name, entry] of file.entries) {
    const index = firstNonFinite(bytes.subarray(dataStart + entry.begin, dataStart + entry.end), entry.dtype);
    if (index >= 0) {
      const value = file.float32(name)[index];
      throw new ModelFileError(FILE, `tensor "${name}": weight ${index} is ${value}; the checkpoint is corrupt`);
    }
  }
}

/** Index of the first NaN/±Infinity in raw little-endian float data, or -1. */
function firstNonFinite(raw: Uint8Array, dtype: string): number {
  const mask = EXPONENT_MASK[dtype];
  const width = dtype === 'F32' ? 4 : 2;
  for (let offset = 0; offset < raw.byteLength; offset += CHUNK) {
    const part = raw.subarray(offset, Math.min(raw.byteLength, offset + CHUNK));
    // Typed views need aligned offsets: copy the (rare) unaligned stretch.
    const aligned = part.byteOffset % width === 0 ? part : part.slice();
    // Int32 (not Uint32): values above 2^31 would leave V8's small-integer fast path.
    const words = width === 4 ? new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4) : new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
    for (let i = 0; i < words.length; i++) {
      if ((words[i] & mask) === mask) return offset / width + i;
    }
  }
  return -1;
}
