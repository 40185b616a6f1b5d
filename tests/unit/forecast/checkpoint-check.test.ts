/**
 * The weight scan run on downloaded / picked checkpoints: NaN and ±Infinity found on the raw bits of every
 * storage type, in any tensor (also one the graph never reads), at the right index; finite extremes pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/core/forecast/checkpoint-check';
import { chronos2TensorShapes } from '../../../src/core/forecast/chronos2/checkpoint-layout';
import { parseChronos2Config } from '../../../src/core/forecast/chronos2/config';
import { checkModelFiles } from '../../../src/core/forecast/model-loader';
import { readSafetensors, writeSafetensors, type FloatDtype } from '../../../src/core/onnx/safetensors';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url));
const configText = fixture('config.json').toString('utf8');
const layout = chronos2TensorShapes(parseChronos2Config(JSON.parse(configText)));
const golden = readSafetensors(new Uint8Array(fixture('model.safetensors')));

/** The golden tensors stored as `dtype`, with `value` written at `index` of `tensor`. */
function withValue(tensor: string, index: number, value: number, dtype: FloatDtype = 'F32'): Uint8Array {
  return writeSafetensors(Object.fromEntries([...golden.entries.keys()].map((n) => {
    const data = golden.float32(n);
    if (n === tensor) data[index] = value;
    return [n, { data, shape: golden.shape(n), dtype }];
  })));
}

describe('NaN / Infinity scan of checkpoint weights', () => {
  it.each([
    ['F32', NaN, 'NaN'], ['F32', Infinity, 'Infinity'], ['F32', -Infinity, '-Infinity'],
    ['F16', NaN, 'NaN'], ['F16', 1e38, 'Infinity'], ['BF16', NaN, 'NaN'], ['BF16', -Infinity, '-Infinity'],
  ] as const)('%s: %s is found at its index and named', (dtype, value, shown) => {
    const bytes = withValue('encoder.block.1.layer.2.mlp.wo.weight', 77, value, dtype);
    expect(() => readCheckpoint(bytes, layout, { scanWeights: true })).toThrow(
      `model.safetensors: tensor "encoder.block.1.layer.2.mlp.wo.weight": weight 77 is ${shown}; the checkpoint is corrupt`,
    );
    expect(() => readCheckpoint(bytes, layout)).not.toThrow(); // without the scan only the structure is checked
  });

  it('passes the largest finite values of each storage type', () => {
    for (const [dtype, max] of [['F32', 3.4e38], ['F16', 65504], ['BF16', 3.38e38]] as const) {
      expect(() => readCheckpoint(withValue('shared.weight', 0, -max, dtype), layout, { scanWeights: true })).not.toThrow();
    }
  });

  it('finds a NaN in data that starts at an unaligned offset', () => {
    const bytes = withValue('shared.weight', 3, NaN);
    // One more header byte shifts the data section off 4-byte alignment.
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const shifted = new Uint8Array(bytes.length + 1);
    new DataView(shifted.buffer).setBigUint64(0, BigInt(headerLength + 1), true);
    shifted.set(bytes.subarray(8, 8 + headerLength), 8);
    shifted[8 + headerLength] = 0x20;
    shifted.set(bytes.subarray(8 + headerLength), 9 + headerLength);
    expect(() => readCheckpoint(shifted, layout, { scanWeights: true })).toThrow(/tensor "shared.weight": weight 3 is NaN/);
  });

  it('checkModelFiles (downloads, picked files) scans; the golden checkpoint passes', () => {
    expect(() => checkModelFiles({ configJson: configText, weights: withValue('shared.weight', 0, NaN) })).toThrow(/weight 0 is NaN/);
    expect(() => checkModelFiles({ configJson: configText, weights: new Uint8Array(fixture('model.safetensors')) })).not.toThrow();
  });
});
