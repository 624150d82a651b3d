/**
 * Error reporting: off without a DSN, the release named after the app
 * version, events kept in IndexedDB while offline and sent once back, and
 * the crash message in both languages.
 */
import "fake-indexeddb/auto";
import * as Sentry from "@sentry/react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";

import { CrashMessage } from "./MonitoringBoundary.js";
import { initMonitoring, offlineTransport, releaseOf } from "./sentry.js";

// The offline transport listens for the browser's "online" event.
const scope = globalThis as unknown as { addEventListener?: (...args: unknown[]) => void };
scope.addEventListener ??= () => undefined;

afterEach(async () => {
  await Sentry.close();
});

describe("Sentry in the counter app", () => {
  it("stays off when the build has no DSN", () => {
    expect(initMonitoring({ dsn: undefined, appVersion: "1.2.3", environment: "test" })).toBe(
      false,
    );
    expect(initMonitoring({ dsn: "", appVersion: "1.2.3", environment: "test" })).toBe(false);
    expect(Sentry.getClient()).toBeUndefined();
  });

  it("keeps an event while offline and sends it once the network is back", async () => {
    let online = false;
    const delivered: string[] = [];
    const inner = (options: Parameters<typeof Sentry.makeFetchTransport>[0]) =>
      Sentry.createTransport(options, async (request) => {
        if (!online) throw new TypeError("Failed to fetch");
        delivered.push(String(request.body));
        return { statusCode: 200 };
      });
    const transport = offlineTransport(inner)({
      url: "https://o1.ingest.sentry.invalid/api/1/envelope/",
      recordDroppedEvent: () => undefined,
      dbName: "ocp-test-sentry-offline",
    } as Parameters<ReturnType<typeof offlineTransport>>[0]);
    const eventId = "0123456789abcdef0123456789abcdef";
    const envelope = [
      { event_id: eventId, sent_at: new Date().toISOString() },
      [[{ type: "event" }, { event_id: eventId, message: "kitchen screen crashed" }]],
    ] as unknown as Parameters<typeof transport.send>[0];

    await transport.send(envelope);
    expect(delivered).toEqual([]);

    online = true;
    await transport.flush();
    await waitFor(() => delivered.length > 0);

    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain(eventId);
  });

  it("reports with the app version as release and no personal data", () => {
    const dsn = "https://publickey@o1.ingest.sentry.invalid/1";

    expect(initMonitoring({ dsn, appVersion: "1.2.3", environment: "production" })).toBe(true);

    const options = Sentry.getClient()!.getOptions();
    expect(options.release).toBe(releaseOf("1.2.3"));
    expect(options.release).toBe("ocpizza-pwa@1.2.3");
    expect(options.sendDefaultPii).toBe(false);
  });

  it("sends no link token (reset, email verification, order page) in an event or breadcrumb", () => {
    const dsn = "https://publickey@o1.ingest.sentry.invalid/1";
    initMonitoring({ dsn, appVersion: "1.2.3", environment: "production" });
    const options = Sentry.getClient()!.getOptions();
    const secret = "s3cr3tT0kenFromTheMailedLink_0123456789";

    const event = options.beforeSend!(
      {
        type: undefined,
        request: { url: `https://caisse.test/reset-password?token=${secret}&x=1` },
        breadcrumbs: [
          { category: "navigation", data: { from: "/", to: `/verify-email?token=${secret}` } },
          { category: "fetch", data: { url: `/api/v1/online-orders/1?token=${secret}` } },
        ],
      },
      {},
    ) as Sentry.ErrorEvent;
    const crumb = options.beforeBreadcrumb!(
      { category: "xhr", data: { url: `/api/v1/online-orders/1?lang=fr&token=${secret}` } },
      {},
    );

    expect(JSON.stringify([event, crumb])).not.toContain(secret);
    expect(event.request?.url).toBe("https://caisse.test/reset-password?token=[removed]&x=1");
  });

  it("tells staff in French and English what to do after a crash", () => {
    const html = renderToStaticMarkup(createElement(CrashMessage));

    expect(html).toContain("Une erreur est survenue");
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Recharger / Reload");
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
