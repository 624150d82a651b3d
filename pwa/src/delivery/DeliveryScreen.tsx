/**
 * Deliveries (/delivery): the store's delivery orders not ended yet, the
 * first promised at the top. The counter assigns a driver (or a driver
 * signed in takes one); each card has the address, notes, amount to
 * collect, a Google Maps link and the steps (leave, delivered with the cash
 * collected, incident); each driver's round gets one multi-stop link, in
 * the order the server's Routes API call gives when it has a key. Below,
 * the drivers' cash settlement. Works from the local database, like the kitchen.
 */
import { useState } from "react";
import { createPortal } from "react-dom";

import { useMeta, useTodayOrders } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import { Dialog } from "../components/Dialog.js";
import { useNow } from "../app/use-now.js";
import { payOrder, changeOrderStatus } from "../db/order-commands.js";
import type { LocalOrder, StaffRow } from "../db/types.js";
import { useFollowServer } from "../kitchen/follow-server.js";
import { useWords } from "../kitchen/words.js";
import "../kitchen/kitchen.css";
import {
  deliveryBoard,
  deliveryStep,
  toCollectCents,
  type StepFields,
} from "./delivery-commands.js";
import { DeliverySlip } from "./DeliverySlip.js";
import { RoundLink } from "./RoundLink.js";
import { DeliveryCard } from "./DeliveryCard.js";
import { SettlementPanel } from "./SettlementPanel.js";

export function DeliveryScreen() {
  const { w } = useWords();
  const meta = useMeta();
  const now = useNow(30_000);
  const orders = useTodayOrders(meta, now);
  const { db, engine } = useServices();
  const drivers = useLiveQuery(
    async () => (await db.staff.toArray()).filter((member) => member.role === "driver"),
    [db],
  );
  const [error, setError] = useState<string | null>(null);
  const [slip, setSlip] = useState<LocalOrder | null>(null);
  useFollowServer();

  const board = deliveryBoard(orders ?? []);
  const store = meta?.store;
  const storeAddress = store ? `${store.address}, ${store.postcode} ${store.city}` : "";
  const timeZone = store?.timeZone ?? "Europe/Paris";

  const step = async (
    order: LocalOrder,
    kind: Parameters<typeof deliveryStep>[2],
    f: StepFields,
  ) => {
    setError(null);
    try {
      await deliveryStep(db, order.id, kind, f);
      if (kind === "delivered") await completeOnThisRegister(order, f.cashCollectedCents ?? 0);
      void engine.requestSync("write");
    } catch (failure) {
      setError(w("kitchen.failed", { message: (failure as Error).message }));
    }
  };

  // With a drawer open here, the money and the ticket are recorded at once;
  // otherwise the counter completes the order when the driver hands the cash in.
  const completeOnThisRegister = async (order: LocalOrder, cashCents: number) => {
    const current = await db.orders.get(order.id);
    if (!current || !meta?.openShiftId) return;
    const due = toCollectCents(current);
    if (due === 0) {
      await changeOrderStatus(db, order.id, "completed");
    } else if (cashCents >= due) {
      await payOrder(
        db,
        order.id,
        [{ method: "cash", amountCents: due, tenderedCents: cashCents }],
        {
          handedOver: true,
        },
      );
    }
  };

  const rounds = new Map<string, LocalOrder[]>();
  for (const order of board) {
    const driverId = order.delivery?.driverStaffId;
    if (!driverId || order.delivery?.status === "delivered") continue;
    rounds.set(driverId, [...(rounds.get(driverId) ?? []), order]);
  }
  const printRoot = document.getElementById("print-root");

  return (
    <section className="delivery-screen" aria-labelledby="delivery-title">
      <h1 id="delivery-title">{w("delivery.title")}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {[...rounds].map(([driverId, stops]) => (
        <RoundLink
          key={driverId}
          driverName={stops[0].delivery?.driverName ?? driverName(drivers, driverId)}
          stops={stops}
          storeAddress={storeAddress}
        />
      ))}
      {board.length === 0 ? (
        <p>{w("delivery.empty")}</p>
      ) : (
        <ol className="delivery-list">
          {board.map((order) => (
            <DeliveryCard
              key={order.id}
              order={order}
              drivers={drivers ?? []}
              signedIn={meta?.signedIn ?? null}
              storeAddress={storeAddress}
              timeZone={timeZone}
              onStep={(kind, fields) => void step(order, kind, fields)}
              onSlip={() => setSlip(order)}
            />
          ))}
        </ol>
      )}
      <SettlementPanel drivers={drivers ?? []} />
      {slip &&
        printRoot &&
        createPortal(<DeliverySlip order={slip} timeZone={timeZone} />, printRoot)}
      {slip && (
        <Dialog title={w("delivery.slip")} onClose={() => setSlip(null)}>
          <DeliverySlip order={slip} timeZone={timeZone} />
          <div className="dialog-actions">
            <button type="button" onClick={() => window.print()}>
              {w("kitchen.print")}
            </button>
            <button type="button" className="primary" onClick={() => setSlip(null)}>
              {w("kitchen.close")}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function driverName(drivers: StaffRow[] | undefined, id: string): string {
  return drivers?.find((d) => d.id === id)?.name ?? "?";
}
