/**
 * Hostile input the bad-request tables do not send: 10 MB and chunked bodies
 * without a length (or lying about it), deep nesting, duplicate keys, wrong
 * charsets, look-alike and combining-character emails, non-ASCII digits in
 * PINs, a mangled session cookie, an order link token of multi-byte
 * characters. Each gets a clear 4xx (never a 500) and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  authRequest,
  createCustomer,
  createStaff,
  type AuthRequest,
} from "../testing/account-fixtures.js";
import { countRows, pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const LOGIN = "/api/v1/auth/login";
const VICTIM = "victim@example.test";

let t: TestDatabase;
let device: PairedDevice;
let managerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await createCustomer(t.db, { email: VICTIM });
  managerId = (await createStaff(t.db, { email: "boss@ocpizza.test" })).id;
  device = await pairDevice(t, "bastille");
});
afterAll(() => t?.drop());

/** 64 KiB chunks of "x", streamed without a Content-Length. */
function chunks(count: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < count; i++) controller.enqueue(new Uint8Array(65_536).fill(120));
      controller.close();
    },
  });
}

function streamed(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return t.app.request(LOGIN, {
    method: "POST",
    headers: { "content-type": "application/json", "x-requested-with": "ocpizza", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

const login = (spec: AuthRequest) => authRequest(t.app, "POST", LOGIN, spec);

const pinCheck = (pin: string) =>
  t.app.request("/api/v1/devices/me/pin-check", {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify({ staffId: managerId, pin }),
  });

type Attempt = [
  name: string,
  send: () => Response | Promise<Response>,
  status: number,
  code: string,
];

const attempts: Attempt[] = [
  ["a 10 MB sign-in", () => login({ raw: "x".repeat(10 * 1024 * 1024) }), 413, "payload_too_large"],
  ["a 10 MB chunked sign-in, no length", () => streamed(chunks(160)), 413, "payload_too_large"],
  [
    "a body longer than its Content-Length",
    () => streamed(chunks(1), { "content-length": "10" }),
    413,
    "payload_too_large",
  ],
  [
    "arrays nested 8,000 deep",
    () => login({ raw: "[".repeat(8000) + "]".repeat(8000) }),
    400,
    "invalid_message",
  ],
  [
    "a UTF-16 charset",
    () => login({ raw: "{}", headers: { "content-type": "application/json; charset=utf-16" } }),
    415,
    "unsupported_media_type",
  ],
  [
    "a form post",
    () =>
      login({ raw: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    415,
    "unsupported_media_type",
  ],
  [
    "duplicate email keys, the last one an account",
    () => login({ raw: `{"email":"x@y.fr","email":"${VICTIM}","password":"nope"}` }),
    401,
    "invalid_credentials",
  ],
  [
    "a Cyrillic look-alike email",
    () => login({ json: { email: "v\u0456ctim@example.test", password: "x" } }),
    400,
    "invalid_message",
  ],
  [
    "an email with a combining accent",
    () => login({ json: { email: "victim\u0301@example.test", password: "x" } }),
    400,
    "invalid_message",
  ],
  [
    "a full-width email",
    () => login({ json: { email: "\uFF56ictim@example.test", password: "x" } }),
    400,
    "invalid_message",
  ],
  [
    "a lone surrogate in the email",
    () => login({ raw: '{"email":"vi\\ud800ctim@example.test","password":"x"}' }),
    400,
    "invalid_message",
  ],
  [
    "a PIN of full-width digits",
    () => pinCheck("\uFF14\uFF18\uFF12\uFF16"),
    400,
    "invalid_message",
  ],
  [
    "a PIN of Arabic-Indic digits",
    () => pinCheck("\u0664\u0668\u0662\u0666"),
    400,
    "invalid_message",
  ],
  ["a PIN with a trailing newline", () => pinCheck("4826\n"), 400, "invalid_message"],
  [
    "a session cookie that is not URL-decodable",
    () => t.app.request("/api/v1/auth/me", { headers: { cookie: "__Host-ocp_session=%E0%A4%A" } }),
    401,
    "unauthorized",
  ],
  [
    "a sign-up name of 120 characters that NFC makes 240",
    () =>
      authRequest(t.app, "POST", "/api/v1/customers", {
        json: {
          email: "nfc@example.test",
          password: "correct horse battery staple",
          name: "\u0958".repeat(120),
        },
      }),
    400,
    "invalid_message",
  ],
  [
    // Hashed as UTF-8, every lone surrogate becomes U+FFFD: "\ud800" x 12 and "\udc00" x 12 would
    // be one password.
    "a sign-up password of 12 lone surrogates",
    () =>
      authRequest(t.app, "POST", "/api/v1/customers", {
        raw: `{"email":"ls1@example.test","name":"Lou","password":"${"\\ud800".repeat(12)}"}`,
      }),
    400,
    "invalid_message",
  ],
  [
    "a sign-up name with a lone surrogate",
    () =>
      authRequest(t.app, "POST", "/api/v1/customers", {
        raw: '{"email":"ls2@example.test","name":"Lou \\udc00","password":"correct horse battery staple"}',
      }),
    400,
    "invalid_message",
  ],
  ...["é".repeat(32), "😀".repeat(16)].map((token): Attempt => [
    `an order link token of 32 multi-byte characters (${token.slice(0, 2)})`,
    () =>
      t.app.request(
        `/api/v1/online-orders/018f0000-0000-7000-8000-000000000001?token=${encodeURIComponent(token)}`,
      ),
    404,
    "not_found",
  ]),
];

describe("hostile input on the account, PIN and order-link endpoints", () => {
  const rows = attempts.map(([name, send, status, code]) => ({ name, send, status, code }));
  it.each(rows)("$name -> $status $code, nothing written", async ({ send, status, code }) => {
    const before = await countRows(t.pool);

    const response = await send();
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toContain(VICTIM);
    expect(response.headers.getSetCookie()).toEqual([]);
    const after = await countRows(t.pool);
    // Sign-ins and PIN checks are counted (rate limits); nothing else is written.
    expect({ ...after, login_attempts: 0 }).toEqual({ ...before, login_attempts: 0 });
  });
});
