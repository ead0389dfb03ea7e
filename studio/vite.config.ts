/** The studio's build: one page, hashed assets under /assets, served by the runtime at `/`. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The target is the initial JavaScript under 300 KB gzipped (the build prints it); minified it is larger.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:4000' } },
});
