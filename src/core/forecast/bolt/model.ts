import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { WeightSource } from '../../onnx/nn-blocks';
import { assertFiniteOutput } from '../model-file-error';
import type { BoltConfig } from './config';
import { BOLT_INPUTS, BOLT_OUTPUTS, buildBoltGraph } from './graph';
import type { BoltEmbedding, BoltForward } from './pipeline';
import { relativePositionBucketMatrix } from './position-buckets';
import { type BoltEncoderInput, denormalize, prepareEncoderInput } from './preprocess';

/** onnxruntime-web is injected so the same model runs in Node, in the worker, on WASM or WebGPU. */
export type Ort = typeof import('onnxruntime-web');

export interface BoltModelOutput {
  /** [batch, Q, H], de-normalised. */
  quantilePreds: Float32Array;
  /** [batch, Q, H], the output head before · scale + loc. */
  normalized: Float32Array;
  loc: Float32Array;
  scale: Float32Array;
  numPatches: number;
}

export interface BoltModelOptions {
  sessionOptions?: InferenceSession.SessionOptions;
  /** Build the graph with every intermediate as an output (tests, diagnostics); slower. */
  debug?: boolean;
}

/** ChronosBoltModelForForecasting: TypeScript pre/post-processing around one onnxruntime session. */
export class ChronosBoltModel implements BoltForward {
  private readonly buckets = new Map<number, Tensor>();

  private constructor(
    readonly config: BoltConfig,
    private readonly ort: Ort,
    private readonly session: InferenceSession,
  ) {}

  static async create(ort: Ort, config: BoltConfig, weights: WeightSource, options: BoltModelOptions = {}): Promise<ChronosBoltModel> {
    return ChronosBoltModel.fromGraph(ort, config, buildBoltGraph(config, weights, { debug: options.debug }), options);
  }

  /** A graph built earlier or exported elsewhere, with the inputs and outputs of graph.ts. */
  static async fromGraph(ort: Ort, config: BoltConfig, graph: Uint8Array, options: BoltModelOptions = {}): Promise<ChronosBoltModel> {
    const session = await ort.InferenceSession.create(graph, { executionProviders: ['wasm'], ...options.sessionOptions });
    const missing = Object.values(BOLT_INPUTS).filter((name) => !session.inputNames.includes(name));
    if (missing.length) throw new Error(`Chronos-Bolt graph lacks input(s) ${missing.join(', ')}`);
    return new ChronosBoltModel(config, ort, session);
  }

  /** `model(context, mask)` on a row-major [batch, length] context (NaN = missing). */
  async forward(context: Float32Array, batch: number, length: number, mask?: Float32Array): Promise<BoltModelOutput> {
    const input = prepareEncoderInput(this.config, context, batch, length, mask);
    const out = await this.run(input, [BOLT_OUTPUTS.quantiles]);
    const normalized = out[BOLT_OUTPUTS.quantiles].data as Float32Array;
    const quantilePreds = denormalize(normalized, input.loc, input.scale);
    assertFiniteOutput(quantilePreds, 'Chronos-Bolt');
    return {
      quantilePreds,
      normalized,
      loc: input.loc,
      scale: input.scale,
      numPatches: input.numPatches,
    };
  }

  async predict(context: Float32Array, batch: number, length: number): Promise<Float32Array> {
    return (await this.forward(context, batch, length)).quantilePreds;
  }

  async embed(context: Float32Array, batch: number, length: number): Promise<BoltEmbedding> {
    const input = prepareEncoderInput(this.config, context, batch, length);
    const out = await this.run(input, [BOLT_OUTPUTS.encoder]);
    return { embeddings: out[BOLT_OUTPUTS.encoder].data as Float32Array, positions: input.numPatches + 1, loc: input.loc, scale: input.scale };
  }

  /** Every graph output (with `debug`, the intermediates too) for one call. */
  async debugForward(context: Float32Array, batch: number, length: number, mask?: Float32Array): Promise<Record<string, Float32Array>> {
    const input = prepareEncoderInput(this.config, context, batch, length, mask);
    const out = await this.run(input, [...this.session.outputNames]);
    return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, t.data as Float32Array]));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }

  private async run(input: BoltEncoderInput, fetches: string[]): Promise<InferenceSession.ReturnType> {
    const { batch, numPatches } = input;
    const positions = numPatches + 1;
    const { Tensor } = this.ort;
    const feeds = {
      [BOLT_INPUTS.patches]: new Tensor('float32', input.patches, [batch, numPatches, 2 * this.config.patchSize]),
      [BOLT_INPUTS.flags]: new Tensor('float32', input.attentionFlags, [batch, positions]),
      [BOLT_INPUTS.buckets]: this.bucketTensor(positions),
    };
    return this.session.run(feeds, fetches);
  }

  /** The bucket matrix depends only on the number of positions; build it once per size. */
  private bucketTensor(positions: number): Tensor {
    let tensor = this.buckets.get(positions);
    if (!tensor) {
      const { relativeBuckets, relativeMaxDistance } = this.config;
      tensor = new this.ort.Tensor('int64', relativePositionBucketMatrix(positions, relativeBuckets, relativeMaxDistance), [positions, positions]);
      this.buckets.set(positions, tensor);
    }
    return tensor;
  }
}
