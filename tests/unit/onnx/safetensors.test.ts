import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  floatToBfloat16,
  floatToHalf,
  halfToFloat,
  readSafetensors,
  writeSafetensors,
} from '../../../src/core/onnx/safetensors';

const fixture = new URL('../../fixtures/chronos2/model.safetensors', import.meta.url);

describe('safetensors', () => {
  it('reads the golden checkpoint: 40 F32 tensors, 190,048 parameters (golden README)', () => {
    const file = readSafetensors(new Uint8Array(readFileSync(fixture)));
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.entries.size).toBe(40);
    let params = 0;
    for (const name of file.entries.keys()) params += file.float32(name).length;
    expect(params).toBe(190_048);
    expect(file.shape('shared.weight')).toEqual([2, 64]);
    expect(file.shape('encoder.block.0.layer.0.self_attention.q.weight')).toEqual([64, 64]);
  });

  it('round-trips F32 exactly and reproduces the writer layout of the golden file byte for byte', () => {
    const original = new Uint8Array(readFileSync(fixture));
    const file = readSafetensors(original);
    const tensors = Object.fromEntries([...file.entries.keys()].map((n) => [n, { data: file.float32(n), shape: file.shape(n) }]));
    const written = writeSafetensors(tensors);
    expect(written.byteLength).toBe(original.byteLength);
    expect(Buffer.from(written).equals(Buffer.from(original))).toBe(true);
  });

  it('decodes hand-worked F16 and BF16 bit patterns', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(1 / 3)).toBe(0x3555);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(floatToBfloat16(1)).toBe(0x3f80);
    expect(floatToBfloat16(-2.5)).toBe(0xc020);
    expect(floatToBfloat16(1 / 3)).toBe(0x3eab); // 0x3eaaaaab rounds up
  });

  it('round-trips BF16 and F16 tensors to the rounded float32 values', () => {
    const values = new Float32Array([0, 1, -2.5, 1 / 3, 1234.5678, -1e-3, 3e-6]);
    const bytes = writeSafetensors({
      a: { data: values, shape: [7], dtype: 'BF16' },
      b: { data: values, shape: [7, 1], dtype: 'F16' },
    });
    const file = readSafetensors(bytes);
    expect(file.entries.get('a')!.dtype).toBe('BF16');
    const bf = file.float32('a');
    const half = file.float32('b');
    for (let i = 0; i < values.length; i++) {
      // bfloat16 keeps 8 significant bits, float16 11 (subnormal below 6.1e-5).
      expect(Math.abs(bf[i] - values[i])).toBeLessThanOrEqual(Math.abs(values[i]) * 2 ** -8);
      expect(Math.abs(half[i] - values[i])).toBeLessThanOrEqual(Math.max(Math.abs(values[i]) * 2 ** -11, 2 ** -25));
    }
    expect(bf[3]).toBe(new Float32Array(new Uint32Array([0x3eab0000]).buffer)[0]);
    expect(half[3]).toBe(halfToFloat(0x3555));
    // Writing the decoded values again gives identical bytes (the rounding is idempotent).
    expect(writeSafetensors({ a: { data: bf, shape: [7], dtype: 'BF16' }, b: { data: half, shape: [7, 1], dtype: 'F16' } })).toEqual(bytes);
  });

  it('rejects corrupt files with a specific message', () => {
    const bytes = writeSafetensors({ a: { data: new Float32Array(4), shape: [4] } });
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/tensor "a": data_offsets \[0, 16\] outside the 12-byte data section/);
    expect(() => readSafetensors(new Uint8Array(4))).toThrow(/file too short/);
    expect(() => readSafetensors(bytes).float32('missing')).toThrow(/tensor "missing" not found/);
  });
});
