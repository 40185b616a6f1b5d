/**
 * Downloads one model file with progress, resuming after network errors with HTTP Range requests
 * (or restarting from zero when the server ignores ranges), cancellable, and verified (size, sha256)
 * before anyone sees the bytes. Works wherever `fetch` and `crypto.subtle` exist (browser, worker, Node).
 * A server that sends no headers, or stops sending bytes, is timed out and the download resumes; a full
 * disk (QuotaExceededError while saving) is not a network error: it stops at once with StorageFullError.
 * With `onCheckpoint` the bytes received so far are handed out in stretches as they arrive (and when the
 * download stops early), so a later attempt, even after a page reload, can continue with `resumeFrom`.
 */
import { CancelledError, throwIfCancelled, type JobOptions } from '../core/jobs/progress';
import { concatBytes } from './bytes';
import { sha256Hex } from './sha256';
import { TransferMeter, type TransferStats } from './transfer-meter';

export interface DownloadOptions extends JobOptions {
  /** Expected size in bytes (null/undefined: unknown). */
  expectedSize?: number | null;
  /** False when `expectedSize` is rounded (3 significant digits): then it is only a sanity check within 0.5%. */
  sizeExact?: boolean;
  /** Lowercase hex sha256 the bytes must have (null/undefined: not known, size check only). */
  sha256?: string | null;
  /** Retries after network errors without progress before giving up. */
  maxRetries?: number;
  /** Milliseconds to wait before retry number `attempt` (1-based). */
  retryDelayMs?: (attempt: number) => number;
  /** Detailed byte progress (speed, time left) for the progress bar. */
  onTransfer?: (stats: TransferStats) => void;
  fetchImpl?: typeof fetch;
  /** The first bytes of the file from an earlier attempt: the download continues after them. */
  resumeFrom?: Uint8Array;
  /** Receives each new stretch of bytes to save, with its offset; offset 0 means "start over". */
  onCheckpoint?: (offset: number, bytes: Uint8Array) => Promise<void>;
  /** Bytes between checkpoints (default 16 MiB). */
  checkpointBytes?: number;
  /** Milliseconds to wait for the response headers before giving up on the attempt (default 30 s). */
  headersTimeoutMs?: number;
  /** Milliseconds without a single body byte before giving up on the attempt (default 30 s). */
  stallTimeoutMs?: number;
}

export interface DownloadedFile {
  bytes: Uint8Array;
  sha256: string;
  /** Times the transfer resumed with a Range request / restarted from zero after an error. */
  resumes: number;
  restarts: number;
}

/** The server answered with an error status that retrying will not fix (404, 403...). */
export class HttpError extends Error {
  constructor(readonly url: string, readonly status: number) {
    super(`${url}: the server answered HTTP ${status}${status === 404 ? ' (file not found: check the repo id, revision or URL prefix)' : ''}`);
    this.name = 'HttpError';
  }
}

/** The downloaded bytes are not the expected file (size or sha256 differ). Nothing is kept. */
export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** The server stopped answering (no headers, or no bytes) for longer than the timeout; retried with resume. */
export class StalledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StalledError';
  }
}

/** Network errors (or stalls) went on past the retry budget. */
export class NetworkError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The browser refused to store more (QuotaExceededError). Retrying cannot help: the user must free space. */
export class StorageFullError extends Error {
  constructor(detail: string, options?: ErrorOptions) {
    super(
      `storage is full: the browser refused to keep more model data (${detail}). Free space in Settings -> cached models (delete models you no longer use), or delete this site's data in the browser's settings, then download again`,
      options,
    );
    this.name = 'StorageFullError';
  }
}

/**
 * What went wrong with a download, for the UI to word and style (errors lose their class crossing a
 * worker boundary, but keep their `name`, which this reads).
 */
export type DownloadErrorKind = 'http' | 'integrity' | 'stalled' | 'network' | 'storage-full' | 'invalid-model' | 'cancelled' | 'other';

const KIND_BY_NAME: Record<string, DownloadErrorKind> = {
  HttpError: 'http',
  IntegrityError: 'integrity',
  StalledError: 'stalled',
  NetworkError: 'network',
  StorageFullError: 'storage-full',
  ModelFileError: 'invalid-model',
  CancelledError: 'cancelled',
};

export function downloadErrorKind(error: unknown): DownloadErrorKind {
  return (error instanceof Object && KIND_BY_NAME[(error as { name?: string }).name ?? '']) || 'other';
}

/** Cache Storage / IndexedDB / OPFS say "full" with a DOMException named QuotaExceededError (legacy code 22). */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; code?: number } | null;
  return !!e && (e.name === 'QuotaExceededError' || e.code === 22 || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}

/** Runs a store write, turning a quota refusal into StorageFullError. */
export async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError((error as Error).name ?? 'QuotaExceededError', { cause: error });
    throw error;
  }
}

