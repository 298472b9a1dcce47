import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  // The shell and everything that runs outside the renderer, built to JavaScript so that neither a
  // packaged app nor `npm start` needs tsx: the services process (plain Node in development, Electron's
  // utilityProcess when packaged), its inference and compose workers, and the browser host. Chunks sit
  // flat beside the entries, so a worker is found next to the module that starts it (start-worker.ts),
  // and out/main/../.. is the app's root as electron/<part>/../.. is from the source.
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: 'electron/main/index.ts',
          'services-process': 'electron/host/services-process.ts',
          'browser-host': 'electron/host/browser-host-cli.ts',
          'inference-worker': 'electron/services/inference/worker.ts',
          'compose-worker': 'electron/services/export/compose-worker.ts',
        },
      },
      rollupOptions: { output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: 'electron/preload/index.ts' },
      // A sandboxed preload cannot load ES modules.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    build: { outDir: 'out/renderer', rollupOptions: { input: 'renderer/index.html' } },
    plugins: [react()],
  },
});
