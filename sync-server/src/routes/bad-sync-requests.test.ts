/**
 * Bad requests to the sync endpoints: the right 4xx, nothing written.
 */
import { MAX_MUTATIONS_PER_PUSH } from "@ocpizza/schema";

import {
  call,
  describeBadRequests,
  validPush,
  type Case,
  type RequestSpec,
  type World,
} from "../testing/bad-requests.js";
import { statusMutation } from "../testing/fixtures.js";

type Spec = (w: World) => RequestSpec;
const push = (spec: Spec) => (w: World) => call(w, "POST", "/api/v1/sync/push", spec(w));
const pull =
  (query: string, token: (w: World) => string = (w) => w.storeA.token) =>
  (w: World) =>
    call(w, "GET", `/api/v1/sync/pull?${query}`, { token: token(w) });
const state = (token: (w: World) => string) => (w: World) =>
  call(w, "GET", "/api/v1/sync/state", { token: token(w) });

/** Device A's credential with a body built when the case runs. */
const asA =
  (json: (w: World) => unknown): Spec =>
  (w) => ({ token: w.storeA.token, json: json(w) });
const withLine = (change: Record<string, unknown>) => (w: World) => {
  const body = validPush(w);
  const mutation = body.mutations[0] as { order: { lines: Record<string, unknown>[] } };
  Object.assign(mutation.order.lines[0], change);
  return body;
};
const statusOnly = (seqs: number[]) => (w: World) => ({
  ...validPush(w),
  mutations: seqs.map((seq) => statusMutation(seq, crypto.randomUUID(), "ready")),
});
const negativePayment = (w: World) => {
  const body = validPush(w);
  (body.mutations[0] as { payments: { amountCents: number }[] }).payments[0].amountCents = -500;
  return body;
};
/** The valid push with a ticket on its sale, one field of the ticket replaced. */
const withTicket = (w: World, change: Record<string, unknown>) => {
  const body = validPush(w);
  const ticket = { previousHash: "0".repeat(64), hash: "1".repeat(64), content: {} };
  Object.assign(body.mutations[0] as object, { ticket: { ...ticket, ...change } });
  return body;
};
/** A valid push sent with another Content-Type (null: none at all). */
const pushTyped = (contentType: string | null) => async (w: World) =>
  w.t.app.request("/api/v1/sync/push", {
    method: "POST",
    headers: {
      authorization: `Bearer ${w.storeA.token}`,
      ...(contentType === null ? {} : { "content-type": contentType }),
    },
    body: new TextEncoder().encode(JSON.stringify(validPush(w))),
  });
const tooMany = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => i + 1);

