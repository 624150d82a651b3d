import "fake-indexeddb/auto";

import { describe, expect, it, vi } from "vitest";

import { syncSetup } from "../testing/sync-setup.js";
import { parseFrame, ServerEvents } from "./server-events.js";

/** An event stream the test writes into, answered to the events request. */
function eventStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const requests: { url: string; authorization: string | null }[] = [];
  return {
    requests,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    fetch: async (url: string, init?: RequestInit) => {
      requests.push({ url, authorization: new Headers(init?.headers).get("authorization") });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    },
  };
}

const changed = (storeVersion: number) => {
  const data = JSON.stringify({ storeId: "bastille", storeVersion });
  return `event: changed\nid: ${storeVersion}\ndata: ${data}\n\n`;
};

describe("the server's event stream", () => {
  it("makes the engine pull once for a change past the cursor, none for where it is", async () => {
    const { db, server, engine } = await syncSetup();
    const stream = eventStream();
    const events = new ServerEvents({ db, engine, fetch: stream.fetch });
    const pulls = () => server.requests.filter((r) => r.route === "pull").length;
    events.start();
    await vi.waitFor(() => expect(stream.requests).toHaveLength(1));

    // Where the store stands on connecting: this tablet is there already.
    stream.send(changed(0));
    stream.send(": heartbeat\n\n");
    stream.send(changed(7));
    await vi.waitFor(() => expect(pulls()).toBe(1));
    await engine.idle();

    expect(pulls()).toBe(1);
    expect(stream.requests[0]).toEqual({
      url: "/api/v1/sync/events",
      authorization: `Bearer ${server.token}`,
    });
    events.stop();
  });
});

describe("reading a frame", () => {
  it.each([
    ["event: changed\ndata: {}", { event: "changed", data: "{}" }],
    ["data: a\ndata: b", { event: "message", data: "a\nb" }],
    [": heartbeat", null],
  ])("%j", (text, frame) => {
    expect(parseFrame(text)).toEqual(frame);
  });
});
