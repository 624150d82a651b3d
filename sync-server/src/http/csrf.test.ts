/**
 * Cross-site request refusal: the account endpoints and any cookie-carrying
 * unsafe request need X-Requested-With and the app's own Origin; bearer-token
 * requests of devices and the admin are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authRequest, createCustomer, signIn } from "../testing/account-fixtures.js";
import { pairDevice } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase({ app: { auth: { publicUrl: "https://caisse.ocpizza.test" } } });
  cookie = await signIn(t.app, await createCustomer(t.db));
});
afterAll(() => t?.drop());

const logoutAll = (headers: Record<string, string | null>) =>
  authRequest(t.app, "POST", "/api/v1/auth/logout-all", { cookie, headers });

describe("cross-site requests", () => {
  it.each([
    ["without X-Requested-With", { "x-requested-with": null }],
    ["with another X-Requested-With", { "x-requested-with": "XMLHttpRequest" }],
    ["from another origin", { origin: "https://evil.example" }],
    ["from the opaque origin null", { origin: "null" }],
    ["from a look-alike origin", { origin: "https://caisse.ocpizza.test.evil.example" }],
    ["marked cross-site by the browser", { "sec-fetch-site": "cross-site" }],
  ])("refuses a cookie request %s with 403 cross_site_refused", async (_, headers) => {
    const response = await logoutAll(headers);

    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("cross_site_refused");
    expect((await authRequest(t.app, "GET", "/api/v1/auth/me", { cookie })).status).toBe(200);
  });

  it.each([
    ["from PUBLIC_URL", { origin: "https://caisse.ocpizza.test" }],
    ["from the server's own origin", { origin: "http://localhost" }],
    ["without an Origin (same-origin GETs and old browsers)", {}],
  ])("accepts the app's request %s", async (_, headers) => {
    const response = await authRequest(t.app, "POST", "/api/v1/auth/logout", {
      cookie: "__Host-ocp_session=" + "B".repeat(43),
      headers,
    });

    expect(response.status).toBe(204);
  });

  it("leaves device requests with a bearer token and no cookie as they were", async () => {
    const device = await pairDevice(t, "bastille");

    const response = await t.app.request("/api/v1/sync/push", {
      method: "POST",
      headers: {
        authorization: `Bearer ${device.token}`,
        "content-type": "application/json",
        origin: "https://evil.example",
      },
      body: JSON.stringify({ protocol: 1, deviceId: device.deviceId, mutations: [] }),
    });

    expect(response.status).not.toBe(403);
  });
});
