/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

/** The app's version from pwa/package.json, set by vite.config.ts. */
declare const __APP_VERSION__: string;
