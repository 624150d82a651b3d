import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { recordSale } from "../db/sale.js";
import { fill } from "../i18n/format.js";
import { fr, type MessageKey } from "../i18n/fr.js";
import { openPairedDb, pizzaLine } from "../testing/fixtures.js";
import { describeCommandError } from "./commands.js";

const t = (key: MessageKey, values?: Record<string, string | number>) => fill(fr[key], values);
const NOW = Date.UTC(2025, 0, 15, 19, 30);

describe("a sale the schema refuses, as the clerk reads it", () => {
  it("says in French that 100 000 € is the most, never zod's English", async () => {
    const db = await openPairedDb();
    const failure = await recordSale(
      db,
      {
        channel: "counter",
        serviceMode: "takeaway",
        lines: [pizzaLine()],
        payments: [{ method: "cash", amountCents: 1250, tenderedCents: 10_000_001 }],
        status: "completed",
        menuVersion: 1,
      },
      NOW,
    ).catch((error: unknown) => error);

    const sentence = describeCommandError(t, failure);
    expect(sentence).toBe(fr["command.invalid.amount_too_big"]);
    expect(sentence).not.toMatch(/too big|tenderedCents/i);
  });

  it("says an order counts at most 100 lines", async () => {
    const db = await openPairedDb();
    const failure = await recordSale(
      db,
      {
        channel: "counter",
        serviceMode: "takeaway",
        lines: Array.from({ length: 101 }, () => pizzaLine()),
        payments: [],
        status: "accepted",
        menuVersion: 1,
      },
      NOW,
    ).catch((error: unknown) => error);

    expect(describeCommandError(t, failure)).toBe("Une commande compte au plus 100 lignes.");
  });

  it("says the tablet's storage is full, as IndexedDB or Dexie reports it", () => {
    const quota = new DOMException("quota", "QuotaExceededError");
    const wrapped = Object.assign(new Error("Dexie: quota"), { inner: quota });

    expect(describeCommandError(t, quota)).toBe(fr["command.storage_full"]);
    expect(describeCommandError(t, wrapped)).toBe(fr["command.storage_full"]);
    expect(describeCommandError(t, new Error("disk on fire"))).toContain("disk on fire");
  });
});
