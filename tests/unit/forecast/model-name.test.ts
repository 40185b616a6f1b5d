import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatParameterCount, readableModelName } from '../../../src/model-files/model-name';

const fixture = (dir: string) => ({
  config: JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures', dir, 'config.json'), 'utf8')),
  weightsBytes: statSync(join(import.meta.dirname, '../../fixtures', dir, 'model.safetensors')).size,
});

describe('readableModelName', () => {
  it('names a URL model by family and size from config.json, and where it came from', () => {
    // 1,205,096 bytes of float32 = 301,274 parameters (less a few header bytes): 0.3M.
    expect(readableModelName({ modelId: 'url:http://127.0.0.1:4123/chronos-bolt/', ...fixture('chronos-bolt') })).toBe('Chronos-Bolt 0.3M (chronos-bolt on 127.0.0.1:4123)');
    expect(readableModelName({ modelId: 'url:https://models.example.org/c2/', ...fixture('chronos2') })).toBe('Chronos-2 0.2M (c2 on models.example.org)');
    expect(readableModelName({ modelId: 'url:https://models.example.org/c2/' })).toBe('c2 on models.example.org');
  });

  it('names local files by family and size, or by the file name before config.json is read', () => {
    expect(readableModelName({ modelId: 'local:model.safetensors-1206126', ...fixture('chronos-bolt') })).toBe('Chronos-Bolt 0.3M (local files)');
    expect(readableModelName({ modelId: 'local:model.safetensors-1206126' })).toBe('Local model (model.safetensors)');
  });

  it('uses the catalog label, the Hugging Face repo id, and above all the name the user gave', () => {
    expect(readableModelName({ modelId: 'amazon/chronos-bolt-tiny' })).toBe('Chronos-Bolt tiny (9M)');
    expect(readableModelName({ modelId: 'hf:autogluon/chronos-2-small@main' })).toBe('autogluon/chronos-2-small');
    expect(readableModelName({ modelId: 'hf:autogluon/chronos-2-small@abc123' })).toBe('autogluon/chronos-2-small @ abc123');
    expect(readableModelName({ modelId: 'local:x-1', userName: '  My Bolt  ', ...fixture('chronos-bolt') })).toBe('My Bolt');
    expect(readableModelName({ modelId: 'local:x-1', userName: '   ' })).toBe('Local model (x)');
  });

  it('counts bfloat16 weights at two bytes per parameter', () => {
    expect(readableModelName({ modelId: 'local:m-1', config: { chronos_pipeline_class: 'Chronos2Pipeline', torch_dtype: 'bfloat16' }, weightsBytes: 240e6 })).toBe('Chronos-2 120M (local files)');
  });

  it('formats parameter counts', () => {
    expect([formatParameterCount(301_274), formatParameterCount(8_652_672), formatParameterCount(119_477_664), formatParameterCount(1.23e9)]).toEqual(['0.3M', '8.7M', '119M', '1.2B']);
  });
});
