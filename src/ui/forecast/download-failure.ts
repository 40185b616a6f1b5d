/**
 * What went wrong with a model download, in the user's words, from the error message the worker
 * sends back (class names do not survive the trip, messages do). The Forecasts tab shows this with
 * the ways out: another source (URL prefix, files on this device) or trying again.
 */
export interface DownloadFailure {
  /** One line: what happened. */
  what: string;
  /** Why it may have happened and what to do. */
  why: string;
  /** The file's address, when the message names one. */
  url?: string;
}

const NETWORK = /Failed to fetch|NetworkError|Load failed|fetch failed|network error/i;

function hostOf(url: string | undefined): string {
  if (!url) return 'the server';
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

export function explainDownloadFailure(message: string, online: boolean): DownloadFailure {
  const url = /^(https?:\/\/[^\s]+?):\s/.exec(message)?.[1];
  const host = hostOf(url);
  const status = Number(/HTTP (\d{3})/.exec(message)?.[1] ?? NaN);
  if (!online) {
    return { url, what: 'You are offline.', why: 'The browser has no network connection. Connect and try again, or pick model files already on this device.' };
  }
  if (status === 404) return { url, what: `${host} has no such file (HTTP 404).`, why: 'Check the repo id, the revision or the URL prefix (it must be the folder holding config.json).' };
  if (status === 401 || status === 403) {
    return { url, what: `${host} refused the download (HTTP ${status}).`, why: 'The model may be gated or private: accept its licence on its Hugging Face page, or download the files yourself and pick them under "Files on this device".' };
  }
  if (status === 429) return { url, what: `${host} is limiting requests (HTTP 429).`, why: 'Wait a minute and try again, or use a copy of the files from a URL prefix you host.' };
  if (status >= 500) return { url, what: `${host} had an error (HTTP ${status}).`, why: 'The server has a problem on its side: try again later, or use another copy of the files.' };
  if (NETWORK.test(message)) {
    return {
      url,
      what: `Could not reach ${host}.`,
      why: `The request got no answer. The address may be mistyped or the server down; or the browser blocked it because ${host} does not allow downloads from this site (CORS); or a firewall, proxy or content blocker blocks ${host}. A URL prefix on a server you control, or files on this device, avoid all of these.`,
    };
  }
  if (/sha256|bytes, expected|server announced/.test(message)) {
    return { url, what: 'The file that arrived is not the expected one, so it was not kept.', why: message.replace(/^https?:\/\/[^\s]+?:\s/, '') };
  }
  return { url, what: 'The download failed.', why: message.replace(/^https?:\/\/[^\s]+?:\s/, '') };
}
