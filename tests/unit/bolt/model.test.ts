import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import type { ChronosBoltModel } from '../../../src/core/forecast/bolt/model';
import { backends } from '../backends';
import { GOLDEN_THRESHOLD, modelCaseError, relativeError } from '../../support/golden-metric';
import { f32, fixtureDir, goldenBoltModel, loadCases } from './golden';

const cases = loadCases();
const config = parseBoltConfig(JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')));
const H = config.predictionLength;
const Q = config.quantiles.length;

describe.each(backends)('%s backend', (backend) => {
  let model: ChronosBoltModel;
  let debugModel: ChronosBoltModel;
  beforeAll(async () => {
    model = await goldenBoltModel(backend);
    debugModel = await goldenBoltModel(backend, { debug: true });
  }, 120_000); // session creation can be slow when other jobs load the machine

  describe('ChronosBoltModel against the official model (every model case)', () => {
    for (const c of cases.model_cases) {
      it(`${c.name}: quantile_preds within ${GOLDEN_THRESHOLD}`, async () => {
        const context = f32(c.inputs.context);
        const batch = c.inputs.context.length;
        const mask = c.inputs.mask ? f32(c.inputs.mask) : undefined;
        const out = await model.forward(context, batch, context.length / batch, mask);
        const scale = c.outputs.scale;
        const err = modelCaseError(out.quantilePreds, c.outputs.quantile_preds, scale);
        const errNorm = relativeError(out.normalized, f32(c.outputs.normalized_quantile_preds), () => 1, Q * H);
        console.log(`${backend} bolt model ${c.name}: quantile_preds ${err.toExponential(2)}, normalized ${errNorm.toExponential(2)}`);
        expect(out.numPatches).toBe(c.outputs.num_patches);
        expect(err).toBeLessThan(GOLDEN_THRESHOLD);
        expect(errNorm).toBeLessThan(GOLDEN_THRESHOLD);
      });
    }
  });

  describe('intermediates match the debug vectors', () => {
    for (const c of cases.model_cases.filter((m) => m.debug)) {
      it(c.name, async () => {
        const context = f32(c.inputs.context);
        const batch = c.inputs.context.length;
        const out = await debugModel.debugForward(context, batch, context.length / batch);
        const d = c.debug!;
        const pairs: [string, Float32Array][] = [
          ['encoder_input_embeds', f32(d.encoder_input_embeds)],
          ...(d.encoder_block_outputs as never[]).map((v, i) => [`encoder_block_${i}`, f32(v)] as [string, Float32Array]),
          ['encoder_output', f32(d.encoder_final_hidden)],
          ...(d.decoder_block_outputs as never[]).map((v, i) => [`decoder_block_${i}`, f32(v)] as [string, Float32Array]),
          ['decoder_final_hidden', f32(d.decoder_final_hidden)],
        ];
        for (const [name, golden] of pairs) {
          // Hidden states: error relative to |golden| + the RMS of the whole tensor.
          const rms = Math.sqrt(golden.reduce((s, v) => s + v * v, 0) / golden.length);
          const err = relativeError(out[name], golden, () => rms, golden.length);
          expect(err, name).toBeLessThan(GOLDEN_THRESHOLD);
        }
      });
    }
  });
});
