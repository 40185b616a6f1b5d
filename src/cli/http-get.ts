/**
 * The Node shell's {@link HttpGet} for the providers: one GET with the global `fetch`. A request that gets no
 * reply (DNS, refused connection, TLS, timeout) becomes a TransportError `offline`; its message names the
 * cause but never the URL, which may hold a key.
 */
import { TransportError, type HttpGet } from '../core/providers/types';

/** A reply slower than this counts as no reply. */
const TIMEOUT_MS = 60_000;

export const nodeHttpGet: HttpGet = async (request, signal) => {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(request.url, {
      headers: { 'user-agent': 'quant-lens-cli (+https://github.com/)', ...request.headers },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = timeout.aborted ? `no reply within ${TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new TransportError('offline', `no reply from ${new URL(request.url).host} (${why})`);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  return { status: response.status, body: await response.text(), headers };
};
