import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { FLOAT32_MIN, GraphBuilder } from '../../../src/core/onnx/graph-builder';
import { multiHeadAttention, residualBlock, rmsNorm, Weights, type WeightSource } from '../../../src/core/onnx/nn-blocks';

/** Deterministic pseudo-random numbers in [-1, 1). */
function random(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

function source(tensors: Record<string, { data: Float32Array; shape: number[] }>): WeightSource {
  return { has: (n) => n in tensors, shape: (n) => tensors[n].shape, float32: (n) => tensors[n].data };
}

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, output: string): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const result = await session.run(feeds);
  await session.release();
  return result[output].data as Float32Array;
}

/** y[i, :] = x[i, :]·Wᵀ + b, with W stored [out, in] like torch. */
function linearRef(x: Float32Array, rows: number, w: Float32Array, out: number, inp: number, b?: Float32Array): Float64Array {
  const y = new Float64Array(rows * out);
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < out; o++) {
      let s = b ? b[o] : 0;
      for (let i = 0; i < inp; i++) s += x[r * inp + i] * w[o * inp + i];
      y[r * out + o] = s;
    }
  return y;
}

describe('graph-builder', () => {
  it('MatMul + Add + Softmax matches a hand computation', async () => {
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', ['n', 2]);
    const w = g.initializer('w', new Float32Array([1, 2, 3, 4]), [2, 2]);
    g.output(g.softmax(g.add(g.matMul(x, w), g.constant([0, 1])), -1), 'y', 'float32', ['n', 2]);
    const y = await run(g.toBytes(), { x: new ort.Tensor('float32', new Float32Array([1, 1]), [1, 2]) }, 'y');
    // logits: [1+3, 2+4+1] = [4, 7]
    const e = 1 / (1 + Math.exp(3));
    expect(y[0]).toBeCloseTo(e, 6);
    expect(y[1]).toBeCloseTo(1 - e, 6);
  });

  it('external-data models hold only small initializers inline and compute the same result', async () => {
    const build = () => {
      const g = new GraphBuilder();
      const x = g.input('x', 'float32', ['n', 64]);
      const w = g.initializer('w', random(64 * 32, 3), [64, 32]); // 8 KiB: moved out
      g.output(g.add(g.matMul(x, w), g.constant([0.5])), 'y', 'float32', ['n', 32]); // 4 bytes: stays inline
      return g;
    };
    const inline = build().toBytes();
    const split = build().toModel({ externalData: true });
    expect(split.externalData!.map((e) => e.data.byteLength)).toEqual([64 * 32 * 4]);
    expect(split.model.byteLength).toBeLessThan(inline.byteLength - 8000);
    const feeds = { x: new ort.Tensor('float32', random(2 * 64, 4), [2, 64]) };
    const a = await ort.InferenceSession.create(inline, { executionProviders: ['wasm'] });
    const b = await ort.InferenceSession.create(split.model, { executionProviders: ['wasm'], externalData: split.externalData });
    expect(Array.from((await b.run(feeds)).y.data as Float32Array)).toEqual(Array.from((await a.run(feeds)).y.data as Float32Array));
    await Promise.all([a.release(), b.release()]);
  });

  it('rmsNorm and residualBlock match a float64 reference', async () => {
    const D = 8, F = 6, O = 5, rows = 3;
    const t = {
      'n.weight': { data: random(D, 1), shape: [D] },
      'blk.hidden_layer.weight': { data: random(F * D, 2), shape: [F, D] },
      'blk.hidden_layer.bias': { data: random(F, 3), shape: [F] },
      'blk.output_layer.weight': { data: random(O * F, 4), shape: [O, F] },
      'blk.output_layer.bias': { data: random(O, 5), shape: [O] },
      'blk.residual_layer.weight': { data: random(O * D, 6), shape: [O, D] },
      'blk.residual_layer.bias': { data: random(O, 7), shape: [O] },
    };
    const g = new GraphBuilder();
    const w = new Weights(g, source(t));
    const x = g.input('x', 'float32', [rows, D]);
    g.output(rmsNorm(w, x, 'n.weight', 1e-6), 'normed', 'float32', [rows, D]);
    g.output(residualBlock(w, x, 'blk', 'relu'), 'block', 'float32', [rows, O]);
    const xs = random(rows * D, 8);
    const session = await ort.InferenceSession.create(g.toBytes(), { executionProviders: ['wasm'] });
    const out = await session.run({ x: new ort.Tensor('float32', xs, [rows, D]) });
    await session.release();

    const normed = out.normed.data as Float32Array;
    for (let r = 0; r < rows; r++) {
      let ms = 0;
      for (let i = 0; i < D; i++) ms += xs[r * D + i] ** 2 / D;
      for (let i = 0; i < D; i++) expect(normed[r * D + i]).toBeCloseTo((xs[r * D + i] / Math.sqrt(ms + 1e-6)) * t['n.weight'].data[i], 5);
    }
    const hidden = linearRef(xs, rows, t['blk.hidden_layer.weight'].data, F, D, t['blk.hidden_layer.bias'].data).map((v) => Math.max(v, 0));
    const outRef = linearRef(Float32Array.from(hidden), rows, t['blk.output_layer.weight'].data, O, F, t['blk.output_layer.bias'].data);
    const res = linearRef(xs, rows, t['blk.residual_layer.weight'].data, O, D, t['blk.residual_layer.bias'].data);
    const block = out.block.data as Float32Array;
    for (let i = 0; i < rows * O; i++) expect(block[i]).toBeCloseTo(outRef[i] + res[i], 5);
  });

  it('multiHeadAttention with rotate-half RoPE, no scaling and a key mask matches a per-head loop', async () => {
    const A = 2, L = 5, H = 2, K = 4, D = 6;
    const t = {
      q: { data: random(H * K * D, 11), shape: [H * K, D] },
      k: { data: random(H * K * D, 12), shape: [H * K, D] },
      v: { data: random(H * K * D, 13), shape: [H * K, D] },
      o: { data: random(D * H * K, 14), shape: [D, H * K] },
    };
    const cos = new Float32Array(L * K), sin = new Float32Array(L * K);
    for (let p = 0; p < L; p++)
      for (let i = 0; i < K; i++) {
        const angle = p / 10000 ** ((2 * (i % (K / 2))) / K);
        cos[p * K + i] = Math.cos(angle);
        sin[p * K + i] = Math.sin(angle);
      }
    const keyFlag = [1, 0, 1, 1, 0, 1, 1, 1, 1, 0]; // [A, L]
    const bias = Float32Array.from(keyFlag, (f) => (1 - f) * FLOAT32_MIN);

    const g = new GraphBuilder();
    const w = new Weights(g, source(t));
    const x = g.input('x', 'float32', [A, L, D]);
    const b = g.input('bias', 'float32', [A, 1, 1, L]);
    const c = g.input('cos', 'float32', [L, K]);
    const s = g.input('sin', 'float32', [L, K]);
    const y = multiHeadAttention(w, x, { q: 'q', k: 'k', v: 'v', o: 'o' }, { numHeads: H, headDim: K, bias: b, rope: { cos: c, sin: s } });
    g.output(y, 'y', 'float32', [A, L, D]);
    const xs = random(A * L * D, 15).map((v) => v * 2);
    const session = await ort.InferenceSession.create(g.toBytes(), { executionProviders: ['wasm'] });
    const out = await session.run({
      x: new ort.Tensor('float32', xs, [A, L, D]),
      bias: new ort.Tensor('float32', bias, [A, 1, 1, L]),
      cos: new ort.Tensor('float32', cos, [L, K]),
      sin: new ort.Tensor('float32', sin, [L, K]),
    });
    await session.release();
    const got = out.y.data as Float32Array;

    for (let a = 0; a < A; a++) {
      const xa = xs.subarray(a * L * D, (a + 1) * L * D);
      const [q, k, v] = ['q', 'k', 'v'].map((n) => linearRef(xa, L, t[n as 'q'].data, H * K, D));
      const rope = (m: Float64Array) => {
        const r = new Float64Array(m.length);
        for (let p = 0; p < L; p++)
          for (let h = 0; h < H; h++)
            for (let i = 0; i < K; i++) {
              const base = p * H * K + h * K;
              const rotated = i < K / 2 ? -m[base + i + K / 2] : m[base + i - K / 2];
              r[base + i] = m[base + i] * cos[p * K + i] + rotated * sin[p * K + i];
            }
        return r;
      };
      const qr = rope(q), kr = rope(k);
      const merged = new Float32Array(L * H * K);
      for (let h = 0; h < H; h++)
        for (let i = 0; i < L; i++) {
          const scores = Array.from({ length: L }, (_, j) => {
            let dot = 0;
            for (let d = 0; d < K; d++) dot += qr[i * H * K + h * K + d] * kr[j * H * K + h * K + d];
            return keyFlag[a * L + j] ? dot : -Infinity;
          });
          const max = Math.max(...scores);
          const e = scores.map((sc) => Math.exp(sc - max));
          const sum = e.reduce((p, q2) => p + q2, 0);
          for (let d = 0; d < K; d++) {
            let acc = 0;
            for (let j = 0; j < L; j++) acc += (e[j] / sum) * v[j * H * K + h * K + d];
            merged[i * H * K + h * K + d] = acc;
          }
        }
      const ref = linearRef(merged, L, t.o.data, D, H * K);
      for (let i = 0; i < L * D; i++) expect(got[a * L * D + i]).toBeCloseTo(ref[i], 4);
    }
  });
});
