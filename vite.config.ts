import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { AREA_OUTPUT, outputDir } from './scripts/areas.mjs';

/**
 * The PWA build: Preact via the automatic JSX runtime (no Babel), and a custom service worker
 * built from sw/sw.ts by workbox's injectManifest, as an IIFE so every browser can run it.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // A lazy area's chunks and styles go to assets/areas/<area>/ (scripts/areas.mjs).
        chunkFileNames: (chunk) => `${outputDir(chunk.moduleIds)}[name]-[hash].js`,
        assetFileNames: (asset) => `${outputDir(asset.originalFileNames)}[name]-[hash][extname]`,
      },
    },
  },
  resolve: {
    // workbox-window's package points bundlers at its ES5 build; the app targets ES2022, so take
    // its modern build (same API, ~1 KB less gzip on the first screen).
    alias: [
      { find: /^workbox-window$/, replacement: 'workbox-window/build/workbox-window.prod.mjs' },
    ],
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // The lazy areas (people, pilot) are fetched on demand, never precached on learners' phones.
        globIgnores: [`${AREA_OUTPUT}**`],
      },
      manifest: {
        id: '/',
        name: 'Kindling — learn a little every day',
        short_name: 'Kindling',
        description: 'Five-minute lessons for people at work, online or offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#fffaf3',
        theme_color: '#c2410c',
        lang: 'en',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
});
