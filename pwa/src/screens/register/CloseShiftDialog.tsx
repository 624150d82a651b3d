/**
 * "Fermer la caisse": the clerk counts cash, meal vouchers and cheques; the
 * dialog shows what the drawer should hold (float + cash taken - change -
 * cash refunds ± movements) and the difference, then closes the shift.
 */
import { useState } from "react";

import { describeCommandError, useCommands } from "../../app/commands.js";
import { Dialog } from "../../components/Dialog.js";
import type { DrawerAmounts } from "../../db/types.js";
import { drawerDifference, type ExpectedDrawer } from "../../drawer/expected.js";
import { useI18n } from "../../i18n/i18n.js";
import { centsOrNull } from "./amount-input.js";

const TENDERS = [
  { key: "cashCents", label: "shift.countedCash" },
  { key: "mealVoucherCents", label: "shift.countedVouchers" },
  { key: "chequeCents", label: "shift.countedCheques" },
] as const;

interface CloseShiftDialogProps {
  expected: ExpectedDrawer;
  onClose: () => void;
}

export function CloseShiftDialog({ expected, onClose }: CloseShiftDialogProps) {
  const { t, money } = useI18n();
  const commands = useCommands();
  const [texts, setTexts] = useState({ cashCents: "", mealVoucherCents: "", chequeCents: "" });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const counted = {
    cashCents: centsOrNull(texts.cashCents, { allowZero: true }),
    mealVoucherCents: centsOrNull(texts.mealVoucherCents || "0", { allowZero: true }),
    chequeCents: centsOrNull(texts.chequeCents || "0", { allowZero: true }),
  };
  const complete = Object.values(counted).every((c) => c !== null);
  const difference = complete ? drawerDifference(counted as DrawerAmounts, expected) : null;

  const close = async () => {
    if (!complete || saving) return;
    setSaving(true);
    setError(null);
    try {
      await commands.closeShift(counted as DrawerAmounts);
      onClose();
    } catch (failure) {
      setError(describeCommandError(t, failure));
      setSaving(false);
    }
  };

  // 0 - x, not -x: no "-0,00 €" for an empty line.
  const breakdown: [string, number][] = [
    [t("shift.float"), expected.floatCents],
    [t("shift.cashTaken"), expected.cashTakenCents],
    [t("shift.changeGiven"), 0 - expected.changeCents],
    [t("shift.cashRefunds"), 0 - expected.cashRefundsCents],
    [t("shift.movementsIn"), expected.movementsInCents],
    [t("shift.movementsOut"), 0 - expected.movementsOutCents],
  ];

  return (
    <Dialog title={t("shift.closeTitle")} onClose={saving ? undefined : onClose}>
      <table className="drawer-table">
        <caption>{t("shift.expectedCash")}</caption>
        <tbody>
          {breakdown.map(([label, cents]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{money(cents)}</td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">{t("shift.expectedCash")}</th>
            <td>{money(expected.cashCents)}</td>
          </tr>
        </tbody>
      </table>

      <table className="drawer-table">
        <thead>
          <tr>
            <th scope="col">{t("shift.tender")}</th>
            <th scope="col">{t("shift.expected")}</th>
            <th scope="col">{t("shift.counted")}</th>
            <th scope="col">{t("shift.difference")}</th>
          </tr>
        </thead>
        <tbody>
          {TENDERS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row">{t(label)}</th>
              <td>{money(expected[key])}</td>
              <td>
                <input
                  aria-label={t(label)}
                  inputMode="decimal"
                  autoComplete="off"
                  data-autofocus={key === "cashCents" ? true : undefined}
                  value={texts[key]}
                  onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
                />
              </td>
              <td className={difference && difference[key] !== 0 ? "drawer-off" : undefined}>
                {difference ? money(difference[key]) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={saving}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          className="danger big"
          disabled={!complete || saving}
          onClick={() => void close()}
        >
          {t("shift.close")}
        </button>
      </div>
    </Dialog>
  );
}
