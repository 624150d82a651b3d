/**
 * The counter's online orders: a badge in the header counting the orders
 * customers placed online that nobody has answered yet, a beep when a new one
 * arrives, and a panel to accept each or refuse it with a reason. The orders
 * come from the local database, filled by the pull; this component also keeps
 * the server's event stream open so that pull happens within a second.
 */
import { useEffect, useMemo, useRef, useState } from "react";

import { useServices } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import { Dialog } from "../components/Dialog.js";
import type { LocalOrder } from "../db/types.js";
import { useI18n } from "../i18n/i18n.js";
import { ServerEvents } from "../sync/server-events.js";
import { beep } from "./beep.js";
import { decideOnlineOrder } from "./decide.js";
import { incomingWords, type IncomingWords } from "./words.js";
import "./online-orders.css";

export function IncomingOnlineOrders() {
  const { db, engine } = useServices();
  const { locale } = useI18n();
  const w = useMemo(() => incomingWords(locale), [locale]);
  const [open, setOpen] = useState(false);
  const waiting = useLiveQuery(
    () =>
      db.orders
        .filter((order) => order.channel === "online" && order.status === "pending")
        .sortBy("createdAtMs"),
    [db],
  );

  useEffect(() => {
    const events = new ServerEvents({ db, engine });
    events.start();
    return () => events.stop();
  }, [db, engine]);
  useBeepOnNew(waiting);

  const count = waiting?.length ?? 0;
  return (
    <>
      <button
        type="button"
        className={`incoming-badge${count > 0 ? " incoming-waiting" : ""}`}
        aria-label={w("incoming.badgeLabel", { count })}
        data-testid="online-orders-badge"
        onClick={() => setOpen(true)}
      >
        {w("incoming.badge")} <span className="incoming-count">{count}</span>
      </button>
      {open && (
        <Dialog title={w("incoming.title")} onClose={() => setOpen(false)}>
          {count === 0 && <p>{w("incoming.none")}</p>}
          <ul className="incoming-list">
            {waiting?.map((order) => (
              <li key={order.id}>
                <IncomingOrder order={order} words={w} />
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setOpen(false)}>
            {w("incoming.close")}
          </button>
        </Dialog>
      )}
    </>
  );
}

/** Beeps when an order id appears that was not there before (not for those on screen at start). */
function useBeepOnNew(waiting: LocalOrder[] | undefined): void {
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!waiting) return;
    const ids = new Set(waiting.map((order) => order.id));
    const fresh = known.current !== null && [...ids].some((id) => !known.current!.has(id));
    known.current = ids;
    if (fresh) beep();
  }, [waiting]);
}

function IncomingOrder({ order, words: w }: { order: LocalOrder; words: IncomingWords }) {
  const { db, engine } = useServices();
  const { money } = useI18n();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function decide(decision: { kind: "accept" } | { kind: "refuse"; reason: string }) {
    setBusy(true);
    setProblem(null);
    const answer = await decideOnlineOrder(db, order.id, decision);
    setBusy(false);
    if (!answer.ok) {
      setProblem(
        answer.offline ? w("incoming.offline") : w("incoming.failed", { message: answer.message }),
      );
      return;
    }
    // The answer is on the server: pull it so the list updates at once.
    void engine.requestSync("event");
  }

  return (
    <article className="incoming-order" data-testid="online-order">
      <header>
        <strong>#{order.callNumber}</strong> · {order.customer?.name}
        {" · "}
        {order.serviceMode === "delivery" ? w("incoming.delivery") : w("incoming.pickup")}
        {" · "}
        {money(order.totalCents)}
      </header>
      {order.note && <p className="incoming-note">{order.note}</p>}
      <ul>
        {order.lines.map((line) => (
          <li key={line.id}>
            {line.quantity} × {line.name} ({line.size})
            {line.options.length > 0 && ` — ${optionsText(line.options)}`}
          </li>
        ))}
      </ul>
      {order.customer?.address && (
        <p>
          {order.customer.address}
          {order.customer.deliveryNotes && ` — ${order.customer.deliveryNotes}`}
        </p>
      )}
      {problem && <p className="form-error">{problem}</p>}
      {refusing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void decide({ kind: "refuse", reason: reason.trim() });
          }}
        >
          <label>
            {w("incoming.reason")}
            <input value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || reason.trim() === ""}>
            {w("incoming.confirmRefuse")}
          </button>
          <button type="button" onClick={() => setRefusing(false)}>
            {w("incoming.cancel")}
          </button>
        </form>
      ) : (
        <div className="incoming-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void decide({ kind: "accept" })}
          >
            {w("incoming.accept")}
          </button>
          <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
            {w("incoming.refuse")}
          </button>
        </div>
      )}
    </article>
  );
}

/** "+olives, −onions": extras and removals as the kitchen reads them. */
function optionsText(options: LocalOrder["lines"][number]["options"]): string {
  return options.map((o) => `${o.kind === "extra" ? "+" : "−"}${o.ingredientId}`).join(", ");
}
