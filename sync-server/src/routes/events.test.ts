/**
 * The device event stream against the real app and database: a push through
 * one app (instance A) reaches a stream opened on another app with its own
 * watcher (instance B), heartbeats, the end of a stream (client gone, server
 * stopping, lifetime), and refusals of other stores and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import { silentLogger } from "../logger.js";
import { createShutdown } from "../monitoring/shutdown.js";
import {
  buildOrder,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { StoreVersionWatcher } from "./events.js";

let t: TestDatabase;
let menu: MenuSnapshot;
let device: PairedDevice;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  device = await pairDevice(t, "bastille");
});
afterAll(() => t?.drop());

/** Reads a server-sent event stream as text, a chunk at a time. */
function streamReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let done = false;
  return {
    get text() {
      return text;
    },
    /** Reads until `test` holds on everything read so far, or fails after `timeoutMs`. */
    async until(test: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!test(text)) {
        if (done) throw new Error(`the stream ended before the expected text: ${text}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`nothing expected within ${timeoutMs} ms: ${text}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
        ]);
        if (chunk === null) continue;
        if (chunk.done) done = true;
        else text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
    /** Resolves true when the server ends the stream within `timeoutMs`. */
    async ends(timeoutMs = 5_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!done && Date.now() < deadline) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
        ]);
        if (chunk?.done) done = true;
        else if (chunk) text += decoder.decode(chunk.value, { stream: true });
      }
      return done;
    },
    cancel: () => reader.cancel(),
  };
}

/** The store versions of every `changed` event read so far. */
function changedVersions(text: string): number[] {
  return [...text.matchAll(/event: changed\ndata: (.*)\n/g)].map(
    (match) => JSON.parse(match[1]).storeVersion as number,
  );
}

function openStream(app: TestDatabase["app"], token: string, query = "") {
  return app.request(`/api/v1/sync/events${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

async function pushOneOrder(app: TestDatabase["app"], seq: number) {
  const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }], { callNumber: seq });
  const pushed = await postPush(app, device, pushBody(device, [createMutation(seq, order)]));
  expect(pushed.status).toBe(200);
  return pushed.body.storeVersion as number;
}

const until = async (check: () => boolean, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe("GET /api/v1/sync/events", () => {
  it("sends the version of a push made through another instance, then cleans up", async () => {
    const watcher = new StoreVersionWatcher(t.pool, 50, silentLogger());
    const instanceB = t.makeApp({ events: { watcher } });

    const response = await openStream(instanceB, device.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = streamReader(response);
    const first = await stream.until((text) => changedVersions(text).length === 1);
    expect(first).toContain("retry: 3000");

    const pushedVersion = await pushOneOrder(t.app, 1);
    await stream.until((text) => changedVersions(text).includes(pushedVersion));
    expect(changedVersions(stream.text)).toEqual([pushedVersion - 1, pushedVersion]);
    expect(stream.text).toContain(`id: ${pushedVersion}\n`);
    expect(watcher.listenerCount).toBe(1);

    await stream.cancel();
    expect(await until(() => watcher.listenerCount === 0 && !watcher.polling)).toBe(true);
  });

  it("answers HEAD with the stream's head and keeps nothing open", async () => {
    const watcher = new StoreVersionWatcher(t.pool, 50, silentLogger());
    const app = t.makeApp({ events: { watcher } });

    const head = await app.request("/api/v1/sync/events", {
      method: "HEAD",
      headers: { authorization: `Bearer ${device.token}` },
    });

    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(watcher.listenerCount).toBe(0);
  });

  it("sends a heartbeat comment while nothing changes", async () => {
    const app = t.makeApp({ events: { heartbeatMs: 50 } });
    const stream = streamReader(await openStream(app, device.token));

    const text = await stream.until((read) => read.includes(": heartbeat\n\n"), 2_000);

    expect(changedVersions(text)).toHaveLength(1);
    await stream.cancel();
  });

  it("ends every stream when the server begins to stop, and refuses new ones", async () => {
    const shutdown = createShutdown();
    const app = t.makeApp({ shutdown });
    const stream = streamReader(await openStream(app, device.token));
    await stream.until((text) => changedVersions(text).length === 1);

    shutdown.begin();

    expect(await stream.ends()).toBe(true);
    const refused = await openStream(app, device.token);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe("unavailable");
  });

  it("ends a stream after its lifetime so the client reconnects and is checked again", async () => {
    const app = t.makeApp({ events: { maxStreamMs: 300 } });
    const stream = streamReader(await openStream(app, device.token));

    expect(await stream.ends(3_000)).toBe(true);
    expect(changedVersions(stream.text)).toHaveLength(1);
  });

  it("follows the device's store when asked by name, and refuses another store", async () => {
    const own = streamReader(await openStream(t.app, device.token, "?storeId=bastille"));
    await own.until((text) => text.includes('"storeId":"bastille"'));
    await own.cancel();

    const other = await openStream(t.app, device.token, "?storeId=montmartre");
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toContain("bastille");
  });

  it.each([
    ["a malformed store id", "?storeId=Not%20a%20store", 400, "invalid_message"],
    ["a store id too long", `?storeId=${"a".repeat(40)}`, 400, "invalid_message"],
  ])("answers %s with a clear 4xx", async (_, query, status, code) => {
    const response = await openStream(t.app, device.token, query);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it("answers 401 without a device token and with an unknown one", async () => {
    const none = await t.app.request("/api/v1/sync/events");
    const unknown = await openStream(t.app, "not-a-real-token");
    expect([none.status, unknown.status]).toEqual([401, 401]);
  });
});
