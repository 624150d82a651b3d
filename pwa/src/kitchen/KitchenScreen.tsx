/**
 * The kitchen (/kitchen): the store's orders to prepare, from every
 * channel, the one promised first at the top; each line with its recipe
 * for its size and one big button to move it to its next step. It reads
 * the local database, so beside the counter on the same tablet it works
 * without the internet; on a device of its own it follows the server.
 */
import { nextLineStatus, type LinePrepStatus } from "@ocpizza/schema";
import { useState } from "react";

import { useMenu, useMeta, useTodayOrders } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import { useNow } from "../app/use-now.js";
import type { LocalOrder } from "../db/types.js";
import { useFollowServer } from "./follow-server.js";
import { kitchenQueue, lineStatusOf, moveLine, promisedAt } from "./kitchen-commands.js";
import { ingredientName, lineRecipe } from "./recipe.js";
import { useWords } from "./words.js";
import "./kitchen.css";

const PREVIOUS: Record<LinePrepStatus, LinePrepStatus | null> = {
  waiting: null,
  preparing: "waiting",
  in_oven: "preparing",
  ready: "in_oven",
};

export function KitchenScreen() {
  const { w } = useWords();
  const meta = useMeta();
  const now = useNow(30_000);
  const orders = useTodayOrders(meta, now);
  const { db, engine } = useServices();
  const [error, setError] = useState<string | null>(null);
  useFollowServer();

  const move = async (order: LocalOrder, lineId: string, to: LinePrepStatus) => {
    setError(null);
    try {
      await moveLine(db, order.id, lineId, to);
      void engine.requestSync("write");
    } catch (failure) {
      setError(w("kitchen.failed", { message: (failure as Error).message }));
    }
  };

  const queue = kitchenQueue(orders ?? []);
  return (
    <section className="kitchen-screen" aria-labelledby="kitchen-title">
      <h1 id="kitchen-title">{w("kitchen.title")}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {queue.length === 0 ? (
        <p className="kitchen-empty">{w("kitchen.empty")}</p>
      ) : (
        <ol className="kitchen-queue">
          {queue.map((order) => (
            <KitchenOrder
              key={order.id}
              order={order}
              timeZone={meta?.store?.timeZone ?? "Europe/Paris"}
              onMove={(lineId, to) => void move(order, lineId, to)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function KitchenOrder({
  order,
  timeZone,
  onMove,
}: {
  order: LocalOrder;
  timeZone: string;
  onMove: (lineId: string, to: LinePrepStatus) => void;
}) {
  const { w, time, locale } = useWords();
  const menu = useMenu();
  const due = order.promisedAtMs
    ? w("kitchen.promised", { time: time(promisedAt(order), timeZone) })
    : w("kitchen.taken", { time: time(order.createdAtMs, timeZone) });
  return (
    <li className={`kitchen-order status-${order.status}`} data-order-id={order.id}>
      <header className="kitchen-order-head">
        <span className="kitchen-call">
          {order.registerCode ? `${order.registerCode}-` : ""}
          {order.callNumber}
        </span>
        <span className="kitchen-mode">{w(`kitchen.mode.${order.serviceMode}`)}</span>
        <span className="kitchen-due">{due}</span>
      </header>
      {order.note && <p className="kitchen-note">{order.note}</p>}
      <ul className="kitchen-lines">
        {order.lines.map((line) => {
          const status = lineStatusOf(order, line.id);
          const next = nextLineStatus(status);
          const previous = PREVIOUS[status];
          const recipe = lineRecipe(menu, line, locale);
          return (
            <li key={line.id} className={`kitchen-line line-${status}`}>
              <div className="kitchen-line-name">
                <strong>
                  {line.quantity} × {line.name} {line.size}
                </strong>
                <span className="kitchen-line-status">{w(`kitchen.${status}`)}</span>
              </div>
              {line.options.length > 0 && (
                <p className="kitchen-options">
                  {line.options
                    .map((option) =>
                      w(option.kind === "without" ? "kitchen.without" : "kitchen.extra", {
                        name: ingredientName(menu, option.ingredientId, locale),
                      }),
                    )
                    .join(" · ")}
                </p>
              )}
              {line.note && <p className="kitchen-note">{line.note}</p>}
              {/* Until the local menu is read, say nothing rather than "no recipe". */}
              {menu === undefined ? null : recipe.length > 0 ? (
                <ul className="kitchen-recipe" aria-label={line.name}>
                  {recipe.map((item) => (
                    <li key={item.ingredientId}>
                      {item.name} <span className="qty">{`${item.quantity} ${item.unit}`}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="kitchen-recipe-none">{w("kitchen.noRecipe")}</p>
              )}
              <div className="kitchen-line-actions">
                {next && (
                  <button
                    type="button"
                    className="primary kitchen-next"
                    onClick={() => onMove(line.id, next)}
                  >
                    {w(`kitchen.next.${next}`)}
                  </button>
                )}
                {previous && (
                  <button type="button" onClick={() => onMove(line.id, previous)}>
                    {w("kitchen.back")}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </li>
  );
}
