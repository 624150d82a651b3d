/**
 * The drivers' cash at the end of a shift: pick a driver, see what their
 * delivered orders expected, type the cash they hand in, settle. The
 * server records the settlement and its difference (and alerts a manager
 * when there is one); this needs the internet, and a staff member signed in.
 */
import { useState } from "react";

import { useMeta } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import type { StaffRow } from "../db/types.js";
import { useWords } from "../kitchen/words.js";
import {
  openDeliveries,
  settleDriver,
  type OpenDeliveries,
  type Settlement,
} from "../stock/device-api.js";

export function SettlementPanel({ drivers }: { drivers: StaffRow[] }) {
  const { w, money } = useWords();
  const { db } = useServices();
  const meta = useMeta();
  const [driverId, setDriverId] = useState("");
  const [open, setOpen] = useState<OpenDeliveries | null>(null);
  const [counted, setCounted] = useState("");
  const [done, setDone] = useState<Settlement | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async (id: string) => {
    setDriverId(id);
    setOpen(null);
    setDone(null);
    setError(null);
    if (!id) return;
    try {
      setOpen(await openDeliveries(db, id));
    } catch {
      setError(w("delivery.settle.offline"));
    }
  };

  const settle = async () => {
    if (!meta?.signedIn) return setError(w("delivery.settle.signIn"));
    const countedCents = Math.round(Number(counted.replace(",", ".")) * 100);
    if (!Number.isFinite(countedCents) || countedCents < 0) return;
    try {
      setDone(
        await settleDriver(db, {
          driverStaffId: driverId,
          countedCents,
          staffId: meta.signedIn.id,
        }),
      );
      setOpen(await openDeliveries(db, driverId));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <section className="settlement-panel" aria-labelledby="settle-title">
      <h2 id="settle-title">{w("delivery.settle.title")}</h2>
      <label>
        {w("delivery.driver")}{" "}
        <select value={driverId} onChange={(e) => void pick(e.target.value)}>
          <option value="">—</option>
          {drivers.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {open && (
        <p className="settle-expected">
          {w("delivery.settle.expected", {
            amount: money(open.expectedCents),
            count: open.deliveries.length,
          })}
        </p>
      )}
      {open && (
        <div className="delivery-actions">
          <label>
            {w("delivery.settle.counted")}{" "}
            <input
              inputMode="decimal"
              value={counted}
              onChange={(e) => setCounted(e.target.value)}
            />
          </label>
          <button type="button" className="primary" onClick={() => void settle()}>
            {w("delivery.settle.submit")}
          </button>
        </div>
      )}
      {done && (
        <p className="settle-result" role="status">
          {w("delivery.settle.done", { amount: money(done.differenceCents) })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
