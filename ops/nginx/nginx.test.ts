/**
 * The site file and the Supervisor program file for real: nginx on loopback
 * with a certificate made for the test, in front of two sync server
 * instances that Supervisor runs. Caching headers, compression, the
 * redirect to HTTPS, the event stream through the proxy, and sales still
 * accepted while one instance is stopped and started again.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import mysql from "mysql2/promise";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROTOCOL_VERSION, type MenuSnapshot } from "@ocpizza/schema";

import { CONTENT_SECURITY_POLICY } from "../../sync-server/src/http/security-headers.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  pushBody,
  type PairedDevice,
} from "../../sync-server/src/testing/fixtures.js";
import { changedVersions, openEventStream, send, type Target } from "../test-support/https.js";
import {
  ASSET_TEXT,
  HASHED_ASSET,
  SITE_NAME,
  startStack,
  waitUntilReady,
  type Stack,
} from "../test-support/stack.js";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
const IMMUTABLE = "public, max-age=31536000, immutable";

let stack: Stack;
let dir: string;
let databaseName: string;
let https: Target;
let menu: MenuSnapshot;
let device: PairedDevice;
let seq = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ocp-nginx-"));
  databaseName = `ocp_ngx_${randomBytes(4).toString("hex")}`;
  stack = await startStack(dir, `${SERVER_URL}/${databaseName}`);
  https = { port: stack.httpsPort, ca: stack.certificate, host: SITE_NAME };
  menu = JSON.parse((await send(https, "/api/v1/menu")).body.toString());
  device = await pairThroughNginx();
});

afterAll(async () => {
  await stack?.stop();
  const admin = await mysql.createConnection(SERVER_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
  await admin.end();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pairThroughNginx(): Promise<PairedDevice> {
  const json = { "content-type": "application/json" };
  const codeAnswer = await send(https, "/api/v1/admin/pairing-codes", {
    method: "POST",
    headers: { ...json, authorization: `Bearer ${stack.adminToken}` },
    body: JSON.stringify({ storeId: "bastille" }),
  });
  expect(codeAnswer.status).toBe(201);
  const { code } = JSON.parse(codeAnswer.body.toString());
  const paired = await send(https, "/api/v1/devices/pair", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ code, name: "Comptoir" }),
  });
  expect(paired.status).toBe(201);
  const body = JSON.parse(paired.body.toString());
  return { deviceId: body.deviceId, token: body.token, storeId: "bastille" };
}

/** One paid sale pushed to `target` (nginx by default); its status and store version. */
async function pushSale(target: Target = https) {
  seq += 1;
  const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }], { callNumber: seq });
  const mutation = createMutation(seq, order, {
    payments: [cashPayment(order.totalCents)],
    status: "completed",
  });
  const answer = await send(target, "/api/v1/sync/push", {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify(pushBody(device, [mutation])),
  });
  const body = answer.status === 200 ? JSON.parse(answer.body.toString()) : null;
  return { status: answer.status, storeVersion: body?.storeVersion as number | undefined };
}

const instance = (port: number): Target => ({ port, host: "127.0.0.1" });

