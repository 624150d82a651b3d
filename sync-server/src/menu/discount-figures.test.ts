/**
 * A discounted sale's figures agree to the cent everywhere: the ticket the
 * counter chains, the order and its VAT rows, the X report and the sales
 * report all carry what was paid (net of discounts), with each rate's VAT
 * derived from that rate's net total. A manager's approval clears the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2";

import {
  businessDay,
  discountOrder,
  rateLabel,
  withDiscounts,
  type MenuSnapshot,
  type Order,
} from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { DeviceRegister } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
let device: PairedDevice;
const STORE = "vincennes";

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  device = await pairDevice(t, STORE);
});
afterAll(() => t?.drop());

/** Pizza, soft drink and beer (10 %, 5.5 % and 20 % taken away) with discounts worked in. */
function discountedOrder(lineDiscountBp: number, orderDiscountBp: number, callNumber: number) {
  const plain = buildOrder(
    menu,
    [
      { productId: "the_greek", size: "L", quantity: 3 },
      { productId: "coca_cola_33", size: "U", quantity: 2 },
      { productId: "biere_peroni_33", size: "U" },
    ],
    { callNumber },
  );
  const lines = plain.lines.map((line, i) =>
    i === 0 ? { ...line, discount: { kind: "percent" as const, value: lineDiscountBp } } : line,
  );
  const orderDiscount =
    orderDiscountBp > 0 ? { kind: "percent" as const, value: orderDiscountBp } : undefined;
  const day = businessDay(plain.createdAtMs, "Europe/Paris", 240);
  const discounts = discountOrder(lines, { businessDay: day, orderDiscount });
  const withCents = withDiscounts(lines, discounts) as Order["lines"];
  const totalCents = withCents.reduce(
    (sum, l) => sum + l.unitPriceCents * l.quantity - (l.discountCents ?? 0),
    0,
  );
  return {
    ...plain,
    lines: withCents,
    totalCents,
    ...(orderDiscount && { discount: orderDiscount }),
  };
}

describe("a discounted sale's figures", () => {
  let seq = 0;
  let register: DeviceRegister;
  async function sell(order: Order, approvedByStaffId?: string) {
    register ??= new DeviceRegister(device.deviceId, STORE);
    const payment = cashPayment(order.totalCents);
    seq += 1;
    const mutation = {
      ...createMutation(seq, order, { payments: [payment], status: "completed" }),
      ticket: register.sale(order, [payment]),
      ...(approvedByStaffId && { approvedByStaffId }),
    };
    const pushed = await postPush(t.app, device, pushBody(device, [mutation]));
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    return { result: pushed.body.results[0], ticket: mutation.ticket };
  }

  it("ticket, order VAT, X report and sales report agree to the cent", async () => {
    const order = discountedOrder(1000, 500, 1);
    expect(order.lines[0].discountCents).toBeGreaterThan(0);
    const { result, ticket } = await sell(order);
    expect(result.outcome).toBe("applied");
    expect(ticket.content.totalCents).toBe(order.totalCents);

    const [vatRows] = await t.pool.query<RowDataPacket[]>(
      "SELECT rate_bp, total_cents, vat_cents FROM order_vat " +
        "WHERE order_id = UNHEX(REPLACE(?, '-', '')) ORDER BY rate_bp",
      [order.id],
    );
    expect(vatRows.map((r) => [r.rate_bp, r.total_cents, r.vat_cents])).toEqual(
      ticket.content.vat.map((v) => [v.rateBp, v.totalCents, v.vatCents]),
    );

    const day = businessDay(order.createdAtMs, "Europe/Paris", 240);
    const headers = { authorization: `Bearer ${t.adminToken}` };
    const x = (await (
      await t.app.request(`/api/v1/admin/x-report?storeId=${STORE}&day=${day}`, { headers })
    ).json()) as {
      totals: { totalCents: number; byVatRate: Record<string, { vatCents: number }> };
    };
    expect(x.totals.totalCents).toBe(order.totalCents);
    for (const v of ticket.content.vat) {
      expect(x.totals.byVatRate[rateLabel(v.rateBp)].vatCents).toBe(v.vatCents);
    }

    const report = (await (
      await t.app.request(`/api/v1/reports/sales?storeId=${STORE}&from=${day}&to=${day}`, {
        headers,
      })
    ).json()) as { revenueCents: number; vatByRate: Record<string, { vatCents: number }> };
    expect(report.revenueCents).toBe(order.totalCents);
    for (const v of ticket.content.vat) {
      expect(report.vatByRate[rateLabel(v.rateBp)].vatCents).toBe(v.vatCents);
    }
  });

  it("30 % approved by a manager of the store is applied; unapproved it is flagged", async () => {
    const manager = await createStaff(t.db, { role: "manager", storeIds: [STORE] });
    const approved = await sell(discountedOrder(3000, 0, 2), manager.id);
    expect(approved.result.outcome).toBe("applied");
    const alone = await sell(discountedOrder(3000, 0, 3));
    expect(alone.result).toMatchObject({ outcome: "flagged", code: "discount_over_limit" });
  });

  it("a raised counter limit lets the same 30 % through without approval", async () => {
    const raised = await t.app.request("/api/v1/admin/menu/discount-limits", {
      method: "PUT",
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ counter: 3000, pizzaiolo: 0, driver: 0 }),
    });
    expect(raised.status).toBe(200);
    menu = await fetchMenu(t.app);
    expect(menu.discountLimits?.counter).toBe(3000);
    const { result } = await sell(discountedOrder(3000, 0, 4));
    expect(result.outcome).toBe("applied");
  });
});
