/**
 * Build of the counter PWA: React, a generated service worker that precaches
 * the whole app (never the API), the install manifest, and a dev proxy to the
 * sync server. Output: pwa/dist, served by the sync server in production.
 */
import { readFileSync } from "node:fs";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const { version } = JSON.parse(
  readFileSync(new URL("./package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

const SYNC_SERVER = "http://127.0.0.1:8080";

/** recharts and what it alone pulls in, so that only the sales page downloads them. */
const CHART_LIBRARIES = new RegExp(
  "node_modules[\\\\/](" +
    "recharts|victory-vendor|d3-[a-z-]+|@reduxjs|redux|react-redux|immer|reselect|" +
    "es-toolkit|decimal\\.js-light|eventemitter3|internmap" +
    ")[\\\\/]",
);

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: an app update then re-downloads only the app's code.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // The manager's charts: loaded with the sales page only, never on a counter.
            { name: "charts", test: CHART_LIBRARIES },
            { name: "libs", test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": SYNC_SERVER, "/health": SYNC_SERVER },
  },
  preview: { host: "127.0.0.1" },
  plugins: [
    react(),
    VitePWA({
      registerType: "prompt",
      strategies: "generateSW",
      injectRegister: false,
      // The glob below already finds the icons; listing them again would precache them twice.
      includeManifestIcons: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,png,svg,ico,woff,woff2}"],
        navigateFallback: "/index.html",
        // The API and health checks always go to the network: never cached nor answered by the SW.
        navigateFallbackDenylist: [/^\/api\//, /^\/health/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [],
      },
      manifest: {
        name: "OC Pizza — Caisse",
        short_name: "OC Caisse",
        description:
          "Caisse OC Pizza : prise de commande au comptoir et au téléphone, même hors ligne.",
        lang: "fr",
        dir: "ltr",
        theme_color: "#b22222",
        background_color: "#fff8f0",
        display: "standalone",
        orientation: "any",
        start_url: "/",
        scope: "/",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/icon-maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
    }),
  ],
});
