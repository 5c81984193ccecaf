// Builds the React UI into renderer/dist; relative asset paths so the same build loads
// from `nexa serve` (http) and from Electron (file://).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../electron/common/content-security-policy';

/** Puts the app's Content-Security-Policy into index.html, for Electron's file:// load. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'nexa-content-security-policy',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic' },
  plugins: [contentSecurityPolicy()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
  },
});
