/**
 * Reusable transformer building blocks on top of {@link GraphBuilder}, reading weights by their
 * PyTorch `state_dict` names (e.g. from a safetensors checkpoint).
 *
 * Conventions shared by Chronos-2 and Chronos-Bolt (T5 family):
 * - torch `Linear` weights are [out, in] and y = x·Wᵀ + b; {@link Weights.matrix} transposes them once
 *   at build time so the graph uses a plain MatMul on [..., in] activations.
 * - Attention has NO 1/sqrt(d) scaling unless asked, and masks are additive biases (use FLOAT32_MIN,
 *   never −Infinity).
 */
import { type GraphBuilder, transpose2d } from './graph-builder';

/** Anything that serves float32 tensors by name (a parsed safetensors file satisfies it). */
export interface WeightSource {
  has(name: string): boolean;
  shape(name: string): number[];
  float32(name: string): Float32Array;
}

export type Activation = 'relu' | 'silu';

/** Reads an activation name the way transformers' T5 config does (`feed_forward_proj`'s last part). */
export function parseActivation(name: string): Activation {
  const act = name.split('-').pop();
  if (name.startsWith('gated-')) throw new Error(`gated activation "${name}" is not supported`);
  if (act === 'relu' || act === 'silu') return act;
  throw new Error(`activation "${name}" is not supported (relu, silu)`);
}

/** Turns checkpoint tensors into graph initializers, each created once. */
export class Weights {
  private readonly created = new Map<string, string>();

  constructor(readonly g: GraphBuilder, readonly source: WeightSource) {}

  /** The tensor, checked against an expected shape when one is given. */
  read(name: string, expectedShape?: number[]): Float32Array {
    if (!this.source.has(name)) throw new Error(`checkpoint is missing tensor "${name}"`);
    const shape = this.source.shape(name);
    if (expectedShape && (shape.length !== expectedShape.length || shape.some((d, i) => d !== expectedShape[i]))) {
      throw new Error(`tensor "${name}" has shape [${shape}], expected [${expectedShape}]`);
    }
    return this.source.float32(name);
  }

  /** A torch Linear weight [out, in] as a MatMul right operand [in, out]. */
  matrix(name: string): string {
    return this.once(`${name}:T`, () => {
      const [out, inp] = this.source.shape(name);
      return this.g.initializer(name, transpose2d(this.read(name), out, inp), [inp, out]);
    });
  }

  /** Several Linear weights sharing one input, concatenated along the output dimension: [in, Σout]. */
  fusedMatrix(names: string[]): string {
    return this.once(`${names.join('+')}:fused`, () => {
      const parts = names.map((n) => {
        const [out, inp] = this.source.shape(n);
        return { out, inp, w: this.read(n) };
      });
      const inp = parts[0].inp;
      if (parts.some((p) => p.inp !== inp)) throw new Error(`cannot fuse ${names.join(', ')}: input sizes differ`);
      const total = parts.reduce((s, p) => s + p.out, 0);
      const data = new Float32Array(inp * total);
      let column = 0;
      for (const p of parts) {
        for (let r = 0; r < p.out; r++) for (let c = 0; c < inp; c++) data[c * total + column + r] = p.w[r * inp + c];
        column += p.out;
      }
      return this.g.anonymousInitializer('fused_weight', data, [inp, total]);
    });
  }

  /** A 1-D tensor (bias, norm weight) or any tensor kept in its stored layout. */
  tensor(name: string): string {
    return this.once(name, () => this.g.initializer(name, this.read(name), this.source.shape(name)));
  }

  /** Biases of several Linear layers concatenated (see {@link fusedMatrix}). */
  fusedVector(names: string[]): string {
    return this.once(`${names.join('+')}:fusedbias`, () => {
      const parts = names.map((n) => this.read(n));
      const data = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) {
        data.set(p, at);
        at += p.length;
      }
      return this.g.anonymousInitializer('fused_bias', data, [data.length]);
    });
  }

  private once(key: string, make: () => string): string {
    let name = this.created.get(key);
    if (!name) {
      name = make();
      this.created.set(key, name);
    }
    return name;
  }
}

export function activation(g: GraphBuilder, x: string, act: Activation): string {
  return act === 'relu' ? g.relu(x) : g.mul(x, g.sigmoid(x));
}

/** torch `Linear`: x·Wᵀ (+ b). */
export function linear(w: Weights, x: string, weightName: string, biasName?: string): string {
  const y = w.g.matMul(x, w.matrix(weightName));
  return biasName ? w.g.add(y, w.tensor(biasName)) : y;
}

/**
 * T5-style RMS norm: x · 1/sqrt(mean(x², last axis) + eps) · weight. No mean subtraction, no bias.
 */
export function rmsNorm(w: Weights, x: string, weightName: string, eps: number): string {
  const g = w.g;
  const variance = g.reduceMean(g.mul(x, x), [-1]);
  const normed = g.div(x, g.sqrt(g.add(variance, g.constant([eps], []))));
  return g.mul(normed, w.tensor(weightName));
}

