/**
 * The name a user sees for a forecasting model, instead of its cache id (`url:http://...`,
 * `local:model.safetensors-1206126`). In order of preference: the name the user gave it, the
 * catalog label, the Hugging Face repo id, the family and size read from config.json (parameters
 * from the weights' byte size and dtype), and last the file or folder it came from.
 */
import { catalog } from '../../models/catalog';

export interface ModelNameFacts {
  modelId: string;
  /** config.json, when cached. */
  config?: Record<string, unknown>;
  /** Byte size of the cached .safetensors weights. */
  weightsBytes?: number;
  /** The name the user typed (kept with the model's files). */
  userName?: string;
}

const BYTES_PER_PARAMETER: Record<string, number> = { float32: 4, float16: 2, bfloat16: 2 };

/** "Chronos-2" or "Chronos-Bolt" from config.json's pipeline class or architecture; undefined otherwise. */
export function modelFamily(config: Record<string, unknown>): string | undefined {
  const kind = String(config.chronos_pipeline_class ?? (config.architectures as string[] | undefined)?.[0] ?? '');
  if (/bolt/i.test(kind)) return 'Chronos-Bolt';
  if (/chronos-?2/i.test(kind)) return 'Chronos-2';
  return undefined;
}

/** 0.3M, 9M, 120M, 1.2B. */
export function formatParameterCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e7) return `${Math.round(count / 1e6)}M`;
  return `${Number((count / 1e6).toFixed(1))}M`;
}

function familyAndSize(config: Record<string, unknown>, weightsBytes?: number): string | undefined {
  const family = modelFamily(config);
  if (!family) return undefined;
  const bytesPerParameter = BYTES_PER_PARAMETER[String(config.torch_dtype ?? 'float32')];
  return weightsBytes && bytesPerParameter ? `${family} ${formatParameterCount(weightsBytes / bytesPerParameter)}` : family;
}

/** The last folder of a URL prefix, with its host: "chronos-bolt on models.example.org". */
function placeOfUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const folder = parsed.pathname.split('/').filter(Boolean).at(-1);
    return folder ? `${folder} on ${parsed.host}` : parsed.host;
  } catch {
    return url;
  }
}

export function readableModelName({ modelId, config, weightsBytes, userName }: ModelNameFacts): string {
  if (userName?.trim()) return userName.trim();
  const listed = catalog.find((m) => m.id === modelId);
  if (listed) return listed.label;
  const hf = /^hf:(.+)@(.+)$/.exec(modelId);
  if (hf) return hf[2] === 'main' ? hf[1] : `${hf[1]} @ ${hf[2]}`;
  const fromConfig = config ? familyAndSize(config, weightsBytes) : undefined;
  if (modelId.startsWith('url:')) return fromConfig ? `${fromConfig} (${placeOfUrl(modelId.slice(4))})` : placeOfUrl(modelId.slice(4));
  if (modelId.startsWith('local:')) return fromConfig ? `${fromConfig} (local files)` : `Local model (${modelId.slice(6).replace(/-\d+$/, '')})`;
  return fromConfig ?? modelId;
}
