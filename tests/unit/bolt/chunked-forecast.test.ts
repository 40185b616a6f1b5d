import { describe, expect, it } from 'vitest';
import { forecastInChunks, lastObserved } from '../../../src/core/forecast/chunked-forecast';

describe('forecastInChunks (shared by the model-backed forecasters)', () => {
  it('calls the model per chunk, reports progress per chunk and summarises against the last observed price', async () => {
    const chunks: number[] = [];
    const starts: number[] = [];
    const progress: number[] = [];
    const requests = [10, 20, 30, 40, 50].map((last) => ({ target: Float64Array.from([1, last, NaN]) }));
    // levels 0.1 / 0.5 / 0.9, horizon 2: quantiles = last price · (0.9, 1.1 | 1, 1.2 | 1.1, 1.3)
    const forecasts = await forecastInChunks(requests, { horizon: 2, onProgress: (e) => e.status === 'progress' && progress.push(e.done) }, [0.1, 0.5, 0.9], 2, async (chunk, _horizon, _signal, start) => {
      chunks.push(chunk.length);
      starts.push(start);
      return chunk.map((r) => [0.9, 1.1, 1, 1.2, 1.1, 1.3].map((f) => f * r.target[1]));
    });
    expect(chunks).toEqual([2, 2, 1]);
    expect(starts).toEqual([0, 2, 4]); // index of each chunk's first request
    expect(progress).toEqual([2, 4, 5]);
    expect(forecasts.map((f) => f.median[1])).toEqual([12, 24, 36, 48, 60]);
    forecasts.forEach((f) => expect(f.expectedReturn).toBeCloseTo(0.2, 12));
  });

  it('rejects a bad horizon and a series without observations before any model call', async () => {
    const never = async () => {
      throw new Error('model must not be called');
    };
    await expect(forecastInChunks([{ target: Float64Array.from([1]) }], { horizon: 0 }, [0.5], 4, never)).rejects.toThrow(/horizon must be a positive integer/);
    await expect(forecastInChunks([{ target: Float64Array.from([1]) }, { target: Float64Array.from([NaN]) }], { horizon: 1 }, [0.5], 4, never)).rejects.toThrow(
      /series 1 has no observed values/,
    );
    expect(lastObserved(Float64Array.from([3, 4, NaN, Infinity]))).toBe(4);
  });
});
