/**
 * Downloads one model file with progress, resuming after network errors with HTTP Range requests
 * (or restarting from zero when the server ignores ranges), cancellable, and verified (size, sha256)
 * before anyone sees the bytes. Works wherever `fetch` and `crypto.subtle` exist (browser, worker, Node).
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
    await options.onCheckpoint(checkpointed, concatBytes(unsaved, received - checkpointed));
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

  for (;;) {
    throwIfCancelled(signal);
    const receivedBefore = received;
    try {
      const response = await fetchImpl(url, { signal, headers: received > 0 ? { Range: `bytes=${received}-` } : {}, cache: 'no-store' });
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
        const { done, value } = await reader.read();
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
    } catch (error) {
      await checkpoint().catch(() => undefined); // keep what arrived; saving is best effort here
      if (signal?.aborted) throw new CancelledError();
      if (error instanceof HttpError && !retryableStatus(error.status)) throw error;
      failures = received > receivedBefore ? 1 : failures + 1;
      if (failures > maxRetries) throw new Error(`${url}: download failed after ${maxRetries} retries: ${(error as Error).message}`, { cause: error });
      await sleep(retryDelayMs(failures), signal);
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
