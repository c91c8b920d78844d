import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const src = resolve(import.meta.dirname, 'src');

/** Two pages, served by the service under /ui/: the agent desktop and the supervisor console. */
export default defineConfig({
  root: src,
  base: '/ui/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    rollupOptions: { input: { agent: resolve(src, 'agent/index.html'), supervisor: resolve(src, 'supervisor/index.html') } },
  },
});
