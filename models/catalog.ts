/**
 * The model catalog (catalog.json) and the other places a model can come from: any Hugging Face repo,
 * a URL prefix (a self-hosted copy), or files picked from disk. Everything resolves to the same shape:
 * a cache id plus the list of files with where to fetch them and what to verify.
 */
import catalogJson from './catalog.json';

export type ModelKind = 'chronos-2' | 'chronos-bolt';

export interface ModelFileSpec {
  name: string;
  /** Bytes; null when unknown (then the server's Content-Length is checked). */
  size: number | null;
  /** False when `size` is rounded (e.g. "34.6 MB" from a web page): the size check then uses Content-Length. */
  sizeExact?: boolean;
  sha256: string | null;
}

export interface CatalogModel {
  id: string;
  label: string;
  kind: ModelKind;
  parameters: number;
  repo: string;
  revision: string;
  revisionNote?: string;
  license: string;
  /** For display before download only; the code reads the levels from config.json. */
  quantileLevels: number[] | null;
  quantileNote?: string;
  files: ModelFileSpec[];
}

export const catalog: CatalogModel[] = catalogJson.models as CatalogModel[];

export type ModelSource =
  | { type: 'catalog'; id: string }
  | { type: 'huggingface'; repo: string; revision?: string }
  | { type: 'url'; prefix: string; weightsFile?: string };

export interface RemoteFile extends ModelFileSpec {
  url: string;
}

export interface ResolvedModel {
  /** Cache key of the model's files. */
  id: string;
  label: string;
  kind?: ModelKind;
  license?: string;
  parameters?: number;
  quantileLevels?: number[] | null;
  files: RemoteFile[];
}

const HF_REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const WEIGHT_FILE = /^[\w.-]+\.(safetensors|onnx)$/;

export function huggingFaceUrl(repo: string, revision: string, file: string): string {
  return `https://huggingface.co/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
}

/** Where each file comes from; `base` resolves relative URL prefixes (the page's URL in the app). */
export function resolveSource(source: ModelSource, base?: string): ResolvedModel {
  switch (source.type) {
    case 'catalog': {
      const entry = catalog.find((m) => m.id === source.id);
      if (!entry) throw new Error(`unknown catalog model "${source.id}" (known: ${catalog.map((m) => m.id).join(', ')})`);
      return {
        id: entry.id,
        label: entry.label,
        kind: entry.kind,
        license: entry.license,
        parameters: entry.parameters,
        quantileLevels: entry.quantileLevels,
        files: entry.files.map((f) => ({ ...f, url: huggingFaceUrl(entry.repo, entry.revision, f.name) })),
      };
    }
    case 'huggingface': {
      const repo = source.repo.trim();
      if (!HF_REPO.test(repo)) throw new Error(`"${source.repo}" is not a Hugging Face repo id (expected owner/name, e.g. amazon/chronos-2)`);
      const revision = source.revision?.trim() || 'main';
      return {
        id: `hf:${repo}@${revision}`,
        label: `${repo} (${revision})`,
        files: unknownFiles('model.safetensors').map((f) => ({ ...f, url: huggingFaceUrl(repo, revision, f.name) })),
      };
    }
    case 'url': {
      const weights = source.weightsFile ?? 'model.safetensors';
      if (!WEIGHT_FILE.test(weights)) throw new Error(`weights file "${weights}" must be a .safetensors or .onnx file name`);
      let prefix: URL;
      try {
        prefix = new URL(source.prefix.endsWith('/') ? source.prefix : `${source.prefix}/`, base);
      } catch {
        throw new Error(`"${source.prefix}" is not a valid URL prefix (e.g. https://example.org/models/chronos-2/)`);
      }
      return {
        id: `url:${prefix.href}${weights === 'model.safetensors' ? '' : `#${weights}`}`,
        label: prefix.href,
        files: unknownFiles(weights).map((f) => ({ ...f, url: new URL(f.name, prefix).href })),
      };
    }
  }
}

function unknownFiles(weights: string): ModelFileSpec[] {
  return [
    { name: 'config.json', size: null, sha256: null },
    { name: weights, size: null, sha256: null },
  ];
}

/** Total download size in bytes (rounded sizes included; unknown sizes count as 0). */
export function downloadSize(model: ResolvedModel): number {
  return model.files.reduce((sum, f) => sum + (f.size ?? 0), 0);
}
