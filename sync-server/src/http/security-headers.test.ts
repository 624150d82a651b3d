/**
 * Security headers on every kind of answer (API, errors, the PWA's pages and
 * files): the content security policy that still lets the app, Square and
 * Google Maps load, no framing, no CORS, HSTS only in production.
 */
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "ocp-dist-"));
  await mkdir(join(dist, "assets"));
  await writeFile(
    join(dist, "index.html"),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(dist, "sw.js"), "self.addEventListener('fetch', () => {});");
  await writeFile(join(dist, "assets", "app.js"), "console.log('app');");
  t = await createTestDatabase({ app: { pwaDist: dist } });
});
afterAll(async () => {
  await t?.drop();
  await rm(dist, { recursive: true, force: true });
});

function directives(policy: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? "").split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("security headers", () => {
  it.each([
    ["the API", "/api/v1/stores", 200],
    ["an API error", "/api/v1/nothing-here", 404],
    ["an authentication error", "/api/v1/auth/me", 401],
    ["the app's page", "/orders", 200],
    ["the service worker", "/sw.js", 200],
    ["an app file", "/assets/app.js", 200],
  ])("are on %s", async (_, path, status) => {
    const response = await t.app.request(path, { headers: { origin: "https://evil.example" } });

    expect(response.status).toBe(status);
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("lets the app itself, Square's Web Payments SDK and Google Maps load, and nothing else", async () => {
    const csp = directives((await t.app.request("/")).headers.get("content-security-policy"));

    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["script-src"]).toEqual([
      "'self'",
      "https://web.squarecdn.com",
      "https://sandbox.web.squarecdn.com",
      "https://maps.googleapis.com",
      "https://maps.gstatic.com",
    ]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(csp["connect-src"]).toEqual(
      expect.arrayContaining([
        "'self'",
        "https://maps.googleapis.com",
        "https://pci-connect.squareup.com",
      ]),
    );
    expect(csp["frame-src"]).toEqual([
      "https://web.squarecdn.com",
      "https://sandbox.web.squarecdn.com",
    ]);
    expect(csp["worker-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
  });

  it("answers no CORS preflight", async () => {
    const response = await t.app.request("/api/v1/auth/login", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });

    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("adds Strict-Transport-Security in production", async () => {
    const response = await t.makeApp({ production: true }).request("/api/v1/stores");

    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });
});
