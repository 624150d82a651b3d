import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openPairedDb, pizzaLine } from "../testing/fixtures.js";
import { CommandError } from "../db/command-error.js";
import { changeOrderStatus, needsApproval } from "../db/order-commands.js";
import { recordSale } from "../db/sale.js";
import type { LocalOrder } from "../db/types.js";
import { kitchenQueue, moveLine } from "./kitchen-commands.js";

const NOW = Date.UTC(2025, 0, 15, 19, 30);

async function saleWithTwoLines() {
  const db = await openPairedDb();
  const order = await recordSale(
    db,
    {
      channel: "counter",
      serviceMode: "takeaway",
      lines: [pizzaLine(1), pizzaLine(1)],
      payments: [],
      status: "accepted",
      menuVersion: 1,
    },
    NOW,
  );
  return { db, order };
}

describe("moving a line in the kitchen", () => {
  it("writes the line's status with its outbox entry; the order follows its lines", async () => {
    const { db, order } = await saleWithTwoLines();
    const [first, second] = order.lines;

    await moveLine(db, order.id, first.id, "preparing", NOW + 1);
    expect((await db.orders.get(order.id))?.status).toBe("preparing");
    for (const line of [first, second]) {
      await moveLine(db, order.id, line.id, line === first ? "in_oven" : "preparing", NOW + 2);
    }
    await moveLine(db, order.id, first.id, "ready", NOW + 3);
    await moveLine(db, order.id, second.id, "in_oven", NOW + 4);
    await moveLine(db, order.id, second.id, "ready", NOW + 5);

    const stored = await db.orders.get(order.id);
    expect(stored?.status).toBe("ready");
    expect(stored?.preparation).toEqual({ [first.id]: "ready", [second.id]: "ready" });
    const kinds = (await db.outbox.toArray()).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === "order.line_status")).toHaveLength(6);
  });

  it("refuses a skipped step and writes nothing", async () => {
    const { db, order } = await saleWithTwoLines();

    await expect(moveLine(db, order.id, order.lines[0].id, "ready", NOW)).rejects.toBeInstanceOf(
      CommandError,
    );
    expect(await db.outbox.count()).toBe(1);
  });

  it("asks a manager to cancel once the kitchen has started", async () => {
    const { db, order } = await saleWithTwoLines();
    expect(needsApproval(order, "cancelled")).toBe(false);

    const started = await moveLine(db, order.id, order.lines[0].id, "preparing", NOW);

    expect(needsApproval(started, "cancelled")).toBe(true);
    await expect(changeOrderStatus(db, order.id, "cancelled")).rejects.toBeInstanceOf(Error);
  });
});

describe("the kitchen's queue", () => {
  it("puts the order promised first at the top and leaves out what is not to prepare", () => {
    const order = (id: string, fields: Partial<LocalOrder>) =>
      ({ id, status: "accepted", lines: [{}], createdAtMs: 0, ...fields }) as LocalOrder;
    const queue = kitchenQueue([
      order("late", { createdAtMs: 3_000 }),
      order("online", { createdAtMs: 5_000, promisedAtMs: 1_000 }),
      order("ready", { status: "ready", createdAtMs: 0 }),
      order("early", { status: "preparing", createdAtMs: 2_000 }),
      order("pending", { status: "pending", createdAtMs: 0 }),
    ]);
    expect(queue.map((o) => o.id)).toEqual(["online", "early", "late"]);
  });
});
