/**
 * Where downloaded model files are kept. The browser implementation (cache-store.ts) uses Cache Storage
 * for the bytes and IndexedDB for the bookkeeping; tests use the in-memory one. Keeping this interface
 * small lets the download/verify logic be tested in Node.
 */
export interface CachedFileInfo {
  modelId: string;
  file: string;
  size: number;
  sha256?: string;
  /** ISO timestamp. */
  cachedAt: string;
}

export interface ModelFileStore {
  /** The bytes of a completely cached file, or undefined. */
  read(modelId: string, file: string): Promise<Uint8Array | undefined>;
  write(info: CachedFileInfo, bytes: Uint8Array): Promise<void>;
  list(): Promise<CachedFileInfo[]>;
  /** Removes every file of a model. */
  remove(modelId: string): Promise<void>;
}

export class MemoryModelFileStore implements ModelFileStore {
  private readonly files = new Map<string, { info: CachedFileInfo; bytes: Uint8Array }>();

  async read(modelId: string, file: string): Promise<Uint8Array | undefined> {
    return this.files.get(key(modelId, file))?.bytes;
  }

  async write(info: CachedFileInfo, bytes: Uint8Array): Promise<void> {
    this.files.set(key(info.modelId, info.file), { info, bytes });
  }

  async list(): Promise<CachedFileInfo[]> {
    return [...this.files.values()].map((f) => f.info);
  }

  async remove(modelId: string): Promise<void> {
    for (const [k, f] of this.files) if (f.info.modelId === modelId) this.files.delete(k);
  }
}

function key(modelId: string, file: string): string {
  return `${modelId}\u0000${file}`;
}

export interface CachedModel {
  modelId: string;
  files: CachedFileInfo[];
  /** Bytes of all its files. */
  size: number;
  cachedAt: string;
}

/** Cached files grouped by model, largest first. */
export function groupByModel(files: CachedFileInfo[]): CachedModel[] {
  const models = new Map<string, CachedModel>();
  for (const file of files) {
    const model = models.get(file.modelId) ?? { modelId: file.modelId, files: [], size: 0, cachedAt: file.cachedAt };
    model.files.push(file);
    model.size += file.size;
    if (file.cachedAt > model.cachedAt) model.cachedAt = file.cachedAt;
    models.set(file.modelId, model);
  }
  return [...models.values()].sort((a, b) => b.size - a.size);
}
