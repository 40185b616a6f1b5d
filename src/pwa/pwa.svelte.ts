/**
 * Service-worker registration and the state the update prompt shows.
 *
 * Registration is relative to the page (`./sw.js`, scope `./`), so one build works from any sub-path.
 * The first visit is not cross-origin isolated (the worker is not in control yet); once it takes control
 * the page reloads itself once, unless the user has already started interacting, in which case a
 * "Reload to enable threads" button is offered instead.
 */
import { isolationStatus, setReloadWouldIsolate, type IsolationMode } from './isolation';

/** The running release (`QL_APP_VERSION` at build time, else package.json's version). */
export const appVersion: string = __APP_VERSION__;

export const pwa = $state({
  /** A new version is installed and waiting for the user's reload. */
  updateReady: false,
  /** The worker now controls the page: a reload turns on isolation (offered when we did not auto-reload). */
  reloadReady: false,
  isolation: isolationStatus().mode as IsolationMode,
});

const RELOADED_FOR_ISOLATION = 'quant-lens:reloaded-for-isolation';
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let waitingWorker: ServiceWorker | null = null;
let reloadRequested = false;
let userInteracted = false;
let started = false;

/** `?coi=0` opts this page load out of isolation (the service worker then omits the headers). */
const optedOut = () => new URLSearchParams(location.search).get('coi') === '0';

function publishIsolation(wouldIsolate: boolean) {
  setReloadWouldIsolate(wouldIsolate && !optedOut());
  const status = isolationStatus();
  pwa.isolation = status.mode;
  // Exposed for tests and for anyone inspecting the page.
  document.documentElement.dataset.isolation = status.mode;
  document.documentElement.dataset.wasmThreads = String(status.wasmThreads);
  document.documentElement.dataset.appVersion = appVersion;
}

function offerUpdate(worker: ServiceWorker) {
  // Without a controller this is the first install, not an update.
  if (!navigator.serviceWorker.controller) return;
  waitingWorker = worker;
  pwa.updateReady = true;
}

/** Reloads into the waiting version (the new worker activates first; IndexedDB is untouched). */
export function applyUpdate(): void {
  reloadRequested = true;
  if (waitingWorker) waitingWorker.postMessage({ type: 'SKIP_WAITING' });
  else location.reload();
}

function onControllerChange(hadController: boolean) {
  if (reloadRequested) {
    location.reload();
    return;
  }
  if (hadController) {
    // Another tab activated a new version: this tab runs old code under a new worker.
    pwa.updateReady = true;
    return;
  }
  if (crossOriginIsolated || optedOut()) return publishIsolation(false);
  if (!userInteracted && !sessionStorage.getItem(RELOADED_FOR_ISOLATION)) {
    sessionStorage.setItem(RELOADED_FOR_ISOLATION, '1');
    location.reload();
    return;
  }
  publishIsolation(true);
  pwa.reloadReady = true;
}

/** Registers the service worker once; safe to call from several components. */
export async function startPwa(): Promise<void> {
  publishIsolation(false);
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || started) return;
  started = true;
  // Any sign of work in progress (clicks, typing, files picked or dropped) rules out the automatic reload.
  for (const type of ['pointerdown', 'keydown', 'change', 'drop']) addEventListener(type, () => (userInteracted = true), { once: true, capture: true });

  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => onControllerChange(hadController));
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register('./sw.js', { scope: './', type: 'classic' });
  } catch (error) {
    // Blocked by the browser (private mode, policy): no offline copy and no isolation, but the app still works.
    console.warn('Service worker not registered; running online-only and single-threaded.', error);
    return publishIsolation(false);
  }

  if (registration.waiting) offerUpdate(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offerUpdate(worker);
    });
  });
  const checkForUpdate = () => void registration.update().catch(() => undefined); // offline: try later
  setInterval(checkForUpdate, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && checkForUpdate());

  // Controlled but not isolated after a normal load means isolation is impossible here.
  if (hadController) {
    publishIsolation(false);
    if (crossOriginIsolated) sessionStorage.removeItem(RELOADED_FOR_ISOLATION);
    return;
  }
  if (crossOriginIsolated) return;
  if (registration.active) {
    // Uncontrolled page with an active worker (e.g. after a hard reload): a plain reload isolates it.
    publishIsolation(true);
    pwa.reloadReady = true;
    return;
  }
  // First visit: isolation arrives once the worker has installed (precached the app) and taken control.
  const installing = registration.installing ?? registration.waiting;
  if (!installing) return;
  publishIsolation(true);
  installing.addEventListener('statechange', () => {
    if (installing.state === 'redundant') publishIsolation(false); // install failed (e.g. storage full)
  });
}
