/**
 * Browser end-to-end support: everything of browser.ts plus helpers that hook into vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startServer, type Browser, type BrowserOptions, type RunningServer } from './browser';

export * from './browser';

/**
 * The app served from the build and one Chromium shared by the tests of a describe block: started in
 * beforeAll, closed in afterAll. Read `server` and `browser` inside the tests (they are set once started).
 */
export function appInBrowser(options: BrowserOptions = {}): { server: RunningServer; browser: Browser } {
  const app = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    app.server = await startServer();
    app.browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}
