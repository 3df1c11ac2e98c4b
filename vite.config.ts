import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer build: renderer/index.html -> dist/renderer/, with relative asset paths so the same files load
// from the Electron app:// scheme and from the browser host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Windows 10/11's Edge WebView and Electron 41 are current Chromium.
    target: 'chrome120',
    // No source maps in the app: nothing to serve but the app itself.
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
});
