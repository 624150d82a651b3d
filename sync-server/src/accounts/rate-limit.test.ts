/**
 * Sign-in rate limits held in MySQL: two app instances on one database share
 * the counters, per account and per address, with Retry-After, a window that
 * ends on the injected clock, and the same treatment for unknown emails.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Pool } from "mysql2/promise";

import type { AppDeps } from "../app.js";
import { createDb, createPool, parseDatabaseUrl } from "../db/connection.js";
import {
  authRequest,
  createCustomer,
  GOOD_PASSWORD,
  type TestAccount,
} from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let otherPool: Pool;
let nowMs: number;

beforeAll(async () => {
  t = await createTestDatabase();
  otherPool = createPool(parseDatabaseUrl(t.url), { size: 2 });
});
afterAll(async () => {
  await otherPool?.end();
  await t?.drop();
});

/** Two server instances, each with its own connection pool, on one database. */
function twoInstances(limits = { perAccount: 3, perAddress: 5, windowMs: 15 * 60_000 }) {
  nowMs = Date.now();
  const deps: Partial<AppDeps> = { now: () => nowMs, auth: { limits, trustProxy: true } };
  return [t.makeApp(deps), t.makeApp({ ...deps, pool: otherPool, db: createDb(otherPool) })];
}

const randomAddress = () => `10.${[...randomBytes(3)].join(".")}`;

function attempt(
  app: ReturnType<typeof t.makeApp>,
  account: Pick<TestAccount, "email">,
  password: string,
  address: string,
) {
  return authRequest(app, "POST", "/api/v1/auth/login", {
    json: { email: account.email, password },
    headers: { "x-forwarded-for": `203.0.113.9, ${address}` },
  });
}

describe("sign-in rate limits", () => {
  it("counts an account's failures across two instances and answers 429 with Retry-After", async () => {
    const [first, second] = twoInstances();
    const customer = await createCustomer(t.db);

    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const app = i % 2 === 0 ? first : second;
      statuses.push((await attempt(app, customer, `wrong ${i}`, randomAddress())).status);
    }
    const limited = await attempt(second, customer, GOOD_PASSWORD, randomAddress());
    const body = await limited.json();

    expect(statuses).toEqual([401, 401, 401]);
    expect(limited.status).toBe(429);
    expect(body.error.code).toBe("rate_limited");
    expect(limited.headers.get("retry-after")).toBe("900");
    expect(limited.headers.getSetCookie()).toEqual([]);
  });

  it("lets the account in again once the window is over", async () => {
    const [first] = twoInstances();
    const customer = await createCustomer(t.db);
    for (let i = 0; i < 4; i++) await attempt(first, customer, "wrong", randomAddress());

    nowMs += 10 * 60_000;
    const stillLimited = await attempt(first, customer, GOOD_PASSWORD, randomAddress());
    nowMs += 5 * 60_000 + 1;
    const allowed = await attempt(first, customer, GOOD_PASSWORD, randomAddress());

    expect(stillLimited.status).toBe(429);
    expect(stillLimited.headers.get("retry-after")).toBe("300");
    expect(allowed.status).toBe(200);
  });

  it("counts an address's failures over many accounts across two instances", async () => {
    const [first, second] = twoInstances();
    const address = randomAddress();

    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? first : second;
      const account = { email: `guess-${i}-${address}@ocpizza.test` };
      statuses.push((await attempt(app, account, "guess", address)).status);
    }
    const otherAddress = await attempt(
      first,
      { email: "guess-x@ocpizza.test" },
      "guess",
      randomAddress(),
    );

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(otherAddress.status).toBe(401);
  });

  it("limits an unknown email exactly like a known one", async () => {
    const [first] = twoInstances();
    const known = await createCustomer(t.db);
    const unknown = { email: `nobody-${randomBytes(4).toString("hex")}@ocpizza.test` };

    const answers = async (account: Pick<TestAccount, "email">) => {
      const out = [];
      for (let i = 0; i < 4; i++) {
        const response = await attempt(first, account, "wrong", randomAddress());
        out.push([response.status, await response.json()]);
      }
      return out;
    };

    expect(await answers(unknown)).toEqual(await answers(known));
  });

  it("clears the account's counter on a success and does not count it against the address", async () => {
    const [first] = twoInstances();
    const customer = await createCustomer(t.db);
    const address = randomAddress();

    await attempt(first, customer, "wrong", address);
    await attempt(first, customer, "wrong", address);
    const signedIn = await attempt(first, customer, GOOD_PASSWORD, address);
    const again = [];
    for (let i = 0; i < 3; i++)
      again.push((await attempt(first, customer, "wrong", address)).status);

    expect(signedIn.status).toBe(200);
    expect(again).toEqual([401, 401, 401]);
  });

  it("keeps no email or address in clear in its table", async () => {
    const [first] = twoInstances();
    const customer = await createCustomer(t.db);
    const address = randomAddress();
    await attempt(first, customer, "wrong", address);

    const [rows] = await t.pool.query("SELECT key_hash FROM login_attempts");
    const stored = JSON.stringify(rows);

    expect(stored).not.toContain(customer.email);
    expect(stored).not.toContain(address);
  });
});
