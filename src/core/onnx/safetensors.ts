/**
 * Reader and writer for the Hugging Face safetensors format:
 *   8-byte little-endian header length N | N bytes of JSON header | raw little-endian tensor data.
 * The header maps tensor names to `{dtype, shape, data_offsets: [begin, end]}` (offsets relative to the
 * data section) plus an optional `__metadata__` string map.
 *
 * Floating-point tensors (F32, F16, BF16) are always handed out as Float32Array, so model code never
 * cares how the checkpoint was stored.
 */

export type FloatDtype = 'F32' | 'F16' | 'BF16';

const BYTES_PER_ELEMENT: Record<string, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1,
};

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Byte range inside the data section. */
  begin: number;
  end: number;
}

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(`safetensors: ${message}`);
    this.name = 'SafetensorsError';
  }
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  /** Tensor entries in header order. */
  entries: Map<string, SafetensorsEntry>;
  /** Where the data section starts in the file (entries' offsets are relative to it). */
  dataStart: number;
  has(name: string): boolean;
  shape(name: string): number[];
  /** The tensor converted to float32 (a fresh array; F32 data is copied so it is always aligned). */
  float32(name: string): Float32Array;
}

/** Real headers are tens of kilobytes; a larger one is refused before it is decoded. */
export const MAX_HEADER_BYTES = 16 * 2 ** 20;

/**
 * Parses the header and validates every entry against the file size; tensor data is decoded lazily.
 * As the format requires, tensors may not overlap and together must cover the data section without
 * holes (a file whose tensors all start at offset 0 is refused).
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.byteLength < 8) throw new SafetensorsError(`file too short (${bytes.byteLength} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) {
    throw new SafetensorsError(`header length ${headerLength} exceeds file size ${bytes.byteLength}`);
  }
  if (headerLength > MAX_HEADER_BYTES) throw new SafetensorsError(`header of ${headerLength} bytes is larger than the ${MAX_HEADER_BYTES}-byte limit`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new SafetensorsError(`header is not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new SafetensorsError('header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const entries = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Object.values(raw).some((v) => typeof v !== 'string')) {
        throw new SafetensorsError('__metadata__ must map names to strings');
      }
      metadata = raw as Record<string, string>;
      continue;
    }
    const shown = JSON.stringify(name.slice(0, 120));
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!e || typeof e.dtype !== 'string' || !isIndexList(e.shape) || !isIndexList(e.data_offsets) || e.data_offsets.length !== 2) {
      throw new SafetensorsError(`tensor ${shown}: header entry needs dtype (a string), shape (non-negative integers) and data_offsets ([begin, end])`);
    }
    const size = BYTES_PER_ELEMENT[e.dtype];
    if (size === undefined) throw new SafetensorsError(`tensor ${shown}: unknown dtype ${JSON.stringify(e.dtype.slice(0, 20))}`);
    const [begin, end] = e.data_offsets;
    const count = e.shape.reduce((a, b) => a * b, 1);
    if (!(end >= begin && end <= dataLength)) {
      throw new SafetensorsError(`tensor ${shown}: data_offsets [${begin}, ${end}] outside the ${dataLength}-byte data section`);
    }
    if (end - begin !== count * size) {
      throw new SafetensorsError(`tensor ${shown}: ${end - begin} bytes but shape ${shapeText(e.shape)} of ${e.dtype} needs ${count * size}`);
    }
    entries.set(name, { dtype: e.dtype, shape: e.shape, begin, end });
  }
  checkCoverage(entries, dataLength);

  const entry = (name: string): SafetensorsEntry => {
    const e = entries.get(name);
    if (!e) throw new SafetensorsError(`tensor "${name}" not found`);
    return e;
  };
  return {
    metadata,
    entries,
    dataStart,
    has: (name) => entries.has(name),
    shape: (name) => [...entry(name).shape],
    float32: (name) => {
      const e = entry(name);
      return decodeFloat(bytes.subarray(dataStart + e.begin, dataStart + e.end), e.dtype, name);
    },
  };
}

/** `[2,64]`, cut after 8 axes: a hostile header may hold millions. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.slice(0, 8).join(',')}${shape.length > 8 ? `,... (${shape.length} axes)` : ''}]`;
}

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isSafeInteger(v) && v >= 0);
}

/** Byte ranges in offset order must touch end to start: no overlap, no hole, nothing after the last. */
function checkCoverage(entries: Map<string, SafetensorsEntry>, dataLength: number): void {
  const ranges = [...entries].sort(([, a], [, b]) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const [name, { begin, end }] of ranges) {
    if (begin < covered) throw new SafetensorsError(`tensor ${JSON.stringify(name.slice(0, 120))}: data_offsets [${begin}, ${end}] overlap the tensor before it (which ends at ${covered})`);
    if (begin > covered) throw new SafetensorsError(`bytes ${covered} to ${begin} of the data section belong to no tensor`);
    covered = end;
  }
  if (covered !== dataLength) throw new SafetensorsError(`the tensors cover ${covered} of the ${dataLength} data bytes (the file has bytes no tensor uses)`);
}

