/**
 * Bad requests to the stock, driver settlement and delivery push endpoints:
 * the right 4xx naming the field, nothing written.
 */
import { randomUUID } from "node:crypto";

import { createStaff } from "../testing/account-fixtures.js";
import {
  call,
  describeBadRequests,
  type Case,
  type RequestSpec,
  type World,
} from "../testing/bad-requests.js";
import { pushBody } from "../testing/fixtures.js";

type Spec = (w: World) => RequestSpec;
const asAdmin =
  (json: unknown): Spec =>
  (w) => ({ token: w.t.adminToken, json });
const entry =
  (path: string, spec: Spec, storeId = "bastille") =>
  (w: World) =>
    call(w, "POST", `/api/v1/admin/stores/${storeId}/stock/${path}`, spec(w));
const threshold = (ingredientId: string, spec: Spec) => (w: World) =>
  call(w, "PUT", `/api/v1/admin/stores/bastille/stock/${ingredientId}/threshold`, spec(w));
const settle = (spec: Spec) => (w: World) =>
  call(w, "POST", "/api/v1/devices/me/driver-settlements", spec(w));
const asDevice =
  (json: unknown): Spec =>
  (w) => ({ token: w.storeA.token, json });
const good = () => ({
  reference: randomUUID(),
  items: [{ ingredientId: "mozzarella-cheese", quantity: 500 }],
});

/** Staff of bastille made in setup: a driver and a counter clerk; one of montmartre. */
const ids = { driver: "", counter: "", elsewhere: "" };

