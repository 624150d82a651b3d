/**
 * An in-memory stand-in for the sync server's push and pull, reached through
 * a fetch function, for the engine's unit tests. It follows the server's
 * semantics (exactly-once seqs, gaps, lost ranges, rejections, store versions,
 * reset_required) without a database. Real-server behaviour is tested end to end.
 */
import {
  businessDay,
  changeDueCents,
  checkEditable,
  checkTransition,
  pushRequestSchema,
  type JournalEntry,
  type MenuSnapshot,
  type Mutation,
  type MutationResult,
  type OrderSnapshot,
  type RejectionSnapshot,
} from "@ocpizza/schema";

import { TEST_DEVICE_ID, TEST_MENU, TEST_STORE } from "./fixtures.js";

interface ServerState {
  lastAppliedSeq: number;
  storeVersion: number;
  minPullVersion: number;
  orders: Map<string, OrderSnapshot>;
  rejections: RejectionSnapshot[];
  losses: { fromSeq: number; toSeq: number }[];
  /** How many times each seq was applied: exactly once is the contract. */
  appliedCount: Map<number, number>;
  /** Tickets received (sales and credit notes), in the order they were applied. */
  journal: JournalEntry[];
  /** The journal head the device reported in its last push. */
  reportedHead: { registerId: string; headSeq: number; headHash: string } | null;
  /** shift.open / shift.cash / shift.close mutations as applied. */
  shiftEvents: Mutation[];
}

interface InjectedFailure {
  route: "push" | "pull" | "any";
  status: number;
  code: string;
  retryAfterSeconds?: number;
}

export class FakeSyncServer {
  state: ServerState = emptyState();
  menu: MenuSnapshot = TEST_MENU;
  readonly token = "test-token";
  readonly requests: { route: "push" | "pull"; body: unknown; url: string }[] = [];
  private failures: InjectedFailure[] = [];
  /** When true, fetch rejects as if the network were down. */
  offline = false;

  /** The next `times` matching requests fail with this status and code. */
  failNext(
    route: InjectedFailure["route"],
    status: number,
    code: string,
    times = 1,
    retryAfterSeconds?: number,
  ) {
    for (let i = 0; i < times; i++) this.failures.push({ route, status, code, retryAfterSeconds });
  }

  backup(): ServerState {
    return structuredClone(this.state);
  }

  restore(backup: ServerState): void {
    this.state = structuredClone(backup);
  }

  pushes() {
    return this.requests.filter((r) => r.route === "push").map((r) => r.body as PushBody);
  }

  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError("fetch failed");
    const url = new URL(input, "http://fake.local");
    const route =
      url.pathname === "/api/v1/sync/push"
        ? "push"
        : url.pathname === "/api/v1/sync/pull"
          ? "pull"
          : null;
    if (!route) return error(404, "not_found", `no route ${url.pathname}`);
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    this.requests.push({ route, body, url: input });

