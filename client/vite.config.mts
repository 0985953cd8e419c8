import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server (npm run dev -w @blog/client) routes the API by the same table as the production server.
const table = JSON.parse(readFileSync(new URL('../infra/routing-table.json', import.meta.url), 'utf8')) as {
  routes: { match: string; service: string }[];
};
const upstreams: Record<string, string> = {
  posts: process.env.POSTS_URL ?? 'http://localhost:4000',
  comments: process.env.COMMENTS_URL ?? 'http://localhost:4001',
  query: process.env.QUERY_URL ?? 'http://localhost:4002',
};

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Object order is match order, as in the table: the first route that matches wins.
    proxy: Object.fromEntries(
      table.routes.map((route) => [route.match, { target: upstreams[route.service], changeOrigin: true }]),
    ),
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
