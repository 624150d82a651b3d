/**
 * Pick a name, type the PIN: the dialog behind "Switch user" and a manager's
 * approval. Opening it refreshes the store's staff when the server can be
 * reached; offline it offers the list saved on this counter. Each refusal is
 * said plainly: wrong PIN (tries left), locked (time left, counting down),
 * never verified here while offline.
 */
import { useEffect, useState } from "react";

import { useNow } from "../app/use-now.js";
import { Dialog } from "../components/Dialog.js";
import type { StaffRow } from "../db/types.js";
import { useI18n, type I18n } from "../i18n/i18n.js";
import { lockedUntil } from "./lockout.js";
import { PinPad } from "./PinPad.js";
import type { PinResult } from "./sign-in.js";
import { useStaffCommands, useStaffList } from "./use-staff.js";
import "./staff.css";

interface StaffPinDialogProps {
  title: string;
  intro?: string;
  /** Who may be picked (every listed staff member by default). */
  accepts?: (row: StaffRow) => boolean;
  /** What is said when nobody can be picked. */
  emptyText: string;
  run: (staffId: string, pin: string) => Promise<PinResult>;
  onDone: (staff: StaffRow) => void;
  onClose: () => void;
}

export function StaffPinDialog(props: StaffPinDialogProps) {
  const { title, intro, accepts = () => true, emptyText, run, onDone, onClose } = props;
  const { t } = useI18n();
  const list = useStaffList();
  const commands = useStaffCommands();
  const nowMs = useNow(1000);
  const [online, setOnline] = useState<boolean | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<PinResult | null>(null);

  useEffect(() => {
    void commands.refresh().then(setOnline);
  }, [commands]);

  const people = (list ?? []).filter(accepts);
  const chosen = people.find((row) => row.id === chosenId) ?? null;

  const submit = async (pin: string) => {
    if (!chosen) return;
    setBusy(true);
    setRefusal(null);
    try {
      const result = await run(chosen.id, pin);
      if (result.ok) onDone(result.staff);
      else setRefusal(result);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={busy ? undefined : onClose} className="staff-dialog">
      {intro && <p>{intro}</p>}
      {online === false && <p className="hint">{t("staff.offlineList")}</p>}
      {!chosen ? (
        list === undefined ? (
          <p aria-busy="true">{t("staff.loading")}</p>
        ) : people.length === 0 ? (
          <p className="notice">{online === null ? t("staff.loading") : emptyText}</p>
        ) : (
          <ul className="staff-list">
            {people.map((row) => {
              const until = lockedUntil(row, nowMs);
              const role = t(`staff.role.${row.role}`);
              const lock =
                until === null
                  ? ""
                  : `, ${t("staff.lockedShort", { time: timeLeft(until - nowMs) })}`;
              return (
                <li key={row.id}>
                  <button
                    type="button"
                    className="big"
                    aria-label={`${row.name} (${role})${lock}`}
                    onClick={() => {
                      setChosenId(row.id);
                      setRefusal(null);
                    }}
                  >
                    <strong>{row.name}</strong>
                    <span className="staff-role">{role}</span>
                    {until !== null && (
                      <span className="staff-locked">
                        {t("staff.lockedShort", { time: timeLeft(until - nowMs) })}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )
      ) : (
        <div className="staff-pin-step">
          <h3>{t("staff.pinFor", { name: chosen.name })}</h3>
          <PinPad disabled={busy || lockedUntil(chosen, nowMs) !== null} onSubmit={submit} />
          <p className="form-error" role="alert">
            {busy
              ? t("staff.verifying")
              : describeRefusal(t, refusal, chosen, lockedUntil(chosen, nowMs), nowMs)}
          </p>
          <button type="button" onClick={() => setChosenId(null)} disabled={busy}>
            {t("staff.pickAnother")}
          </button>
        </div>
      )}
    </Dialog>
  );
}

/** The sentence for a refused PIN; a lock is read from the row, so it shows after a reload too. */
function describeRefusal(
  t: I18n["t"],
  refusal: PinResult | null,
  row: StaffRow,
  lockedUntilMs: number | null,
  nowMs: number,
): string {
  if (lockedUntilMs !== null) {
    return t("staff.locked", { name: row.name, time: timeLeft(lockedUntilMs - nowMs) });
  }
  if (!refusal || refusal.ok) return "";
  switch (refusal.reason) {
    case "wrong_pin":
      return t("staff.wrongPin", { count: refusal.failuresLeft });
    case "locked":
      return t("staff.locked", { name: row.name, time: timeLeft(refusal.untilMs - nowMs) });
    case "needs_online":
      return t("staff.needsOnline", { name: row.name });
    case "rate_limited":
      return t("staff.rateLimited");
    case "unknown_staff":
      return t("staff.unknown");
    case "not_manager":
      return t("staff.notManager");
  }
}

/** "4:05": minutes and seconds left, rounded up. */
export function timeLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