const cases: Case[] = [
  ["stock: no token", (w) => call(w, "GET", "/api/v1/devices/me/stock"), 401, "unauthorized"],
  [
    "delivery in: no admin token",
    entry("deliveries", () => ({ json: good() })),
    401,
    "unauthorized",
  ],
  [
    "delivery in: a device token (not a manager)",
    entry("deliveries", (w) => ({ token: w.storeA.token, json: good() })),
    403,
    "forbidden",
  ],
  [
    "delivery in: malformed JSON",
    entry("deliveries", (w) => ({ token: w.t.adminToken, raw: '{"items":' })),
    400,
    "invalid_json",
  ],
  [
    "delivery in: no reference",
    entry("deliveries", asAdmin({ ...good(), reference: undefined })),
    400,
    "invalid_message",
    /reference/,
  ],
  [
    "delivery in: a quantity of 0",
    entry("deliveries", asAdmin({ ...good(), items: [{ ingredientId: "tomatoes", quantity: 0 }] })),
    400,
    "invalid_message",
    /items\.0\.quantity/,
  ],
  [
    "delivery in: a fractional quantity",
    entry(
      "deliveries",
      asAdmin({ ...good(), items: [{ ingredientId: "tomatoes", quantity: 1.5 }] }),
    ),
    400,
    "invalid_message",
    /items\.0\.quantity/,
  ],
  [
    "delivery in: an ingredient the menu does not know",
    entry(
      "deliveries",
      asAdmin({
        ...good(),
        items: [
          { ingredientId: "tomatoes", quantity: 5 },
          { ingredientId: "unobtainium", quantity: 5 },
        ],
      }),
    ),
    400,
    "invalid_message",
    /items\.1\.ingredientId.*unobtainium/,
  ],
  [
    "delivery in: no items",
    entry("deliveries", asAdmin({ ...good(), items: [] })),
    400,
    "invalid_message",
    /items/,
  ],
  [
    "delivery in: an unknown store",
    entry("deliveries", asAdmin(good()), "lyon"),
    404,
    "not_found",
    /lyon/,
  ],
  [
    "count: a negative quantity",
    entry("counts", asAdmin({ ...good(), items: [{ ingredientId: "tomatoes", quantity: -1 }] })),
    400,
    "invalid_message",
    /items\.0\.quantity/,
  ],
  [
    "waste: a note of 300 characters",
    entry("waste", asAdmin({ ...good(), note: "x".repeat(300) })),
    400,
    "invalid_message",
    /note/,
  ],
  [
    "threshold: negative",
    threshold("tomatoes", asAdmin({ lowThreshold: -5 })),
    400,
    "invalid_message",
    /lowThreshold/,
  ],
  [
    "threshold: missing",
    threshold("tomatoes", asAdmin({})),
    400,
    "invalid_message",
    /lowThreshold/,
  ],
  [
    "threshold: an unknown ingredient",
    threshold("unobtainium", asAdmin({ lowThreshold: 5 })),
    400,
    "invalid_message",
    /ingredientId.*unobtainium/,
  ],
  ["settlement: no token", settle(() => ({ json: {} })), 401, "unauthorized"],
  [
    "settlement: the operator (not a device)",
    settle((w) => ({ token: w.t.adminToken, json: {} })),
    403,
    "forbidden",
  ],
  [
    "settlement: negative cash",
    settle(asDevice({ driverStaffId: randomUUID(), staffId: randomUUID(), countedCents: -1 })),
    400,
    "invalid_message",
    /countedCents/,
  ],
  [
    "settlement: no staffId",
    settle(asDevice({ driverStaffId: randomUUID(), countedCents: 100 })),
    400,
    "invalid_message",
    /staffId/,
  ],
  [
    "settlement: a driver of another store",
    (w) =>
      settle(asDevice({ driverStaffId: ids.elsewhere, staffId: ids.counter, countedCents: 0 }))(w),
    400,
    "invalid_message",
    /driverStaffId/,
  ],
  [
    "settlement: counted by someone who is not staff here",
    (w) =>
      settle(asDevice({ driverStaffId: ids.driver, staffId: ids.elsewhere, countedCents: 0 }))(w),
    400,
    "invalid_message",
    /staffId/,
  ],
  [
    "open deliveries: no driver",
    (w) => call(w, "GET", "/api/v1/devices/me/driver-settlements/open", { token: w.storeA.token }),
    400,
    "invalid_message",
    /driverStaffId/,
  ],
  [
    "settlement list: a limit of 0",
    (w) =>
      call(w, "GET", "/api/v1/admin/stores/bastille/driver-settlements?limit=0", {
        token: w.t.adminToken,
      }),
    400,
    "invalid_message",
    /limit/,
  ],
  [
    "round: no stops",
    (w) =>
      call(w, "POST", "/api/v1/devices/me/delivery-round", {
        token: w.storeA.token,
        json: { orderIds: [] },
      }),
    400,
    "invalid_message",
    /orderIds/,
  ],
  [
    "round: a stop that is not an order id",
    (w) =>
      call(w, "POST", "/api/v1/devices/me/delivery-round", {
        token: w.storeA.token,
        json: { orderIds: ["rue de Lappe"] },
      }),
    400,
    "invalid_message",
    /orderIds\.0/,
  ],
  [
    "push: a delivery assigned to nobody",
    (w) =>
      call(w, "POST", "/api/v1/sync/push", {
        token: w.storeA.token,
        json: pushBody(w.storeA, [
          {
            seq: 1,
            atMs: Date.now(),
            kind: "delivery.update",
            orderId: randomUUID(),
            step: "assign",
          },
        ]),
      }),
    400,
    "invalid_message",
    /driverStaffId/,
  ],
  [
    "push: a line moved to a status that does not exist",
    (w) =>
      call(w, "POST", "/api/v1/sync/push", {
        token: w.storeA.token,
        json: pushBody(w.storeA, [
          {
            seq: 1,
            atMs: Date.now(),
            kind: "order.line_status",
            orderId: randomUUID(),
            lineId: randomUUID(),
            status: "burnt",
          },
        ]),
      }),
    400,
    "invalid_message",
    /status/,
  ],
];

describeBadRequests("a bad stock, settlement or kitchen request", cases, async (w) => {
  ids.driver = (await createStaff(w.t.db, { role: "driver", password: null })).id;
  ids.counter = (await createStaff(w.t.db, { role: "counter", password: null })).id;
  ids.elsewhere = (
    await createStaff(w.t.db, { role: "driver", password: null, storeIds: ["montmartre"] })
  ).id;
});
