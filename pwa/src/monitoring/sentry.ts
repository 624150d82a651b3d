/**
 * Error reporting of the counter app to Sentry, on only when the build had
 * VITE_SENTRY_DSN. Events are tagged with the app version as release and,
 * when the tablet is offline, kept in IndexedDB and sent once it is back
 * (the SDK's offline transport). No personal data is sent (no IP, no user),
 * nor the token of a mailed link found in an address.
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
    // A page or request address can hold a mailed link's token: a reset, an email
    // verification, an order page (its customer's name and address).
    beforeSend: (event) => withoutLinkSecrets(event),
    beforeBreadcrumb: (breadcrumb) => withoutLinkSecrets(breadcrumb),
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

/** The `token=` (and pairing `code=`) of a query string: what a link's secret is. */
const LINK_SECRET = /((?:^|[?&])(?:token|code)=)[^&#\s"]*/gi;

/** The value with every link secret in its texts replaced by "[removed]". */
export function withoutLinkSecrets<T>(value: T): T {
  if (typeof value === "string") return value.replace(LINK_SECRET, "$1[removed]") as T;
  if (Array.isArray(value)) return value.map((item) => withoutLinkSecrets(item)) as T;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => [key, withoutLinkSecrets(item)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** The settings of this build: the DSN Vite inlined, if any. */
export function buildSettings(appVersion: string): MonitoringSettings {
  return {
    dsn: import.meta.env.VITE_SENTRY_DSN || undefined,
    appVersion,
    environment: import.meta.env.MODE,
  };
}