function decodeFloat(raw: Uint8Array, dtype: string, name: string): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(raw.byteLength / 4);
      new Uint8Array(out.buffer).set(raw); // copy: the source may be unaligned
      if (!LITTLE_ENDIAN) for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(raw.byteLength / 2);
      const bits = new Uint32Array(out.buffer);
      // bfloat16 is the top half of a float32: shift the 16 bits into place.
      for (let i = 0; i < out.length; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      return out;
    }
    case 'F16': {
      const out = new Float32Array(raw.byteLength / 2);
      for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    }
    default:
      throw new SafetensorsError(`tensor "${name}": dtype ${dtype} is not a float type`);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** IEEE 754 binary16 → number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** number → IEEE 754 binary16 bits, round to nearest even. */
export function floatToHalf(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a >= 65520) return sign | 0x7c00; // rounds to infinity
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal; 1024 carries into the exponent
  let exponent = Math.floor(Math.log2(a));
  if (2 ** exponent > a) exponent--; // guard log2 rounding
  let fraction = roundHalfEven((a / 2 ** exponent - 1) * 1024);
  if (fraction === 1024) {
    fraction = 0;
    exponent++;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | fraction;
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  return rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

/** number → bfloat16 bits, round to nearest even of the float32 value. */
export function floatToBfloat16(value: number): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0];
  if (Number.isNaN(value)) return 0x7fc0;
  const roundingBias = 0x7fff + ((bits >> 16) & 1);
  return ((bits + roundingBias) >>> 16) & 0xffff;
}

export interface TensorToWrite {
  data: Float32Array;
  shape: number[];
  /** Storage type in the file (default F32). */
  dtype?: FloatDtype;
}

/**
 * Writes tensors in the Hugging Face layout: `__metadata__` first, tensors in sorted-name order,
 * header padded with spaces to a multiple of 8 bytes.
 */
export function writeSafetensors(tensors: Record<string, TensorToWrite>, metadata: Record<string, string> = { format: 'pt' }): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    const dtype = t.dtype ?? 'F32';
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new SafetensorsError(`tensor "${name}": shape [${t.shape}] does not match ${t.data.length} values`);
    const length = count * BYTES_PER_ELEMENT[dtype];
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + length] };
    offset += length;
  }
  let headerText = JSON.stringify(header);
  const encoder = new TextEncoder();
  const headerBytesLength = encoder.encode(headerText).length;
  headerText += ' '.repeat((8 - (headerBytesLength % 8)) % 8);
  const headerBytes = encoder.encode(headerText);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const name of names) {
    const { data, dtype = 'F32' } = tensors[name];
    for (let i = 0; i < data.length; i++) {
      if (dtype === 'F32') view.setFloat32(position + i * 4, data[i], true);
      else view.setUint16(position + i * 2, dtype === 'BF16' ? floatToBfloat16(data[i]) : floatToHalf(data[i]), true);
    }
    position += data.length * BYTES_PER_ELEMENT[dtype];
  }
  return out;
}
