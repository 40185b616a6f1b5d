/**
 * The browser's HttpGet for the provider driver: `fetch`, through the user's CORS proxy prefix when one is
 * set. A request that gets no reply at all is told apart the only way a page can: `navigator.onLine` false
 * means offline; a TypeError while online means the browser refused the cross-origin reply (CORS) or the
 * host is unreachable, which for a provider that answers other clients is the CORS case.
 */
import { TransportError, type HttpGet, type HttpReply } from '../../src/core/providers';

/**
 * The provider URL as sent: appended to the proxy prefix, percent-encoded when the prefix ends in `=` (a
 * query parameter such as `?url=`), unchanged when no prefix is set.
 */
export function throughProxy(url: string, proxyPrefix: string): string {
  if (!proxyPrefix) return url;
  return proxyPrefix.endsWith('=') ? proxyPrefix + encodeURIComponent(url) : proxyPrefix + url;
}

export function browserHttpGet(proxyPrefix: string): HttpGet {
  return async (request, signal): Promise<HttpReply> => {
    let response: Response;
    try {
      response = await fetch(throughProxy(request.url, proxyPrefix), { headers: request.headers, signal, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      if (signal?.aborted) throw error;
      if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new TransportError('offline', 'this browser is offline');
      throw new TransportError('blocked', proxyPrefix ? 'no readable reply through the CORS proxy' : 'no readable reply (blocked by the browser: CORS)');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return { status: response.status, body: await response.text(), headers };
  };
}
