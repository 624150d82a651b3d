/**
 * The role table: every endpoint of the app against every principal, with
 * the status each one gets, run against the real app and database. A row
 * that passes authorization may still be refused for what it asks (a day
 * not over is 409): that status proves it got past the door. A route added
 * to the app without a row here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROTOCOL_VERSION, newId } from "@ocpizza/schema";

import { hashPassword } from "../accounts/passwords.js";
import { createPairingCode } from "../devices/pairing.js";
import { createStaff, GOOD_PASSWORD } from "../testing/account-fixtures.js";
import { insertOrder } from "../testing/fake-square/counter-world.js";
import { pushBody } from "../testing/fixtures.js";
import { validSettings } from "../testing/store-settings-fixtures.js";
import {
  createRoleWorld,
  PRINCIPALS,
  send,
  type RoleWorld,
  type Who,
} from "../testing/role-world.js";

type Expected = Record<Who, number>;
type Request = (
  w: RoleWorld,
  who: Who,
) => Promise<{ path: string; json?: unknown }> | { path: string; json?: unknown };

interface Row {
  route: string;
  request: Request;
  expected: Expected;
}

/** Every principal gets `status`. */
const everyone = (status: number): Expected =>
  Object.fromEntries(PRINCIPALS.map((who) => [who, status])) as Expected;

/** `allowed` get `status`; nobody gets 401, everyone else 403. */
const only = (status: number, allowed: readonly Who[]): Expected =>
  Object.fromEntries(
    PRINCIPALS.map((who) => [
      who,
      allowed.includes(who) ? status : who === "anonymous" ? 401 : 403,
    ]),
  ) as Expected;

const DEVICES: Who[] = ["deviceA", "deviceB"];
const SIGNED_IN: Who[] = [
  "customer",
  "counter",
  "pizzaiolo",
  "driver",
  "managerA",
  "managerB",
  "managerAll",
];
/** Who may act on store A (bastille): the operator and its managers. */
const STORE_A_MANAGERS: Who[] = ["operator", "managerA", "managerAll"];
const EVERY_STORE: Who[] = ["operator", "managerAll"];

const at =
  (path: string, json?: unknown): Request =>
  () => ({ path, json });
const device = (who: Who, w: RoleWorld) => (who === "deviceB" ? w.deviceB : w.deviceA);

const MENU_PROMOTION = {
  nameFr: "Mardi",
  nameEn: "Tuesday",
  kind: "second_item",
  percentBp: 5000,
  startsOn: "2027-01-01",
  endsOn: "2027-12-31",
  weekdays: [2],
};

const PIN = "4826";
const pinnedStaff = new Map<string, Promise<string>>();
/** A counter staff member of the store with PIN 4826, created once. */
function pinned(w: RoleWorld, storeId: string): Promise<string> {
  if (!pinnedStaff.has(storeId)) {
    pinnedStaff.set(
      storeId,
      (async () => {
        const { id } = await createStaff(w.t.db, { role: "counter", storeIds: [storeId] });
        await w.t.pool.query(
          "UPDATE staff SET pin_hash = ? WHERE id = UNHEX(REPLACE(?, '-', ''))",
          [await hashPassword(PIN), id],
        );
        return id;
      })(),
    );
  }
  return pinnedStaff.get(storeId)!;
}