const cases: Case[] = [
  [
    "push: malformed JSON",
    push((w) => ({ token: w.storeA.token, raw: '{"protocol": 1,' })),
    400,
    "invalid_json",
  ],
  ["push: an empty body", push((w) => ({ token: w.storeA.token, raw: "" })), 400, "invalid_json"],
  [
    "push: a valid push sent as text/plain",
    pushTyped("text/plain;charset=UTF-8"),
    415,
    "unsupported_media_type",
    /application\/json/,
  ],
  [
    "push: a valid push sent as a form",
    pushTyped("application/x-www-form-urlencoded"),
    415,
    "unsupported_media_type",
    /x-www-form-urlencoded/,
  ],
  [
    "push: a valid push sent without Content-Type",
    pushTyped(null),
    415,
    "unsupported_media_type",
    /no Content-Type/,
  ],
  [
    "push: JSON in another charset",
    pushTyped("application/json; charset=latin1"),
    415,
    "unsupported_media_type",
  ],
  ["push: a JSON array", push(asA((w) => [validPush(w)])), 400, "invalid_message", /body/],
  [
    "push: no clientId",
    push(asA((w) => ({ ...validPush(w), clientId: undefined }))),
    400,
    "invalid_message",
    /clientId/,
  ],
  [
    "push: quantity 0",
    push(asA(withLine({ quantity: 0 }))),
    400,
    "invalid_message",
    /lines\.0\.quantity/,
  ],
  [
    "push: quantity -3",
    push(asA(withLine({ quantity: -3 }))),
    400,
    "invalid_message",
    /lines\.0\.quantity/,
  ],
  [
    "push: quantity 100000",
    push(asA(withLine({ quantity: 100_000 }))),
    400,
    "invalid_message",
    /lines\.0\.quantity/,
  ],
  [
    "push: quantity 1.5",
    push(asA(withLine({ quantity: 1.5 }))),
    400,
    "invalid_message",
    /quantity/,
  ],
  [
    "push: a price of 10^12 cents",
    push(asA(withLine({ unitPriceCents: 1e12 }))),
    400,
    "invalid_message",
    /unitPriceCents/,
  ],
  [
    "push: a VAT rate France does not have",
    push(asA(withLine({ vatRateBp: 700 }))),
    400,
    "invalid_message",
    /vatRateBp/,
  ],
  [
    "push: a line id that is not a UUID",
    push(asA(withLine({ id: "line-1" }))),
    400,
    "invalid_message",
    /lines\.0\.id/,
  ],
  ["push: a negative payment", push(asA(negativePayment)), 400, "invalid_message", /amountCents/],
  ["push: seqs with a hole", push(asA(statusOnly([1, 3]))), 400, "invalid_message", /mutations/],
  ["push: seq 0", push(asA(statusOnly([0]))), 400, "invalid_message", /seq/],
  [
    "push: an unknown mutation kind",
    push(
      asA((w) => ({
        ...validPush(w),
        mutations: [{ seq: 1, atMs: Date.now(), kind: "order.delete" }],
      })),
    ),
    400,
    "invalid_message",
    /kind/,
  ],
  [
    "push: a credit note without its ticket",
    push(
      asA((w) => ({
        ...validPush(w),
        mutations: [
          {
            seq: 1,
            atMs: Date.now(),
            kind: "order.credit_note",
            orderId: crypto.randomUUID(),
            refunds: [],
            reason: "erreur",
          },
        ],
      })),
    ),
    400,
    "invalid_message",
    /ticket/,
  ],
  [
    "push: a ticket whose hash is not hex",
    push(asA((w) => withTicket(w, { hash: "not-a-hash" }))),
    400,
    "invalid_message",
    /ticket\.hash/,
  ],
  [
    "push: a cash movement sideways",
    push(
      asA((w) => ({
        ...validPush(w),
        mutations: [
          {
            seq: 1,
            atMs: Date.now(),
            kind: "shift.cash",
            movementId: crypto.randomUUID(),
            shiftId: crypto.randomUUID(),
            direction: "sideways",
            amountCents: 100,
            reason: "x",
          },
        ],
      })),
    ),
    400,
    "invalid_message",
    /direction/,
  ],
  [
    "push: a journal head that is not a hash",
    push(
      asA((w) => ({
        ...validPush(w),
        journal: { registerId: w.storeA.deviceId, headSeq: 1, headHash: "abc" },
      })),
    ),
    400,
    "invalid_message",
    /journal\.headHash/,
  ],
  ["push: too many mutations", push(asA(statusOnly(tooMany))), 400, "invalid_message", /mutations/],
  [
    "push: protocol 99",
    push(asA((w) => ({ ...validPush(w), protocol: 99 }))),
    400,
    "unsupported_protocol",
    /accepts 1/,
  ],
  [
    "push: protocol as text",
    push(asA((w) => ({ ...validPush(w), protocol: "v1" }))),
    400,
    "unsupported_protocol",
  ],
  [
    "push: more than 1 MB",
    push((w) => ({
      token: w.storeA.token,
      raw: JSON.stringify({ ...validPush(w), pad: "x".repeat(1_100_000) }),
    })),
    413,
    "payload_too_large",
  ],
  ["push: no credential", push((w) => ({ json: validPush(w) })), 401, "unauthorized"],
  [
    "push: an unknown token",
    push((w) => ({ token: "not-a-token", json: validPush(w) })),
    401,
    "unauthorized",
  ],
  [
    "push: a revoked device",
    push((w) => ({ token: w.revoked.token, json: validPush(w, w.revoked) })),
    401,
    "unauthorized",
  ],
  [
    "push: the clientId of another store's device",
    push(asA((w) => ({ ...validPush(w), clientId: w.storeB.deviceId }))),
    403,
    "forbidden",
    /clientId/,
  ],
  ["pull: no protocol", pull("since=0"), 400, "invalid_message", /protocol: required/],
  ["pull: protocol 2", pull("protocol=2&since=0"), 400, "unsupported_protocol"],
  ["pull: a negative cursor", pull("protocol=1&since=-1"), 400, "invalid_message", /since/],
  [
    "pull: a cursor that is not a number",
    pull("protocol=1&since=abc"),
    400,
    "invalid_message",
    /since/,
  ],
  ["pull: no cursor", pull("protocol=1&limit=10"), 400, "invalid_message", /since: required/],
  ["pull: an empty cursor", pull("protocol=1&since="), 400, "invalid_message", /since/],
  [
    "pull: a cursor in exponent form",
    pull("protocol=1&since=1e3"),
    400,
    "invalid_message",
    /since/,
  ],
  ["pull: a cursor in hex", pull("protocol=1&since=0x10"), 400, "invalid_message", /since/],
  ["pull: an empty limit", pull("protocol=1&since=0&limit="), 400, "invalid_message", /limit/],
  [
    "pull: an empty menu version",
    pull("protocol=1&since=0&menuVersion="),
    400,
    "invalid_message",
    /menuVersion/,
  ],
  ["pull: limit 0", pull("protocol=1&since=0&limit=0"), 400, "invalid_message", /limit/],
  ["pull: limit 5000", pull("protocol=1&since=0&limit=5000"), 400, "invalid_message", /limit/],
  ["pull: no credential", pull("protocol=1&since=0", () => ""), 401, "unauthorized"],
  [
    "pull: a revoked device",
    pull("protocol=1&since=0", (w) => w.revoked.token),
    401,
    "unauthorized",
  ],
  ["state: no credential", state(() => ""), 401, "unauthorized"],
  ["state: a revoked device", state((w) => w.revoked.token), 401, "unauthorized"],
];

describeBadRequests("a bad sync request", cases);
