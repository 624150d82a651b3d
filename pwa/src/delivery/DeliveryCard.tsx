/**
 * One delivery order on the delivery screen: customer, address and notes,
 * what to collect, a Google Maps link, and the step buttons its status
 * allows (assign or take, leave once ready, delivered with the cash,
 * incident with a note, the slip).
 */
import { useState } from "react";

import type { LocalOrder, StaffRow } from "../db/types.js";
import { useWords } from "../kitchen/words.js";
import { directionsUrl, toCollectCents, type StepFields } from "./delivery-commands.js";

export interface CardProps {
  order: LocalOrder;
  drivers: StaffRow[];
  signedIn: { id: string; name: string; role: string } | null;
  storeAddress: string;
  timeZone: string;
  onStep: (kind: "assign" | "out" | "delivered" | "incident", fields: StepFields) => void;
  onSlip: () => void;
}

export function DeliveryCard({
  order,
  drivers,
  signedIn,
  storeAddress,
  timeZone,
  onStep,
  onSlip,
}: CardProps) {
  const { w, money, time } = useWords();
  const [driverId, setDriverId] = useState(order.delivery?.driverStaffId ?? "");
  const due = toCollectCents(order);
  const [cash, setCash] = useState(String(due / 100));
  const [note, setNote] = useState("");
  const status = order.delivery?.status ?? "none";
  const address = order.customer?.address ?? "";
  const canAssign = status === "none" || status === "assigned" || status === "incident";

  return (
    <li className={`delivery-card delivery-${status}`} data-order-id={order.id}>
      <header className="kitchen-order-head">
        <span className="kitchen-call">
          {order.registerCode ? `${order.registerCode}-` : ""}
          {order.callNumber}
        </span>
        <span className="delivery-badge">{w(`delivery.status.${status}`)}</span>
        <span>{time(order.promisedAtMs ?? order.createdAtMs, timeZone)}</span>
      </header>
      {order.status !== "ready" && order.status !== "out_for_delivery" && (
        <p className="delivery-badge">{w("delivery.notReady")}</p>
      )}
      <p>
        <strong>{order.customer?.name}</strong>
        {order.customer?.phone && <> · {order.customer.phone}</>}
        <br />
        {address}
      </p>
      {order.customer?.deliveryNotes && (
        <p className="kitchen-note">{order.customer.deliveryNotes}</p>
      )}
      <p>{due > 0 ? w("delivery.toCollect", { amount: money(due) }) : w("delivery.prepaid")}</p>
      {order.delivery?.driverName && (
        <p>
          {w("delivery.driver")} : {order.delivery.driverName}
        </p>
      )}
      <p>
        <a href={directionsUrl(storeAddress, [address])} target="_blank" rel="noreferrer">
          {w("delivery.directions")}
        </a>
      </p>
      <div className="delivery-actions">
        {canAssign && (
          <>
            <label>
              {w("delivery.driver")}{" "}
              <select value={driverId} onChange={(e) => setDriverId(e.target.value)}>
                <option value="">{w("delivery.noDriver")}</option>
                {drivers.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!driverId}
              onClick={() =>
                onStep("assign", {
                  driverStaffId: driverId,
                  driverName: drivers.find((d) => d.id === driverId)?.name ?? null,
                })
              }
            >
              {w("delivery.assign")}
            </button>
            {signedIn?.role === "driver" && (
              <button
                type="button"
                onClick={() =>
                  onStep("assign", { driverStaffId: signedIn.id, driverName: signedIn.name })
                }
              >
                {w("delivery.take")}
              </button>
            )}
          </>
        )}
        {status === "assigned" && order.status === "ready" && (
          <button type="button" className="primary" onClick={() => onStep("out", {})}>
            {w("delivery.out")}
          </button>
        )}
        {status === "out" && (
          <>
            <label>
              {w("delivery.cash")}{" "}
              <input
                inputMode="decimal"
                value={cash}
                onChange={(e) => setCash(e.target.value)}
                size={6}
              />
            </label>
            <button
              type="button"
              className="primary"
              onClick={() =>
                onStep("delivered", {
                  cashCollectedCents: Math.max(
                    0,
                    Math.round(Number(cash.replace(",", ".")) * 100) || 0,
                  ),
                })
              }
            >
              {w("delivery.delivered")}
            </button>
          </>
        )}
        {(status === "assigned" || status === "out") && (
          <>
            <input
              aria-label={w("delivery.incidentNote")}
              placeholder={w("delivery.incidentNote")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button
              type="button"
              className="danger"
              disabled={note.trim() === ""}
              onClick={() => onStep("incident", { note: note.trim() })}
            >
              {w("delivery.incident")}
            </button>
          </>
        )}
        <button type="button" onClick={onSlip}>
          {w("delivery.slip")}
        </button>
      </div>
    </li>
  );
}
