import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.NF_API_URL ?? 'http://localhost:3000';

/**
 * The web app: built into dist/web, which the api serves at `/`. `npm run dev:web` serves it
 * with hot reload on :5173 and passes the api's paths on to a running api.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      // Designsystemet's modules are free of side effects of their own (the custom elements some
      // of them use register in @u-elements, which stays as it is): unused components drop out.
      treeshake: {
        moduleSideEffects: (id: string) => !id.includes('/@digdir/designsystemet-react/'),
      },
      // Designsystemet marks its modules 'use client' (for React Server Components); a SPA has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/health', '/anslagstavla'].map((path) => [
        path,
        { target: api, changeOrigin: false },
      ]),
    ),
  },
});
