/**
 * The OpenAPI document stays true: every public route the app registers is
 * in it and nothing else is, every $ref resolves, and real answers of the app
 * (success and refusal) match the schemas the document was generated from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FAKE_PLACES } from "../testing/fake-google.js";
import {
  createOnlineWorld,
  pickupOrder,
  postOrder,
  type OnlineWorld,
} from "../online/online-fixtures.js";
import { createCustomer, signIn } from "../testing/account-fixtures.js";
import { PUBLIC_OPERATIONS, RESPONSES } from "./openapi.js";

const PUBLIC_PREFIXES = [
  "/api/v1/stores",
  "/api/v1/menu",
  "/api/v1/config",
  "/api/v1/delivery/",
  "/api/v1/online-orders",
  "/api/v1/account/orders",
  "/api/v1/openapi.json",
];

let w: OnlineWorld;
let document: any;
const checked = new Set<string>();

beforeAll(async () => {
  w = await createOnlineWorld();
  document = await (await w.app.request("/api/v1/openapi.json")).json();
});
afterAll(async () => {
  await w?.close();
});

/** Sends a request and checks the answer against the documented schema of its status. */
async function conforms(
  method: string,
  path: string,
  template: string,
  init: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const response = await w.app.request(path, {
    method: method.toUpperCase(),
    headers: { "content-type": "application/json", ...init.headers },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body = await response.json();
  const op = PUBLIC_OPERATIONS.find((o) => o.method === method && o.path === template);
  const name = op?.responses[response.status];
  expect(name, `${method} ${template} answered ${response.status}, undocumented`).toBeDefined();
  const parsed = RESPONSES[name!].safeParse(body);
  expect(parsed.error?.issues ?? [], `${method} ${template} ${response.status}`).toEqual([]);
  expect(document.paths[template][method].responses[response.status].content).toBeDefined();
  checked.add(`${method} ${template} ${response.status}`);
  return { status: response.status, body };
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and every $ref in it resolves", () => {
    expect(document.openapi).toBe("3.1.0");
    const refs = JSON.stringify(document).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.split("/").at(-1)!.replace('"', "");
      expect(document.components.schemas[name], ref).toBeDefined();
    }
  });

  it("holds every public route of the app, and no route the app lacks", () => {
    const registered = new Set(
      w.app.routes
        .filter((r) => r.method !== "ALL")
        .filter((r) => PUBLIC_PREFIXES.some((prefix) => r.path.startsWith(prefix)))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, ops]) =>
        Object.keys(ops as object).map((method) => `${method} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...registered].sort());
  });

  it("documents the order request's required fields", () => {
    const request = document.components.schemas.OnlineOrderRequest;
    expect(request.required).toEqual(
      expect.arrayContaining([
        "idempotencyKey",
        "storeId",
        "items",
        "customer",
        "clientTotalCents",
      ]),
    );
  });
});

describe("real answers match the documented schemas", () => {
  it("for the stores, slots, menu, config and quotes", async () => {
    await conforms("get", "/api/v1/stores", "/api/v1/stores");
    await conforms("get", "/api/v1/stores/bastille", "/api/v1/stores/{storeId}");
    await conforms("get", "/api/v1/stores/nowhere", "/api/v1/stores/{storeId}");
    await conforms("get", "/api/v1/stores/bastille/slots", "/api/v1/stores/{storeId}/slots");
    await conforms(
      "get",
      "/api/v1/stores/bastille/slots?date=1999-01-01",
      "/api/v1/stores/{storeId}/slots",
    );
    await conforms("get", "/api/v1/menu", "/api/v1/menu");
    await conforms("get", "/api/v1/menu?storeId=bastille", "/api/v1/menu");
    await conforms("get", "/api/v1/config", "/api/v1/config");
    await conforms("get", "/api/v1/openapi.json", "/api/v1/openapi.json");
    const quote = "/api/v1/delivery/quote";
    await conforms("post", quote, quote, { json: { address: FAKE_PLACES.nearBastille.address } });
    await conforms("post", quote, quote, { json: { address: FAKE_PLACES.lyon.address } });
    await conforms("post", quote, quote, { json: { address: 12 } });
  });

  it("for an online order's life: created, read, changed, cancelled, refused", async () => {
    const orders = "/api/v1/online-orders";
    const body = pickupOrder(w.menu, 1);
    const created = await conforms("post", orders, orders, { json: body });
    await conforms("post", orders, orders, { json: { ...body, clientTotalCents: 1 } });
    await conforms("post", orders, orders, { json: { ...body, items: [] } });
    await conforms("post", orders, orders, {
      json: { ...pickupOrder(w.menu, 2), idempotencyKey: body.idempotencyKey },
    });

    const { id } = created.body.order;
    const one = `${orders}/{id}`;
    const link = `${orders}/${id}?token=${created.body.token}`;
    await conforms("get", link, one);
    await conforms("get", `${orders}/${id}`, one);
    await conforms("put", link, one, { json: { clientTotalCents: created.body.order.totalCents } });
    await conforms("put", link, one, { json: { clientTotalCents: 1 } });
    await conforms("post", `${orders}/${id}/cancel?token=${created.body.token}`, `${one}/cancel`);
    await conforms("put", link, one, { json: { clientTotalCents: created.body.order.totalCents } });
  });

  it("for a signed-in customer's orders, and a guest asking for them", async () => {
    const cookie = await signIn(w.app, await createCustomer(w.t.db));
    const headers = { cookie, "x-requested-with": "ocpizza" };
    await postOrder(w, pickupOrder(w.menu, 1), headers);

    await conforms("get", "/api/v1/account/orders", "/api/v1/account/orders", { headers });
    await conforms("get", "/api/v1/account/orders", "/api/v1/account/orders");
  });

  it("covered every documented success answer", () => {
    const successes = PUBLIC_OPERATIONS.flatMap((op) =>
      Object.keys(op.responses)
        .filter((status) => Number(status) < 300)
        .map((status) => `${op.method} ${op.path} ${status}`),
    );
    // Checked against a fake Square in routes/card-payments.test.ts (this world has no Square).
    const elsewhere = new Set(["post /api/v1/online-orders/{id}/card-payment 200"]);
    expect(successes.filter((s) => !checked.has(s) && !elsewhere.has(s))).toEqual([]);
  });
});
