import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync, readFileSync } from 'node:fs';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer threads.
// The production server (scripts/serve.mjs) sends the same headers; static hosts
// without header control get them from the service worker (see src/sw.ts).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const packageVersion: string = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
/** Shown in the app and baked into the service worker's precache, so each release installs as an update. */
const appVersion = process.env.QL_APP_VERSION ?? packageVersion;

/** Store-style screenshots, listed only once real app screenshots have been committed. */
const screenshots: ManifestOptions['screenshots'] = [
  { src: 'screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide' as const, label: 'A 20-day S&P 500 forecast with 80% and 95% bands' },
  { src: 'screenshots/narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow' as const, label: 'The same forecast on a phone' },
].filter((shot) => existsSync(new URL(`./public/${shot.src}`, import.meta.url)));

const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  // Registered by src/pwa (relative to the page, so any sub-path works) to control the update prompt.
  injectRegister: false,
  registerType: 'prompt',
  // The icons are already matched by globPatterns below; listing them twice would duplicate precache entries.
  includeManifestIcons: false,
  injectManifest: {
    rollupFormat: 'iife',
    // App shell, onnxruntime-web WASM and its loader, demo data. Self-hosted model files (models/) stay out:
    // they live in the model cache the user fills on demand.
    globPatterns: ['**/*.{html,js,mjs,css,wasm,svg,png,csv}'],
    globIgnores: ['models/**', 'screenshots/**'],
    // The ORT WASM binary is 14-28 MB; the default 2 MiB limit would silently leave it out.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  },
  manifest: {
    name: 'Quant Lens',
    short_name: 'Quant Lens',
    description: 'Trading research in your browser: forecasts, indicators, ML signals, mock portfolio and backtests. No server, no account.',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#1f5fbf',
    background_color: '#f6f7f9',
    categories: ['finance', 'education', 'productivity'],
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
    ...(screenshots.length > 0 ? { screenshots } : {}),
  },
});

export default defineConfig({
  // Relative base: one build works unchanged from any sub-path (e.g. GitHub Pages /<repo>/).
  base: './',
  plugins: [svelte(), pwa],
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'], include: ['onnx-proto', 'comlink'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
