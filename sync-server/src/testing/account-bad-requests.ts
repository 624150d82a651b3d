/**
 * The harness of the account bad-request tables: a database with a customer,
 * a manager and a signed-in session; the hostile strings; and a runner that
 * checks the 4xx, the field named, that no input is echoed, that no cookie is
 * set, and that no row was written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  authRequest,
  createCustomer,
  createStaff,
  signIn,
  type AuthRequest,
  type TestAccount,
} from "./account-fixtures.js";
import { countRows } from "./fixtures.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface AccountWorld {
  t: TestDatabase;
  customer: TestAccount;
  manager: TestAccount;
  /** A signed-in session of the customer. */
  cookie: string;
}

export const LONG = "x".repeat(10_000);
export const SQL = "' OR '1'='1'; DROP TABLE staff; --";
export const SCRIPT = "<script>alert(document.cookie)</script>";
export const NUL = "nul\u0000byte";
export const RTL = "admin\u202Egpj.exe";
export const CUSTOMER_EMAIL = "cliente@example.test";
export const MANAGER_EMAIL = "gerant@ocpizza.test";

export type Spec = AuthRequest | ((w: AccountWorld) => AuthRequest);
export type Case = [
  name: string,
  method: string,
  path: string,
  spec: Spec,
  status: number,
  code: string,
  mention?: RegExp,
];

/** Runs each case against one shared database; `world()` gives it to extra tests. */
export function describeBadAccountRequests(title: string, cases: Case[]): () => AccountWorld {
  let w: AccountWorld;
  beforeAll(async () => {
    const t = await createTestDatabase();
    const customer = await createCustomer(t.db, { email: CUSTOMER_EMAIL });
    const manager = await createStaff(t.db, { email: MANAGER_EMAIL });
    w = { t, customer, manager, cookie: await signIn(t.app, customer) };
  });
  afterAll(() => w?.t.drop());

  describe(title, () => {
    const rows = cases.map(([name, method, path, spec, status, code, mention]) => ({
      name,
      method,
      path,
      spec,
      status,
      code,
      mention,
    }));
    it.each(rows)(
      "$name -> $status $code, nothing written",
      async ({ method, path, spec, status, code, mention }) => {
        const before = await countRows(w.t.pool);

        const response = await authRequest(
          w.t.app,
          method,
          path,
          typeof spec === "function" ? spec(w) : spec,
        );
        const body = (await response.json()) as { error: { code: string; message: string } };

        expect(response.status).toBe(status);
        expect(body.error.code).toBe(code);
        expect(body.error.message.length).toBeGreaterThan(10);
        if (mention) expect(body.error.message).toMatch(mention);
        for (const echo of [SQL, SCRIPT, LONG, CUSTOMER_EMAIL]) {
          expect(body.error.message).not.toContain(echo);
        }
        expect(response.headers.getSetCookie()).toEqual([]);
        expect(await countRows(w.t.pool)).toEqual(before);
      },
    );
  });
  return () => w;
}
