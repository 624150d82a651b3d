/**
 * The outermost error boundary: a screen that crashes shows a message in
 * French and English (the locale provider may itself be what failed) and a
 * reload button, and the error goes to Sentry when reporting is on. Sales
 * already saved on the tablet are untouched: they live in IndexedDB.
 */
import * as Sentry from "@sentry/react";
import type { ReactNode } from "react";

export function CrashMessage() {
  return (
    <main role="alert" style={{ padding: "2rem", fontFamily: "system-ui, sans-serif" }}>
      <h1 lang="fr">Une erreur est survenue</h1>
      <p lang="fr">
        Rechargez la page. Les ventes déjà enregistrées restent sur cette tablette et seront
        envoyées.
      </p>
      <h2 lang="en">Something went wrong</h2>
      <p lang="en">Reload the page. Sales already saved stay on this tablet and will be sent.</p>
      <button type="button" onClick={() => window.location.reload()}>
        Recharger / Reload
      </button>
    </main>
  );
}

export function MonitoringBoundary({ children }: { children: ReactNode }) {
  return <Sentry.ErrorBoundary fallback={<CrashMessage />}>{children}</Sentry.ErrorBoundary>;
}