/**
 * Chronos `ResidualBlock`: output_layer(act(hidden_layer(x))) + residual_layer(x), all with biases.
 * `prefix` is e.g. "input_patch_embedding". The hidden and residual projections share x, so they run
 * as one fused MatMul.
 */
export function residualBlock(w: Weights, x: string, prefix: string, act: Activation): string {
  const g = w.g;
  const hiddenName = `${prefix}.hidden_layer`;
  const residualName = `${prefix}.residual_layer`;
  const hiddenSize = w.source.shape(`${hiddenName}.weight`)[0];
  const residualSize = w.source.shape(`${residualName}.weight`)[0];
  const both = g.add(
    g.matMul(x, w.fusedMatrix([`${hiddenName}.weight`, `${residualName}.weight`])),
    w.fusedVector([`${hiddenName}.bias`, `${residualName}.bias`]),
  );
  const [hidden, residual] = g.split(both, [hiddenSize, residualSize], -1);
  const out = linear(w, activation(g, hidden, act), `${prefix}.output_layer.weight`, `${prefix}.output_layer.bias`);
  return g.add(out, residual);
}

/** T5 dense feed-forward without biases: wo(act(wi(x))). */
export function feedForward(w: Weights, x: string, wiName: string, woName: string, act: Activation): string {
  return linear(w, activation(w.g, linear(w, x, wiName), act), woName);
}

export interface AttentionWeights {
  /** Linear weight names [H·K, D] for q, k, v and [D, H·K] for o. */
  q: string;
  k: string;
  v: string;
  o: string;
}

export interface AttentionOptions {
  numHeads: number;
  headDim: number;
  /** Additive score bias broadcastable to [A, H, Lq, Lk] (masks: 0 or FLOAT32_MIN). */
  bias?: string;
  /** Rotary embedding tables [L, headDim] ("rotate half" convention); applied to q and k. */
  rope?: { cos: string; sin: string };
  /** Key/value input for cross-attention; defaults to the query input (self-attention). */
  keyValue?: string;
  /** Divide scores by sqrt(headDim). T5, Chronos-2 and Chronos-Bolt do not scale. */
  scaled?: boolean;
}

/**
 * Multi-head attention over the second axis of x [A, L, D] (A is any batch-like axis), returning
 * o(concat_heads(softmax(q·kᵀ + bias)·v)) of shape [A, Lq, D].
 *
 * Heads are handled by reshapes and batched MatMuls, never per-head loops. For self-attention the q, k, v
 * projections run as one fused MatMul.
 */
export function multiHeadAttention(w: Weights, x: string, names: AttentionWeights, options: AttentionOptions): string {
  const g = w.g;
  const { numHeads: H, headDim: K } = options;
  const inner = H * K;
  const heads = (t: string, perm: number[]) => g.transpose(g.reshape(t, [0, 0, H, K]), perm);
  const toQuery = [0, 2, 1, 3]; // [A, L, H, K] → [A, H, L, K]
  const toKeyT = [0, 2, 3, 1]; // [A, L, H, K] → [A, H, K, L]

  let q: string, k: string, v: string;
  if (options.keyValue === undefined) {
    [q, k, v] = g.split(g.matMul(x, w.fusedMatrix([names.q, names.k, names.v])), [inner, inner, inner], -1);
  } else {
    if (options.rope) throw new Error('multiHeadAttention: RoPE is only supported for self-attention');
    q = linear(w, x, names.q);
    k = linear(w, options.keyValue, names.k);
    v = linear(w, options.keyValue, names.v);
  }

  let qh = heads(q, toQuery);
  let kh: string;
  if (options.rope) {
    const { cos, sin } = options.rope;
    const rotary = (t: string) => g.add(g.mul(t, cos), g.mul(rotateHalf(g, t, K), sin));
    qh = rotary(qh);
    kh = g.transpose(rotary(heads(k, toQuery)), [0, 1, 3, 2]);
  } else {
    kh = heads(k, toKeyT);
  }
  let scores = g.matMul(qh, kh); // [A, H, Lq, Lk]
  if (options.scaled) scores = g.div(scores, g.constant([Math.sqrt(K)], []));
  if (options.bias) scores = g.add(scores, options.bias);
  const context = g.matMul(g.softmax(scores, -1), heads(v, toQuery)); // [A, H, Lq, K]
  const merged = g.reshape(g.transpose(context, [0, 2, 1, 3]), [0, 0, inner]);
  return linear(w, merged, names.o);
}

/** rotate_half over the last axis (size `headDim`): [a, b] → [−b, a] (the "rotate half" RoPE convention). */
export function rotateHalf(g: GraphBuilder, x: string, headDim: number): string {
  const [first, second] = g.split(x, [headDim / 2, headDim / 2], -1);
  return g.concat([g.neg(second), first], -1);
}
