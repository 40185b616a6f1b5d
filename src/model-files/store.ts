/**
 * Where downloaded model files are kept. The browser implementation (cache-store.ts) uses Cache Storage
 * for the bytes and IndexedDB for the bookkeeping; tests use the in-memory one. Keeping this interface
 * small lets the download/verify logic be tested in Node.
 */
import { concatBytes } from './bytes';

export interface CachedFileInfo {
  modelId: string;
  file: string;
  size: number;
  sha256?: string;
  /** ISO timestamp. */
  cachedAt: string;
  /** The model's name as the user typed it (on its config.json row). */
  name?: string;
}

export interface ModelFileStore {
  /** The bytes of a completely cached file, or undefined. */
  read(modelId: string, file: string): Promise<Uint8Array | undefined>;
  write(info: CachedFileInfo, bytes: Uint8Array): Promise<void>;
  list(): Promise<CachedFileInfo[]>;
  /** Removes every file of a model, partial downloads included. */
  remove(modelId: string): Promise<void>;
  /** The saved first bytes of an interrupted download of `file`, or undefined. */
  readPartial(modelId: string, file: string): Promise<Uint8Array | undefined>;
  /** Saves the next stretch of an interrupted download at `offset`; offset 0 replaces what was saved. */
  savePartial(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void>;
  removePartial(modelId: string, file: string): Promise<void>;
  /** Gives a cached model the user's name ('' for the default); false when its config.json is not cached. */
  rename(modelId: string, name: string): Promise<boolean>;
  /** sha256 of the first good download of `file` on this device; kept when the model is deleted. */
  firstSha256(modelId: string, file: string): Promise<string | undefined>;
  rememberFirstSha256(modelId: string, file: string, sha256: string): Promise<void>;
}

/** Joins saved stretches ordered by offset, keeping only the run that is contiguous from byte 0. */
export function joinStretches(stretches: { offset: number; bytes: Uint8Array }[]): Uint8Array | undefined {
  const sorted = [...stretches].sort((a, b) => a.offset - b.offset);
  let size = 0;
  const used: Uint8Array[] = [];
  for (const s of sorted) {
    if (s.offset !== size) break;
    used.push(s.bytes);
    size += s.bytes.byteLength;
  }
  return size === 0 ? undefined : concatBytes(used, size);
}

export class MemoryModelFileStore implements ModelFileStore {
  private readonly files = new Map<string, { info: CachedFileInfo; bytes: Uint8Array }>();
  private readonly partials = new Map<string, { offset: number; bytes: Uint8Array }[]>();
  private readonly firstHashes = new Map<string, string>();

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
    for (const k of this.partials.keys()) if (k.startsWith(key(modelId, ''))) this.partials.delete(k);
  }

  async readPartial(modelId: string, file: string): Promise<Uint8Array | undefined> {
    return joinStretches(this.partials.get(key(modelId, file)) ?? []);
  }

  async savePartial(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const k = key(modelId, file);
    const kept = offset === 0 ? [] : (this.partials.get(k) ?? []);
    this.partials.set(k, [...kept, { offset, bytes: bytes.slice() }]);
  }

  async removePartial(modelId: string, file: string): Promise<void> {
    this.partials.delete(key(modelId, file));
  }

  async rename(modelId: string, name: string): Promise<boolean> {
    const config = this.files.get(key(modelId, 'config.json'));
    if (config) config.info = { ...config.info, name: name.trim() || undefined };
    return config !== undefined;
  }

  async firstSha256(modelId: string, file: string): Promise<string | undefined> {
    return this.firstHashes.get(key(modelId, file));
  }

  async rememberFirstSha256(modelId: string, file: string, sha256: string): Promise<void> {
    this.firstHashes.set(key(modelId, file), sha256);
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
  /** config.json and a weights file are both cached: the model can be loaded (else a download was cut short). */
  complete: boolean;
  /** The name the user gave it, if any. */
  userName?: string;
}

/** Cached files grouped by model, largest first. */
export function groupByModel(files: CachedFileInfo[]): CachedModel[] {
  const models = new Map<string, CachedModel>();
  for (const file of files) {
    const model = models.get(file.modelId) ?? { modelId: file.modelId, files: [], size: 0, cachedAt: file.cachedAt, complete: false };
    model.files.push(file);
    model.size += file.size;
    if (file.cachedAt > model.cachedAt) model.cachedAt = file.cachedAt;
    if (file.name) model.userName = file.name;
    models.set(file.modelId, model);
  }
  for (const model of models.values()) {
    const names = model.files.map((f) => f.file);
    model.complete = names.includes('config.json') && names.some((n) => /\.(safetensors|onnx)$/.test(n));
  }
  return [...models.values()].sort((a, b) => b.size - a.size);
}