const ROWS: Row[] = [
  { route: "GET /health/live", request: at("/health/live"), expected: everyone(200) },
  { route: "GET /health/ready", request: at("/health/ready"), expected: everyone(200) },
  { route: "GET /health", request: at("/health"), expected: everyone(200) },
  { route: "GET /api/v1/stores", request: at("/api/v1/stores"), expected: everyone(200) },
  { route: "GET /api/v1/menu", request: at("/api/v1/menu"), expected: everyone(200) },
  {
    route: "GET /api/v1/payments/status",
    request: at("/api/v1/payments/status"),
    expected: everyone(200),
  },
  {
    // Anyone, signature-checked: a server-to-server call from Square, never a session or token.
    // No x-square-hmacsha256-signature here, so everyone gets 401 and nothing is written.
    route: "POST /api/v1/webhooks/square",
    request: at("/api/v1/webhooks/square", { type: "payment.created", event_id: "e1", data: {} }),
    expected: everyone(401),
  },
  {
    route: "POST /api/v1/devices/pair",
    request: async (w) => ({
      path: "/api/v1/devices/pair",
      json: {
        code: (await createPairingCode(w.t.db, "bastille", 5, Date.now())).code,
        name: "Caisse",
      },
    }),
    expected: everyone(201),
  },
  {
    route: "POST /api/v1/sync/push",
    request: (w, who) => ({ path: "/api/v1/sync/push", json: pushBody(device(who, w), []) }),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/sync/pull",
    request: at(`/api/v1/sync/pull?protocol=${PROTOCOL_VERSION}&since=0`),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/sync/state",
    request: at("/api/v1/sync/state"),
    expected: only(200, DEVICES),
  },
  {
    // A malformed store id: past the door, refused for what it asks (a stream would not end).
    route: "GET /api/v1/sync/events",
    request: at("/api/v1/sync/events?storeId=Not%20a%20store"),
    expected: only(400, DEVICES),
  },
  {
    route: "GET /api/v1/reports/sales",
    request: at("/api/v1/reports/sales?from=2026-01-01&to=2026-01-31&storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/reports/dashboard",
    request: at("/api/v1/reports/dashboard?from=2026-01-01&to=2026-01-31&storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/reports/devices",
    request: at("/api/v1/reports/devices?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/alerts",
    request: at("/api/v1/alerts?storeId=bastille&status=all"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    // A fresh alert of store A for every principal (acknowledging is idempotent anyway).
    route: "POST /api/v1/alerts/:id/acknowledge",
    request: async (w) => {
      const [result] = await w.t.pool.query<never>(
        "INSERT INTO alerts (store_id, kind, message, created_at) " +
          "VALUES ('bastille', 'sale_flagged', 'role table', UTC_TIMESTAMP(3))",
      );
      return { path: `/api/v1/alerts/${(result as { insertId: number }).insertId}/acknowledge` };
    },
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/alerts/backup-failure",
    request: at("/api/v1/alerts/backup-failure", { message: "role table: dump failed" }),
    expected: only(201, ["operator"]),
  },
  {
    route: "GET /api/v1/admin/x-report",
    request: at("/api/v1/admin/x-report?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    // A day not over: past the door, then refused for what it asks, nothing closed.
    route: "POST /api/v1/admin/closings",
    request: at("/api/v1/admin/closings", {
      storeId: "bastille",
      period: "day",
      key: "2099-01-01",
    }),
    expected: only(409, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/pairing-codes",
    request: at("/api/v1/admin/pairing-codes", { storeId: "bastille" }),
    expected: only(201, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/admin/devices",
    request: at("/api/v1/admin/devices?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/devices/:id/revoke",
    request: (w) => ({ path: `/api/v1/admin/devices/${w.spare.deviceId}/revoke` }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/staff",
    request: () => ({
      path: "/api/v1/admin/staff",
      json: {
        email: `new-${newId().slice(-12)}@ocpizza.test`,
        name: "Sam",
        role: "driver",
        storeIds: ["bastille"],
      },
    }),
    expected: only(201, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/admin/staff",
    request: at("/api/v1/admin/staff?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    // The counter staff member of store A gets a new name (its own session is not a manager's).
    route: "PATCH /api/v1/admin/staff/:staffId",
    request: (w) => ({
      path: `/api/v1/admin/staff/${w.accounts.counter!.account.id}`,
      json: { name: "Sam Petit" },
    }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/account/export",
    request: at("/api/v1/account/export"),
    expected: only(200, ["customer"]),
  },
  {
    // A wrong password: past the door, refused for what it says, nothing erased.
    route: "POST /api/v1/account/erase",
    request: at("/api/v1/account/erase", { password: "not the password at all" }),
    expected: only(400, ["customer"]),
  },
  {
    // An unknown token: open to anyone, the token is the credential.
    route: "POST /api/v1/auth/verify-email",
    request: at("/api/v1/auth/verify-email", { token: "x".repeat(43) }),
    expected: everyone(400),
  },
  {
    route: "POST /api/v1/auth/verify-email/resend",
    request: at("/api/v1/auth/verify-email/resend", { email: "nobody@example.test" }),
    expected: everyone(202),
  },
  {
    route: "PUT /api/v1/admin/staff/:staffId/pin",
    request: async (w) => ({
      path: `/api/v1/admin/staff/${await pinned(w, "bastille")}/pin`,
      json: { pin: PIN },
    }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/devices/me/staff",
    request: at("/api/v1/devices/me/staff"),
    expected: only(200, DEVICES),
  },
  {
    // Each device checks a staff member of its own store (another store's is a 401, tested apart).
    route: "POST /api/v1/devices/me/pin-check",
    request: async (w, who) => ({
      path: "/api/v1/devices/me/pin-check",
      json: { staffId: await pinned(w, who === "deviceB" ? "montmartre" : "bastille"), pin: PIN },
    }),
    expected: only(200, DEVICES),
  },
  {
    route: "POST /api/v1/auth/login",
    request: (w) => ({
      path: "/api/v1/auth/login",
      json: { email: w.loginAccount.email, password: GOOD_PASSWORD },
    }),
    expected: everyone(200),
  },
  {
    route: "POST /api/v1/auth/logout",
    request: at("/api/v1/auth/logout"),
    expected: everyone(204),
  },
  {
    route: "POST /api/v1/auth/logout-all",
    request: at("/api/v1/auth/logout-all"),
    expected: only(200, SIGNED_IN),
  },
  { route: "GET /api/v1/auth/me", request: at("/api/v1/auth/me"), expected: only(200, SIGNED_IN) },
  {
    // A wrong current password: past the door, refused for what it says.
    route: "POST /api/v1/auth/password",
    request: at("/api/v1/auth/password", {
      currentPassword: "not the password at all",
      newPassword: "another long passphrase",
    }),
    expected: only(400, SIGNED_IN),
  },
  {
    route: "POST /api/v1/auth/password-reset",
    request: at("/api/v1/auth/password-reset", { email: "nobody@example.test" }),
    expected: everyone(202),
  },
  {
    // An unknown token: open to anyone, the token is the credential.
    route: "POST /api/v1/auth/password-reset/confirm",
    request: at("/api/v1/auth/password-reset/confirm", {
      token: "x".repeat(43),
      newPassword: "another long passphrase",
    }),
    expected: everyone(400),
  },
  {
    route: "POST /api/v1/customers",
    request: () => ({
      path: "/api/v1/customers",
      json: { email: `c-${newId().slice(-12)}@example.test`, password: GOOD_PASSWORD, name: "Lou" },
    }),
    expected: everyone(202),
  },
  {
    route: "GET /api/v1/stores/:storeId",
    request: at("/api/v1/stores/bastille"),
    expected: everyone(200),
  },
  {
    route: "PUT /api/v1/admin/stores/:storeId/settings",
    request: at("/api/v1/admin/stores/bastille/settings", validSettings()),
    expected: only(200, STORE_A_MANAGERS),
  },
  { route: "GET /api/v1/config", request: at("/api/v1/config"), expected: everyone(200) },
  {
    // No Google server key in this app: past the door, refused with pickup offered.
    route: "POST /api/v1/delivery/quote",
    request: at("/api/v1/delivery/quote", { address: "10 rue de Lappe, 75011 Paris" }),
    expected: everyone(422),
  },
  // Online ordering: public with a body or a link token, so past the door each gets 400 or 404.
  {
    route: "POST /api/v1/online-orders",
    request: at("/api/v1/online-orders", {}),
    expected: everyone(400),
  },
  {
    route: "GET /api/v1/online-orders/:id",
    request: at(`/api/v1/online-orders/${newId()}?token=${"x".repeat(32)}`),
    expected: everyone(404),
  },
  {
    route: "PUT /api/v1/online-orders/:id",
    request: at(`/api/v1/online-orders/${newId()}`, { clientTotalCents: 0 }),
    expected: everyone(404),
  },
  {
    route: "POST /api/v1/online-orders/:id/cancel",
    request: at(`/api/v1/online-orders/${newId()}/cancel`),
    expected: everyone(404),
  },
  {
    route: "GET /api/v1/account/orders",
    request: at("/api/v1/account/orders"),
    expected: only(200, ["customer"]),
  },
  {
    route: "GET /api/v1/stores/:storeId/slots",
    request: at("/api/v1/stores/bastille/slots"),
    expected: everyone(200),
  },
  {
    // An order no store has: a device gets past the door to a 404.
    route: "POST /api/v1/devices/me/online-orders/:id/accept",
    request: at(`/api/v1/devices/me/online-orders/${newId()}/accept`, {}),
    expected: only(404, DEVICES),
  },
  {
    route: "POST /api/v1/devices/me/online-orders/:id/refuse",
    request: at(`/api/v1/devices/me/online-orders/${newId()}/refuse`, { reason: "closed" }),
    expected: only(404, DEVICES),
  },
  {
    route: "GET /api/v1/openapi.json",
    request: at("/api/v1/openapi.json"),
    expected: everyone(200),
  },
  // Card payments (docs/payments.md). Square is off in this world: past the door is 422 or 404.
  {
    // Public, the order link's token is the credential: a wrong one is a 404 for everyone.
    route: "POST /api/v1/online-orders/:id/card-payment",
    request: at(`/api/v1/online-orders/${newId()}/card-payment?token=${"x".repeat(43)}`, {
      sourceId: "cnon:card-nonce-ok",
    }),
    expected: everyone(404),
  },
  {
    // Store B's order: a device of store A is refused; store B's own gets to "cards are off".
    route: "POST /api/v1/devices/me/terminal-checkouts",
    request: async (w) => ({
      path: "/api/v1/devices/me/terminal-checkouts",
      json: {
        orderId: await insertOrder(w.t.db, { storeId: "montmartre" }),
        amountCents: 2500,
        idempotencyKey: newId(),
      },
    }),
    expected: { ...only(422, ["deviceB"]), deviceA: 403 },
  },
  {
    route: "GET /api/v1/devices/me/terminal-checkouts/:id",
    request: at("/api/v1/devices/me/terminal-checkouts/NoSuchCheckout1"),
    expected: only(404, DEVICES),
  },
  {
    route: "POST /api/v1/devices/me/terminal-checkouts/:id/cancel",
    request: at("/api/v1/devices/me/terminal-checkouts/NoSuchCheckout1/cancel"),
    expected: only(404, DEVICES),
  },
  {
    route: "GET /api/v1/admin/terminals",
    request: at("/api/v1/admin/terminals?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "PUT /api/v1/admin/terminals/:deviceId",
    request: (w) => ({
      path: `/api/v1/admin/terminals/${w.deviceA.deviceId}`,
      json: { squareDeviceId: "9fa747a2-25ff-48ee-b078-04381f7c828f" },
    }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/admin/orders/:orderId/money",
    request: async (w) => ({
      path: `/api/v1/admin/orders/${await insertOrder(w.t.db, { storeId: "bastille" })}/money`,
    }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    // Only a manager of the order's store (or the operator) gives money back.
    route: "POST /api/v1/admin/orders/:orderId/refunds",
    request: async (w) => {
      const orderId = await insertOrder(w.t.db, { storeId: "bastille", paidCashCents: 2500 });
      return {
        path: `/api/v1/admin/orders/${orderId}/refunds`,
        json: { amountCents: 500, reason: "erreur", idempotencyKey: newId(), method: "cash" },
      };
    },
    expected: only(201, STORE_A_MANAGERS),
  },
  // The menu is the chain's: only a manager of every store changes it; a store's own
  // managers turn its products on and off.
  {
    route: "GET /api/v1/admin/menu",
    request: at("/api/v1/admin/menu"),
    expected: only(200, ["operator", "managerA", "managerB", "managerAll"]),
  },
  {
    route: "POST /api/v1/admin/menu/products",
    // Each allowed principal creates its own product (an id twice is refused).
    request: (_, who) => ({
      path: "/api/v1/admin/menu/products",
      json: {
        id: `role_${who.toLowerCase()}`,
        categoryId: "desserts",
        nameFr: "Essai",
        nameEn: "Test",
        vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
        sizes: [{ size: "U", priceCents: 100 }],
      },
    }),
    expected: only(201, EVERY_STORE),
  },
  {
    route: "PATCH /api/v1/admin/menu/products/:productId",
    request: at("/api/v1/admin/menu/products/tiramisu", { nameEn: "Tiramisu" }),
    expected: only(200, EVERY_STORE),
  },
  {
    route: "PUT /api/v1/admin/menu/products/:productId/prices",
    request: at("/api/v1/admin/menu/products/hawaiian/prices", {
      prices: [{ size: "M", priceCents: 1400 }],
    }),
    expected: only(200, EVERY_STORE),
  },
  {
    route: "PUT /api/v1/admin/menu/products/:productId/allergens",
    request: at("/api/v1/admin/menu/products/hawaiian/allergens", { allergens: ["gluten"] }),
    expected: only(200, EVERY_STORE),
  },
  {
    route: "PUT /api/v1/admin/menu/products/:productId/availability/:storeId",
    request: at("/api/v1/admin/menu/products/tiramisu/availability/bastille", {
      available: false,
    }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/menu/promotions",
    request: at("/api/v1/admin/menu/promotions", MENU_PROMOTION),
    expected: only(201, EVERY_STORE),
  },
  {
    route: "PUT /api/v1/admin/menu/promotions/:promotionId",
    request: async (w) => {
      await w.t.pool.query(
        "INSERT IGNORE INTO promotions (id, name_fr, name_en, kind, percent_bp, starts_on, " +
          "ends_on, created_at) VALUES ('promo-role', 'A', 'A', 'percent_off', 1000, " +
          "'2027-01-01', '2027-01-31', NOW(3))",
      );
      return { path: "/api/v1/admin/menu/promotions/promo-role", json: MENU_PROMOTION };
    },
    expected: only(200, EVERY_STORE),
  },
  {
    route: "PUT /api/v1/admin/menu/discount-limits",
    request: at("/api/v1/admin/menu/discount-limits", { counter: 1000, pizzaiolo: 0, driver: 0 }),
    expected: only(200, EVERY_STORE),
  },
  // Kitchen, delivery and stock (docs/kitchen-delivery-stock.md). Pizzaiolos and drivers act
  // through a paired device (their staffId on each mutation), never with a session of their own.
  {
    route: "GET /api/v1/devices/me/stock",
    request: at("/api/v1/devices/me/stock"),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/admin/stores/:storeId/stock",
    request: at("/api/v1/admin/stores/bastille/stock"),
    expected: only(200, STORE_A_MANAGERS),
  },
  ...(["deliveries", "counts", "waste"] as const).map((path): Row => ({
    route: `POST /api/v1/admin/stores/:storeId/stock/${path}`,
    request: () => ({
      path: `/api/v1/admin/stores/bastille/stock/${path}`,
      json: { reference: newId(), items: [{ ingredientId: "tomatoes", quantity: 1 }] },
    }),
    expected: only(201, STORE_A_MANAGERS),
  })),
  {
    route: "PUT /api/v1/admin/stores/:storeId/stock/:ingredientId/threshold",
    request: at("/api/v1/admin/stores/bastille/stock/tomatoes/threshold", { lowThreshold: 100 }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/devices/me/driver-settlements/open",
    request: at(`/api/v1/devices/me/driver-settlements/open?driverStaffId=${newId()}`),
    expected: only(200, DEVICES),
  },
  {
    // The driver and who counts must be staff of the device's own store.
    route: "POST /api/v1/devices/me/driver-settlements",
    request: async (w, who) => {
      const id = await pinned(w, who === "deviceB" ? "montmartre" : "bastille");
      return {
        path: "/api/v1/devices/me/driver-settlements",
        json: { driverStaffId: id, staffId: id, countedCents: 0 },
      };
    },
    expected: only(201, DEVICES),
  },
  {
    // An order the store does not have: a device gets past the door to a 400 naming it.
    route: "POST /api/v1/devices/me/delivery-round",
    request: at("/api/v1/devices/me/delivery-round", { orderIds: [newId()] }),
    expected: only(400, DEVICES),
  },
  {
    route: "GET /api/v1/admin/stores/:storeId/driver-settlements",
    request: at("/api/v1/admin/stores/bastille/driver-settlements"),
    expected: only(200, STORE_A_MANAGERS),
  },
];

let w: RoleWorld;
beforeAll(async () => {
  w = await createRoleWorld();
});
afterAll(() => w?.t.drop());

describe("the role table", () => {
  it("has one row for every route of the app, and no row for a route it lacks", () => {
    const routes = new Set(
      w.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`),
    );
    expect(ROWS.map((row) => row.route).sort()).toEqual([...routes].sort());
  });

  const cases = ROWS.flatMap((row) =>
    PRINCIPALS.map((who) => [row.route, who, row.expected[who], row] as const),
  );
  it.each(cases)("%s as %s -> %i", async (route, who, status, row) => {
    const method = route.split(" ")[0];
    const { path, json } = await row.request(w, who);
    const response = await send(w, who, method, path, json);

    const text = await response.text();
    expect({ status: response.status, text: text.slice(0, 300) }).toMatchObject({ status });
    if (status === 401) expect(JSON.parse(text).error.code).toBe("unauthorized");
    if (status === 403) expect(JSON.parse(text).error.code).toBe("forbidden");
  });
});
