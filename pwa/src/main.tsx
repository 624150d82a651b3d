/**
 * Entry point: opens the local database, starts the sync engine (one per tab,
 * one pusher across tabs) and renders the app.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App.js";
import { CartProvider } from "./app/cart-store.js";
import { ServicesProvider } from "./app/services.js";
import { APP_VERSION } from "./app/version.js";
import { CounterDb } from "./db/database.js";
import { LocaleProvider } from "./i18n/i18n.js";
import { MonitoringBoundary } from "./monitoring/MonitoringBoundary.js";
import { buildSettings, initMonitoring } from "./monitoring/sentry.js";
import { createApi } from "./sync/api.js";
import { SyncEngine } from "./sync/engine.js";
import "./styles/base.css";
import "./styles/dialog.css";
import "./styles/print.css";

// First, so a failure while starting is reported too (only when the build has VITE_SENTRY_DSN).
initMonitoring(buildSettings(APP_VERSION));
const db = new CounterDb();
const engine = new SyncEngine({ db, appVersion: APP_VERSION });
const api = createApi({ fetch: (input, init) => fetch(input, init) });
engine.start();

// Server calls made by screens (pairing) are never retried blindly: a code is single use.
const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MonitoringBoundary>
      <QueryClientProvider client={queryClient}>
        <ServicesProvider services={{ db, engine, api }}>
          <LocaleProvider>
            <CartProvider>
              <App />
            </CartProvider>
          </LocaleProvider>
        </ServicesProvider>
      </QueryClientProvider>
    </MonitoringBoundary>
  </StrictMode>,
);
