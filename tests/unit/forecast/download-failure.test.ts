import { describe, expect, it } from 'vitest';
import { explainDownloadFailure } from '../../../src/ui/forecast/download-failure';

const url = 'http://127.0.0.1:9/models/bolt/config.json';

describe('explainDownloadFailure', () => {
  it('says the server could not be reached (not "Failed to fetch"), and why that may be', () => {
    const failure = explainDownloadFailure(`${url}: download failed after 5 retries: Failed to fetch`, true);
    expect(failure.url).toBe(url);
    expect(failure.what).toBe('Could not reach 127.0.0.1:9.');
    expect(failure.why).toMatch(/CORS/);
    expect(failure.what + failure.why).not.toMatch(/Failed to fetch/);
  });

  it('says offline when the browser is offline', () => {
    expect(explainDownloadFailure(`${url}: download failed after 5 retries: Failed to fetch`, false).what).toBe('You are offline.');
  });

  it('names HTTP statuses in words', () => {
    expect(explainDownloadFailure(`${url}: the server answered HTTP 404 (file not found: check the repo id, revision or URL prefix)`, true).what).toBe('127.0.0.1:9 has no such file (HTTP 404).');
    expect(explainDownloadFailure(`${url}: the server answered HTTP 401`, true).why).toMatch(/gated or private/);
    expect(explainDownloadFailure(`${url}: the server answered HTTP 429`, true).what).toMatch(/limiting requests/);
    expect(explainDownloadFailure(`${url}: the server answered HTTP 503`, true).what).toBe('127.0.0.1:9 had an error (HTTP 503).');
  });

  it('keeps integrity messages without the URL prefix', () => {
    const failure = explainDownloadFailure(`${url}: sha256 is ab, expected cd; the file was not kept`, true);
    expect(failure.why).toBe('sha256 is ab, expected cd; the file was not kept');
  });
});
