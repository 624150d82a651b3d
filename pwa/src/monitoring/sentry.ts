/**
 * Error reporting of the counter app to Sentry, on only when the build had
 * VITE_SENTRY_DSN. Events are tagged with the app version as release and,
 * when the tablet is offline, kept in IndexedDB and sent once it is back
 * (the SDK's offline transport). No personal data is sent (no IP, no user).
 */
import * as Sentry from "@sentry/react";

/** At most this many events wait in IndexedDB while offline (the oldest are kept). */
export const OFFLINE_QUEUE_SIZE = 50;

export interface MonitoringSettings {
  /** The project's DSN; empty or missing turns reporting off. */
  dsn: string | undefined;
  /** The app version (pwa/src/app/version.ts), reported as the release. */
  appVersion: string;
  /** production, development... (Vite's mode). */
  environment: string;
}

/** The Sentry release name of an app version. */
export function releaseOf(appVersion: string): string {
  return `ocpizza-pwa@${appVersion}`;
}

/** A transport that queues what it cannot send in IndexedDB and retries later. */
export function offlineTransport(
  inner: Parameters<typeof Sentry.makeBrowserOfflineTransport>[0] = Sentry.makeFetchTransport,
) {
  return Sentry.makeBrowserOfflineTransport(inner);
}

/** Starts reporting when a DSN is set; returns whether it did. */
export function initMonitoring(settings: MonitoringSettings): boolean {
  if (!settings.dsn) return false;
  Sentry.init({
    dsn: settings.dsn,
    release: releaseOf(settings.appVersion),
    environment: settings.environment,
    sendDefaultPii: false,
    transport: offlineTransport(),
    // Sends what waited in IndexedDB from an earlier offline session soon after start. The
    // offline transport reads these from transportOptions, whose type does not list them.
    transportOptions: {
      flushAtStartup: true,
      maxQueueSize: OFFLINE_QUEUE_SIZE,
    } as Sentry.BrowserOptions["transportOptions"],
  });
  return true;
}

/** The settings of this build: the DSN Vite inlined, if any. */
export function buildSettings(appVersion: string): MonitoringSettings {
  return {
    dsn: import.meta.env.VITE_SENTRY_DSN || undefined,
    appVersion,
    environment: import.meta.env.MODE,
  };
}