    const failure = this.failures.findIndex((f) => f.route === route || f.route === "any");
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      const headers = f.retryAfterSeconds
        ? { "retry-after": String(f.retryAfterSeconds) }
        : undefined;
      return error(f.status, f.code, `injected ${f.code}`, {}, headers);
    }
    const authorization = new Headers(init?.headers).get("authorization");
    if (authorization !== `Bearer ${this.token}`)
      return error(401, "unauthorized", "unknown device");
    return route === "push" ? this.push(body) : this.pull(url.searchParams);
  };

  private push(body: unknown): Response {
    const parsed = pushRequestSchema.safeParse(body);
    if (!parsed.success) return error(400, "invalid_message", parsed.error.message);
    const request = parsed.data;
    if (request.clientId !== TEST_DEVICE_ID) return error(403, "forbidden", "not this device");
    const state = this.state;
    state.reportedHead = request.journal ?? state.reportedHead;

    if (request.lost && request.lost.fromSeq === state.lastAppliedSeq + 1) {
      state.losses.push(request.lost);
      state.lastAppliedSeq = request.lost.toSeq;
    }
    const remaining = request.mutations.filter((m) => m.seq > state.lastAppliedSeq);
    if (remaining.length > 0 && remaining[0].seq > state.lastAppliedSeq + 1) {
      return error(409, "sequence_gap", "resend from lastAppliedSeq + 1", {
        lastAppliedSeq: state.lastAppliedSeq,
      });
    }

    const version = state.storeVersion + 1;
    let wrote = false;
    const results: MutationResult[] = request.mutations
      .filter((m) => m.seq <= state.lastAppliedSeq)
      .map((m) => ({ seq: m.seq, outcome: "duplicate" }));
    for (const mutation of remaining) {
      const result = this.apply(mutation, version);
      if (result.outcome !== "duplicate") wrote = true;
      results.push(result);
      state.lastAppliedSeq = mutation.seq;
      state.appliedCount.set(mutation.seq, (state.appliedCount.get(mutation.seq) ?? 0) + 1);
    }
    if (wrote) state.storeVersion = version;
    return json(200, {
      protocol: 1,
      lastAppliedSeq: state.lastAppliedSeq,
      storeVersion: state.storeVersion,
      results,
    });
  }

  private apply(mutation: Mutation, version: number): MutationResult {
    const orders = this.state.orders;
    if (mutation.kind.startsWith("shift.")) {
      this.state.shiftEvents.push(mutation);
      return { seq: mutation.seq, outcome: "applied" };
    }
    if ("ticket" in mutation && mutation.ticket) this.state.journal.push(mutation.ticket);
    if (mutation.kind === "order.create") {
      if (orders.has(mutation.order.id)) return { seq: mutation.seq, outcome: "duplicate" };
      const payments = mutation.payments.map((p) => ({
        ...p,
        changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
      }));
      orders.set(mutation.order.id, {
        ...mutation.order,
        storeId: TEST_STORE.id,
        deviceId: TEST_DEVICE_ID,
        status: mutation.status,
        statusReason: null,
        businessDay: businessDay(
          mutation.order.createdAtMs,
          TEST_STORE.timeZone,
          TEST_STORE.closingMinutes,
        ),
        paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
        payments,
        flags: [],
        version,
        updatedAtMs: mutation.atMs,
      });
      return { seq: mutation.seq, outcome: "applied" };
    }

    if (!("orderId" in mutation)) return { seq: mutation.seq, outcome: "applied" };
    const order = orders.get(mutation.orderId);
    if (!order)
      return this.reject(
        mutation,
        version,
        "unknown_order",
        `order ${mutation.orderId} is unknown`,
      );
    if (mutation.kind === "order.status") {
      const check = checkTransition(order, mutation.status);
      if (!check.ok) return this.reject(mutation, version, check.code, check.message);
      order.status = mutation.status;
    } else if (mutation.kind === "order.update") {
      const check = checkEditable(order);
      if (!check.ok) return this.reject(mutation, version, check.code, check.message);
      order.lines = mutation.lines;
      order.totalCents = mutation.totalCents;
    } else if (mutation.kind === "order.line_status") {
      order.preparation = { ...order.preparation, [mutation.lineId]: mutation.status };
    } else if (mutation.kind === "delivery.update") {
      // Deliveries are not modelled by this fake: applied as received.
    } else if (mutation.kind === "order.credit_note") {
      // Refunds are stored as negative payments, as the server does.
      for (const r of mutation.refunds) {
        order.payments.push({ ...r, amountCents: -r.amountCents, changeCents: 0 });
        order.paidCents -= r.amountCents;
      }
    } else {
      for (const p of mutation.payments) {
        if (order.payments.some((known) => known.id === p.id)) continue;
        order.payments.push({
          ...p,
          changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
        });
        order.paidCents += p.amountCents;
      }
    }
    order.version = version;
    return { seq: mutation.seq, outcome: "applied" };
  }

  private reject(
    mutation: Mutation,
    version: number,
    code: string,
    message: string,
  ): MutationResult {
    this.state.rejections.push({
      id: `rej-${mutation.seq}`,
      deviceId: TEST_DEVICE_ID,
      seq: mutation.seq,
      kind: mutation.kind,
      orderId: "orderId" in mutation ? mutation.orderId : null,
      code,
      message,
      createdAtMs: mutation.atMs,
      version,
    });
    return { seq: mutation.seq, outcome: "rejected", code, message };
  }

  private pull(query: URLSearchParams): Response {
    const since = Number(query.get("since"));
    const limit = Number(query.get("limit") ?? 200);
    const menuVersion = Number(query.get("menuVersion") ?? 0);
    const state = this.state;
    if (since > state.storeVersion || (since > 0 && since < state.minPullVersion)) {
      return error(409, "reset_required", "pull again from 0", {
        storeVersion: state.storeVersion,
      });
    }

    const changed = [...state.orders.values()]
      .filter((o) => o.version > since)
      .sort((a, b) => a.version - b.version);
    let page = changed.slice(0, limit);
    // Never cut a version in two: the cursor would skip the rest of it.
    const lastVersion = page.at(-1)?.version;
    if (lastVersion !== undefined) page = changed.filter((o) => o.version <= lastVersion);
    const hasMore = page.length < changed.length;
    const cursor = hasMore ? (lastVersion ?? since) : state.storeVersion;
    return json(200, {
      protocol: 1,
      storeVersion: cursor,
      hasMore,
      orders: structuredClone(page),
      rejections: state.rejections.filter((r) => r.version > since && r.version <= cursor),
      menu: menuVersion === this.menu.version ? undefined : this.menu,
      store: TEST_STORE,
    });
  }
}

type PushBody = import("@ocpizza/schema").PushRequest;

function emptyState(): ServerState {
  return {
    lastAppliedSeq: 0,
    storeVersion: 0,
    minPullVersion: 0,
    orders: new Map(),
    rejections: [],
    losses: [],
    appliedCount: new Map(),
    journal: [],
    reportedHead: null,
    shiftEvents: [],
  };
}

function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function error(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Response {
  return json(status, { error: { code, message, ...details } }, headers);
}
