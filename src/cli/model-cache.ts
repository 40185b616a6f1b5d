/**
 * The CLI's model cache: downloaded model files kept in a directory (default ~/.cache/quant-lens/models,
 * next to the forecast store; `--model-cache DIR`), so a catalog model is downloaded once, not on every run.
 * It is the Node twin of the browser's cache-store.ts behind the same ModelFileStore interface, so the
 * download, resume and verification stay fetch-model.ts's. Layout, one directory per model:
 *   <dir>/<model>/files/<file>        the bytes of a complete file
 *   <dir>/<model>/info/<file>.json    its CachedFileInfo (size, sha256); a file counts as cached only with both
 *   <dir>/<model>/partial/<file>      the first bytes of an interrupted download (resumed from)
 *   <dir>/first-sha256/<model>/<file> the first good download's sha256, kept when the model is removed
 * Every write goes to a temporary file renamed into place, so a run killed mid-write never leaves a torn file.
 * Directories are made on the first write: a run that only uses a local checkpoint creates nothing.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CachedFileInfo, ModelFileStore } from '../model-files/store';
import { defaultCacheDirectory } from './forecast-cache';

/** `<cache home>/quant-lens/models`: beside the forecast store, under the same XDG_CACHE_HOME rule. */
export function defaultModelCacheDirectory(): string {
  return join(dirname(defaultCacheDirectory()), 'models');
}

export class DirectoryModelFileStore implements ModelFileStore {
  /**
   * `onDamaged` hears of a cached file whose bytes no longer have the sha256 recorded when it was written
   * (disk damage, an edit): it is deleted and read as missing, so it is downloaded again.
   */
  constructor(readonly directory: string, private readonly onDamaged: (message: string) => void = () => {}) {}

  async read(modelId: string, file: string): Promise<Uint8Array | undefined> {
    const info = this.info(modelId, file);
    const bytes = info && readIfThere(this.path(modelId, 'files', file));
    if (!info || !bytes) return undefined;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.byteLength === info.size && (!info.sha256 || sha256 === info.sha256)) return bytes;
    this.onDamaged(`the cached ${file} of ${modelId} is damaged (${bytes.byteLength} bytes, sha256 ${sha256.slice(0, 12)}...; ` +
      `written as ${info.size} bytes, sha256 ${info.sha256?.slice(0, 12)}...): deleted, it is downloaded again`);
    rmSync(this.path(modelId, 'info', file, '.json'), { force: true });
    rmSync(this.path(modelId, 'files', file), { force: true });
    return undefined;
  }

  async write(info: CachedFileInfo, bytes: Uint8Array): Promise<void> {
    // The old info goes first: between the two renames the file is not listed, never listed with other bytes.
    rmSync(this.path(info.modelId, 'info', info.file, '.json'), { force: true });
    writeAtomically(this.path(info.modelId, 'files', info.file), bytes);
    writeAtomically(this.path(info.modelId, 'info', info.file, '.json'), JSON.stringify(info));
  }

  async list(): Promise<CachedFileInfo[]> {
    return listDirectory(this.directory).filter((name) => name !== FIRST_SHA256).flatMap((model) =>
      listDirectory(join(this.directory, model, 'info')).flatMap((name) => {
        const info = readJson<CachedFileInfo>(join(this.directory, model, 'info', name));
        return info ? [info] : [];
      }));
  }

  async remove(modelId: string): Promise<void> {
    rmSync(join(this.directory, modelDirectory(modelId)), { recursive: true, force: true });
  }

  async readPartial(modelId: string, file: string): Promise<Uint8Array | undefined> {
    const bytes = readIfThere(this.path(modelId, 'partial', file));
    return bytes?.byteLength ? bytes : undefined;
  }

  /**
   * Offset 0 starts the file over; a stretch that continues the saved bytes is appended. Any other offset
   * would leave a gap or an overlap, so it is not saved (as joinStretches keeps only the run from byte 0).
   */
  async savePartial(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const path = this.path(modelId, 'partial', file);
    if (offset === 0) return writeAtomically(path, bytes);
    if (offset === (statSync(path, { throwIfNoEntry: false })?.size ?? 0)) appendFileSync(path, bytes);
  }

  async removePartial(modelId: string, file: string): Promise<void> {
    rmSync(this.path(modelId, 'partial', file), { force: true });
  }

  async rename(modelId: string, name: string): Promise<boolean> {
    const info = this.info(modelId, 'config.json');
    if (info) writeAtomically(this.path(modelId, 'info', 'config.json', '.json'), JSON.stringify({ ...info, name: name.trim() || undefined }));
    return info !== undefined;
  }

  async firstSha256(modelId: string, file: string): Promise<string | undefined> {
    const bytes = readIfThere(join(this.directory, FIRST_SHA256, modelDirectory(modelId), safeFileName(file)));
    return bytes && new TextDecoder().decode(bytes).trim();
  }

  async rememberFirstSha256(modelId: string, file: string, sha256: string): Promise<void> {
    writeAtomically(join(this.directory, FIRST_SHA256, modelDirectory(modelId), safeFileName(file)), sha256);
  }

  private info(modelId: string, file: string): CachedFileInfo | undefined {
    return readJson<CachedFileInfo>(this.path(modelId, 'info', file, '.json'));
  }

  private path(modelId: string, part: 'files' | 'info' | 'partial', file: string, suffix = ''): string {
    return join(this.directory, modelDirectory(modelId), part, safeFileName(file) + suffix);
  }
}

const FIRST_SHA256 = 'first-sha256';

/**
 * A model's directory: its id made file-name safe (readable in `ls`: amazon_chronos-2) plus a hash of the
 * exact id, so ids that read alike (a URL and its query) never share a directory.
 */
function modelDirectory(modelId: string): string {
  const readable = modelId.replace(/^[a-z]+:\/*/i, '').replace(/[^\w.-]+/g, '_').slice(0, 80);
  return `${readable}-${createHash('sha256').update(modelId).digest('hex').slice(0, 12)}`;
}

/** Model file names are plain (config.json, model.safetensors); anything else could leave the directory. */
function safeFileName(file: string): string {
  if (!/^[\w-][\w.-]*$/.test(file)) throw new Error(`"${file}" is not a plain model file name`);
  return file;
}

function writeAtomically(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

function readIfThere(path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function readJson<T>(path: string): T | undefined {
  const bytes = readIfThere(path);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined; // unreadable bookkeeping: the file counts as not cached and is downloaded again
  }
}

function listDirectory(path: string): string[] {
  try {
    return readdirSync(path).filter((name) => !name.endsWith('.tmp'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