export async function downloadFile(url: string, options: DownloadOptions = {}): Promise<DownloadedFile> {
  const { signal, maxRetries = 5, retryDelayMs = (attempt) => Math.min(8000, 500 * 2 ** (attempt - 1)) } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const checkpointBytes = options.checkpointBytes ?? 16 * 2 ** 20;
  let chunks: Uint8Array[] = options.resumeFrom?.byteLength ? [options.resumeFrom] : [];
  let received = options.resumeFrom?.byteLength ?? 0;
  let total = options.sizeExact && options.expectedSize ? options.expectedSize : undefined;
  let failures = 0;
  let resumes = 0;
  let restarts = 0;
  const meter = new TransferMeter();
  // Bytes handed to onCheckpoint so far; the chunks after them are not saved yet.
  let checkpointed = received;
  let unsaved: Uint8Array[] = [];
  const checkpoint = async (): Promise<void> => {
    if (!options.onCheckpoint || received === checkpointed) return;
    const save = options.onCheckpoint;
    await storing(() => save(checkpointed, concatBytes(unsaved, received - checkpointed)));
    checkpointed = received;
    unsaved = [];
  };
  const startOver = (): void => {
    chunks = [];
    unsaved = [];
    received = 0;
    checkpointed = 0;
    restarts++;
  };

  const headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
  const stallTimeoutMs = options.stallTimeoutMs ?? 30_000;

  for (;;) {
    throwIfCancelled(signal);
    const receivedBefore = received;
    // One controller per attempt: the user's cancel and our stall timer both abort it.
    const attempt = new AbortController();
    const forwardCancel = () => attempt.abort();
    signal?.addEventListener('abort', forwardCancel, { once: true });
    const watchdog = new Watchdog(() => attempt.abort());
    try {
      watchdog.arm(headersTimeoutMs, `no response from the server within ${headersTimeoutMs / 1000} s`);
      const response = await fetchImpl(url, { signal: attempt.signal, headers: received > 0 ? { Range: `bytes=${received}-` } : {}, cache: 'no-store' });
      if (received > 0 && response.status === 416) {
        if (total === received) break;
        // Nothing after our bytes: saved bytes from an earlier attempt are the whole file (or stale).
        startOver();
        continue;
      }
      if (!response.ok) throw new HttpError(url, response.status);
      if (received > 0) {
        if (response.status === 206 && rangeStart(response) === received) resumes++;
        else startOver(); // the server ignored the range (200) or answered another one
      }
      total = totalSize(response, received) ?? total;
      if (!response.body) throw new Error(`${url}: empty response body`);
      const reader = response.body.getReader();
      for (;;) {
        watchdog.arm(stallTimeoutMs, `no data from the server for ${stallTimeoutMs / 1000} s (after ${received} bytes)`);
        const { done, value } = await reader.read();
        watchdog.disarm(); // saving a checkpoint below is not the server's time
        if (done) break;
        chunks.push(value);
        unsaved.push(value);
        received += value.byteLength;
        if (received - checkpointed >= checkpointBytes) await checkpoint();
        const stats = meter.sample(received, total);
        options.onTransfer?.(stats);
        options.onProgress?.({ status: 'progress', done: received, total, unit: 'bytes' });
      }
      if (total !== undefined && received < total) throw new Error(`connection closed after ${received} of ${total} bytes`);
      break;
    } catch (caught) {
      const error = watchdog.expired ? new StalledError(`${url}: ${watchdog.expired}`) : caught;
      if (error instanceof StorageFullError) throw error;
      await checkpoint().catch(() => undefined); // keep what arrived; saving is best effort here
      if (signal?.aborted) throw new CancelledError();
      if (error instanceof HttpError && !retryableStatus(error.status)) throw error;
      failures = received > receivedBefore ? 1 : failures + 1;
      if (failures > maxRetries) throw new NetworkError(`${url}: download failed after ${maxRetries} retries: ${(error as Error).message}`, { cause: error });
      await sleep(retryDelayMs(failures), signal);
    } finally {
      watchdog.disarm();
      signal?.removeEventListener('abort', forwardCancel);
    }
  }

  const bytes = concatBytes(chunks, received);
  checkSize(url, bytes.byteLength, total, options);
  const sha256 = await sha256Hex(bytes);
  if (options.sha256 && options.sha256.toLowerCase() !== sha256) {
    throw new IntegrityError(`${url}: sha256 is ${sha256}, expected ${options.sha256.toLowerCase()}; the file was not kept`);
  }
  return { bytes, sha256, resumes, restarts };
}

function checkSize(url: string, size: number, total: number | undefined, options: DownloadOptions): void {
  const expected = options.expectedSize;
  if (total !== undefined && size !== total) throw new IntegrityError(`${url}: received ${size} bytes, the server announced ${total}`);
  if (expected == null) return;
  const tolerance = options.sizeExact ? 0 : expected * 0.005;
  if (Math.abs(size - expected) > tolerance) {
    throw new IntegrityError(`${url}: received ${size} bytes, expected ${options.sizeExact ? '' : 'about '}${expected}; the file was not kept`);
  }
}

/** Start offset of a 206 response ("bytes 100-999/1000"). */
function rangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('Content-Range') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Whole-file size from Content-Range (206) or Content-Length (200, uncompressed). */
function totalSize(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('Content-Range') ?? '');
  if (range) return Number(range[1]);
  const length = response.headers.get('Content-Length');
  // A compressed body's length is not the file's size.
  if (length === null || response.headers.get('Content-Encoding')) return undefined;
  return Number(length) + (response.status === 206 ? offset : 0);
}

/** Aborts an attempt when armed and not re-armed in time; remembers why. */
class Watchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  expired: string | undefined;

  constructor(private readonly onExpire: () => void) {}

  arm(ms: number, reason: string): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.expired = reason;
      this.onExpire();
    }, ms);
  }

  disarm(): void {
    clearTimeout(this.timer);
  }
}

function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new CancelledError());
    }, { once: true });
  });
}
