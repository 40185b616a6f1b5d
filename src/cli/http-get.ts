/**
 * The Node shell's {@link HttpGet} for the providers: one GET with the global `fetch`. A request that gets no
 * reply (DNS, refused connection, TLS, timeout), or whose reply stops before it is complete, becomes a
 * TransportError `offline`; its message names the cause but never the URL, which may hold a key.
 */
import { TransportError, type HttpGet } from '../core/providers/types';

/** A GET whose whole reply (headers and body) must arrive within `timeoutMs`. */
export function httpGetWithTimeout(timeoutMs: number): HttpGet {
  const seconds = `${timeoutMs / 1000} s`;
  return async (request, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const offline = (error: unknown, stage: string): TransportError => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = timeout.aborted ? `${stage}nothing within ${seconds}` : (cause?.code ?? cause?.message ?? (error as Error).message);
      return new TransportError('offline', `no reply from ${new URL(request.url).host} (${why})`);
    };
    let response: Response;
    try {
      response = await fetch(request.url, {
        headers: { 'user-agent': 'quant-lens-cli (+https://github.com/)', ...request.headers },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw offline(error, '');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    try {
      return { status: response.status, body: await response.text(), headers };
    } catch (error) {
      if (signal?.aborted) throw error;
      // The same timeout bounds the body: a server that stops sending ends here instead of hanging.
      throw offline(error, 'the reply stopped: ');
    }
  };
}

/** A reply slower than a minute counts as no reply. */
export const nodeHttpGet: HttpGet = httpGetWithTimeout(60_000);
