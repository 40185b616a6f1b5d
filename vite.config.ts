import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer threads.
// The production server (scripts/serve.mjs) sends the same headers; static hosts
// without header control get them from the service worker (see src/sw.ts).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative base: one build works unchanged from any sub-path (e.g. GitHub Pages /<repo>/).
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'], include: ['onnx-proto', 'comlink'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
