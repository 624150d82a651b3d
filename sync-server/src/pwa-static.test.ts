/**
 * Tests of serving the built PWA: app routes, cache headers, missing assets, not built.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { AppEnv } from "./http/auth.js";
import { mountPwa, NOT_BUILT_TEXT } from "./pwa-static.js";

let dist: string;
let app: Hono<AppEnv>;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "ocp-pwa-"));
  await mkdir(join(dist, "assets"));
  await writeFile(join(dist, "index.html"), "<!doctype html><title>OC Pizza</title>");
  await writeFile(join(dist, "sw.js"), "self.addEventListener('fetch', () => {});");
  await writeFile(join(dist, "manifest.webmanifest"), '{"name":"OC Pizza"}');
  await writeFile(join(dist, "assets", "index-3f2a1b.js"), "console.log('app');");
  app = new Hono<AppEnv>();
  app.get("/api/v1/stores", (c) => c.json({ stores: [] }));
  mountPwa(app, dist);
});
afterAll(() => rm(dist, { recursive: true, force: true }));

describe("the built PWA", () => {
  it.each(["/", "/orders", "/kitchen", "/manager/reports"])(
    "answers %s with index.html, not cached",
    async (path) => {
      const response = await app.request(path);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<title>OC Pizza</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
    },
  );

  it("serves the service worker and manifest uncached, with the manifest's own type", async () => {
    const sw = await app.request("/sw.js");
    const manifest = await app.request("/manifest.webmanifest");

    expect(sw.headers.get("cache-control")).toBe("no-cache");
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    expect(manifest.headers.get("cache-control")).toBe("no-cache");
    expect(manifest.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
  });

  it("caches hashed assets for a year and answers a missing one with 404", async () => {
    const asset = await app.request("/assets/index-3f2a1b.js");
    const missing = await app.request("/assets/index-000000.js");

    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(missing.status).toBe(404);
  });

  it("leaves API paths to the API", async () => {
    expect(await (await app.request("/api/v1/stores")).json()).toEqual({ stores: [] });
    expect((await app.request("/api/v1/nothing")).status).toBe(404);
  });

  it("says how to build the app when it is not built", async () => {
    const bare = new Hono<AppEnv>();
    mountPwa(bare, join(dist, "missing"));

    const response = await bare.request("/");

    expect(await response.text()).toBe(NOT_BUILT_TEXT);
    expect(NOT_BUILT_TEXT).toMatch(/npm run build/);
  });
});