describe("nginx in front of two instances", () => {
  it.each([
    ["/sw.js", "no-cache", /javascript/],
    ["/index.html", "no-cache", /^text\/html/],
    ["/", "no-cache", /^text\/html/],
    ["/orders", "no-cache", /^text\/html/],
    ["/manifest.webmanifest", "no-cache", /^application\/manifest\+json$/],
    [`/assets/${HASHED_ASSET}`, IMMUTABLE, /javascript/],
  ])("serves %s with Cache-Control %s", async (path, cacheControl, contentType) => {
    const answer = await send(https, path);

    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe(cacheControl);
    expect(answer.headers["content-type"]).toMatch(contentType);
    expect(answer.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
  });

  it("answers a missing hashed asset 404, not the page", async () => {
    expect((await send(https, "/assets/index-Missing1.js")).status).toBe(404);
  });

  it("compresses the app's files for a client that accepts gzip", async () => {
    const answer = await send(https, `/assets/${HASHED_ASSET}`, {
      headers: { "accept-encoding": "gzip" },
    });

    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers.vary).toMatch(/Accept-Encoding/);
    expect(answer.body.length).toBeLessThan(ASSET_TEXT.length / 4);
    expect(gunzipSync(answer.body).toString()).toBe(ASSET_TEXT);
  });

  it("redirects plain HTTP to HTTPS, except certbot's challenge", async () => {
    const http: Target = { port: stack.httpPort, host: SITE_NAME };
    writeFileSync(join(dir, "acme", ".well-known", "acme-challenge", "token-1"), "proof");

    const redirect = await send(http, "/orders?day=2026-12-04");
    const challenge = await send(http, "/.well-known/acme-challenge/token-1");

    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://${SITE_NAME}/orders?day=2026-12-04`);
    expect([challenge.status, challenge.body.toString()]).toEqual([200, "proof"]);
  });

  it("passes the API and the readiness check to the instances", async () => {
    const ready = await send(https, "/health/ready");
    const pull = await send(https, `/api/v1/sync/pull?protocol=${PROTOCOL_VERSION}&since=0`, {
      headers: { authorization: `Bearer ${device.token}` },
    });

    expect([ready.status, JSON.parse(ready.body.toString())]).toEqual([200, { status: "ready" }]);
    expect(pull.status).toBe(200);
  });

  it("tells the instances the client's address: a forged X-Forwarded-For escapes no limit", async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const answer = await send(https, "/api/v1/auth/login", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-requested-with": "ocpizza",
          // Each attempt claims another address; nginx appends the one it saw.
          "x-forwarded-for": `203.0.113.${attempt}`,
        },
        body: JSON.stringify({
          email: `nobody-${attempt}@example.test`,
          password: "not the password at all",
        }),
      });
      statuses.push(answer.status);
    }

    // LOGIN_MAX_PER_ADDRESS=3 in the test's settings: the fourth is refused.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("streams events through the proxy as they happen, from a push to either instance", async () => {
    const path = "/api/v1/sync/events";
    const viaNginx = await openEventStream(https, path, device.token);
    const [first, second] = await Promise.all(
      stack.instancePorts.map((port) => openEventStream(instance(port), path, device.token)),
    );
    try {
      expect(viaNginx.status).toBe(200);
      expect(viaNginx.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(viaNginx.headers["content-encoding"]).toBeUndefined();
      // The first event is a few bytes: buffered by nginx, it would not arrive on its own.
      await viaNginx.until((text) => changedVersions(text).length === 1, 2_000);

      const pushed = await pushSale(instance(stack.instancePorts[0]));

      const arrived = (text: string) => changedVersions(text).includes(pushed.storeVersion!);
      const started = Date.now();
      await Promise.all([viaNginx.until(arrived), first.until(arrived), second.until(arrived)]);
      // The watcher reads every 500 ms; well under the 15 s a heartbeat would take to push
      // a buffer out.
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      for (const stream of [viaNginx, first, second]) stream.close();
    }
  });

  it("would hold the stream back with proxy_buffering on (a control of the test above)", async () => {
    const site = stack.site();
    await stack.reloadSite(site.replace("proxy_buffering off;", "proxy_buffering on;"));
    try {
      await expect(
        openEventStream(https, "/api/v1/sync/events", device.token, 2_000),
      ).rejects.toThrow(/no response head/);
    } finally {
      await stack.reloadSite(site);
    }
  });

  it("keeps accepting sales while one instance is stopped and started again", async () => {
    const statuses: number[] = [];
    let running = true;
    const sales = (async () => {
      while (running) statuses.push((await pushSale()).status);
    })();

    await new Promise((resolve) => setTimeout(resolve, 300));
    stack.supervisorctl("stop", "ocpizza:ocpizza-1");
    const whileStopped = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(statuses.length).toBeGreaterThan(whileStopped);
    stack.supervisorctl("start", "ocpizza:ocpizza-1");
    await waitUntilReady(stack.instancePorts[0]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await sales;

    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const sql = await mysql.createConnection(`${SERVER_URL}/${databaseName}`);
    const [rows] = await sql.query<RowDataPacket[]>(
      "SELECT last_applied_seq FROM devices WHERE store_id = 'bastille' AND name = 'Comptoir'",
    );
    await sql.end();
    expect(Number(rows[0].last_applied_seq)).toBe(seq);
    // Both instances served again afterwards: the restarted one answers directly.
    expect((await pushSale(instance(stack.instancePorts[0]))).status).toBe(200);
  });

  it("logs what nginx refused to stdout only as warnings, never errors of its own config", () => {
    const errors = readFileSync(join(dir, "nginx-error.log"), "utf8")
      .split("\n")
      .filter((line) => /\[(emerg|alert|crit)\]/.test(line));
    expect(errors).toEqual([]);
  });
});
