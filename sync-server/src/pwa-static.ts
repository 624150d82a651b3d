/**
 * Serves the built PWA: files from the dist folder, index.html for any other
 * page path (the app routes on the client), cache headers that let a new
 * service worker take over (no-cache) while hashed assets are cached a year.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hono, MiddlewareHandler } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";

import type { AppEnv } from "./http/auth.js";

const NO_CACHE_FILES = new Set(["index.html", "sw.js", "manifest.webmanifest"]);
const IMMUTABLE = "public, max-age=31536000, immutable";

export const NOT_BUILT_TEXT =
  "The OC Pizza counter app is not built yet: run `npm run build` at the repository root, " +
  "then reload this page. The API under /api/v1 works meanwhile.\n";

export function isApiPath(path: string): boolean {
  return (
    path === "/api" || path.startsWith("/api/") || path === "/health" || path.startsWith("/health/")
  );
}

export function mountPwa(app: Hono<AppEnv>, distDir: string): void {
  const indexFile = join(distDir, "index.html");
  let files: MiddlewareHandler | null = null;

  app.on(["GET", "HEAD"], "*", async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    if (!existsSync(indexFile)) return c.text(NOT_BUILT_TEXT, 200);

    // Built lazily: the dist folder may appear after the server started.
    files ??= serveStatic({ root: distDir });
    const served = await files(c, async () => undefined);
    if (served) {
      const name = c.req.path.replace(/^\/+/, "") || "index.html";
      if (NO_CACHE_FILES.has(name)) served.headers.set("Cache-Control", "no-cache");
      else if (name.startsWith("assets/")) served.headers.set("Cache-Control", IMMUTABLE);
      return served;
    }

    // A missing asset is a 404; any other page path is the app's own route.
    const lastSegment = c.req.path.split("/").pop() ?? "";
    if (c.req.path.startsWith("/assets/") || lastSegment.includes(".")) {
      return c.text("Not found.\n", 404);
    }
    c.header("Cache-Control", "no-cache");
    return c.html(await readFile(indexFile, "utf8"));
  });
}
