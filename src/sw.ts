/// <reference lib="webworker" />
/**
 * Quant Lens service worker (built by vite-plugin-pwa, injectManifest strategy).
 *
 * - Precaches the app shell, the onnxruntime-web WASM files and the demo data, so the app runs offline.
 *   Model files are not precached: the forecast code keeps them in its own Cache Storage cache, which this
 *   worker never deletes (cleanupOutdatedCaches only removes old Workbox precaches).
 * - Adds COOP/COEP/CORP headers to every same-origin response. Static hosts such as GitHub Pages cannot send
 *   them, and without them the page is not cross-origin isolated: no SharedArrayBuffer, so no WASM threads.
 * - Waits for the page's "Reload" click (SKIP_WAITING message) before replacing an older version, so a tab is
 *   never switched to new code mid-session. IndexedDB is never touched here.
 */
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Query flag that opts a page load out of isolation (to see and test the single-threaded path). */
const NO_ISOLATION_PARAM = 'coi';

function withIsolationHeaders(request: Request, response: Response): Response {
  // Opaque and error responses cannot (and need not) be rewritten.
  if (!response || response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  if (request.mode === 'navigate' && new URL(request.url).searchParams.get(NO_ISOLATION_PARAM) === '0') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const isolationHeaders: WorkboxPlugin = {
  // The fetch event's request is the page's real address (a navigation fallback swaps in index.html).
  handlerWillRespond: async ({ request, response, event }) => withIsolationHeaders((event as FetchEvent | undefined)?.request ?? request, response),
};

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes control of the open page at once (needed for isolation after one reload).
clientsClaim();
cleanupOutdatedCaches();
addPlugins([isolationHeaders]);
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, new RegExp(`^${NO_ISOLATION_PARAM}$`)] });

// Any other page address inside the app's scope (e.g. an old bookmark with extra query parameters) opens the
// app itself, also offline; self-hosted model files are real files, not pages.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/models\//] }));

// Everything else from our own origin (e.g. self-hosted model files under ./models/) goes to the network,
// still with the isolation headers. Other origins (model hosts) are left alone: the browser fetches them
// directly with CORS, which COEP require-corp accepts.
registerRoute(({ url }) => url.origin === self.location.origin, new NetworkOnly({ plugins: [isolationHeaders] }));
