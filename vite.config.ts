// Vite builds the Solid app and the engine worker (an ES module worker, HyperFormula only there).
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  worker: { format: 'es' },
  optimizeDeps: { include: ['hyperformula', 'comlink', 'idb'] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
