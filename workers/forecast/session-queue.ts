/**
 * onnxruntime-web keeps the external weights of a session being created in ONE module-wide slot
 * (`Module.MountedFiles`) and empties that slot when ANY `InferenceSession.create` ends. Two creates
 * at once (an evaluation loading Chronos-2 and Bolt together, a speed probe during a forecast) can
 * therefore lose each other's weights and fail with "Module.MountedFiles is not available".
 * `oneSessionAtATime` gives the same module with creates that wait for each other.
 */
import type { Ort } from '../../src/core/forecast/model-loader';

export function oneSessionAtATime(ort: Ort): Ort {
  let previous: Promise<unknown> = Promise.resolve();
  const create = ((...args: Parameters<Ort['InferenceSession']['create']>) => {
    const next = previous.then(() => (ort.InferenceSession.create as (...a: unknown[]) => Promise<unknown>)(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as Ort['InferenceSession']['create'];
  // The other statics stay reachable through the prototype.
  const InferenceSession = Object.create(ort.InferenceSession, { create: { value: create } }) as Ort['InferenceSession'];
  return { ...ort, InferenceSession };
}
