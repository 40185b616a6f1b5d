/**
 * Every tensor of a Chronos-2 checkpoint with the shape its config.json implies (PIPELINE-FACTS.md §2),
 * in the naming of the official `state_dict`. Used to validate a downloaded checkpoint before building
 * the graph and to generate random full-size checkpoints for benchmarks.
 */
import type { Chronos2Config } from './config';

export function chronos2TensorShapes(c: Chronos2Config): [string, number[]][] {
  const inner = c.numHeads * c.dKv;
  const patchInput = 3 * c.patchSize;
  const headOutput = c.quantiles.length * c.patchSize;
  const shapes: [string, number[]][] = [];
  const residualBlock = (prefix: string, inp: number, out: number) => {
    shapes.push(
      [`${prefix}.hidden_layer.weight`, [c.dFf, inp]], [`${prefix}.hidden_layer.bias`, [c.dFf]],
      [`${prefix}.output_layer.weight`, [out, c.dFf]], [`${prefix}.output_layer.bias`, [out]],
      [`${prefix}.residual_layer.weight`, [out, inp]], [`${prefix}.residual_layer.bias`, [out]],
    );
  };
  if (c.useRegToken) shapes.push(['shared.weight', [2, c.dModel]]);
  residualBlock('input_patch_embedding', patchInput, c.dModel);
  for (let i = 0; i < c.numLayers; i++) {
    for (const j of [0, 1]) {
      const p = `encoder.block.${i}.layer.${j}`;
      shapes.push([`${p}.layer_norm.weight`, [c.dModel]]);
      for (const m of ['q', 'k', 'v']) shapes.push([`${p}.self_attention.${m}.weight`, [inner, c.dModel]]);
      shapes.push([`${p}.self_attention.o.weight`, [c.dModel, inner]]);
    }
    const p = `encoder.block.${i}.layer.2`;
    shapes.push([`${p}.layer_norm.weight`, [c.dModel]], [`${p}.mlp.wi.weight`, [c.dFf, c.dModel]], [`${p}.mlp.wo.weight`, [c.dModel, c.dFf]]);
  }
  shapes.push(['encoder.final_layer_norm.weight', [c.dModel]]);
  residualBlock('output_patch_embedding', c.dModel, headOutput);
  return shapes;
}
