/**
 * The register strip under the header: training mode, the cash drawer (open
 * since when, with what float) and its actions, and the X report. Shown on
 * every screen of a paired counter.
 */
import { useState } from "react";

import { useDrawer, useMeta } from "../../app/data-hooks.js";
import { Link } from "../../app/router.js";
import { useI18n } from "../../i18n/i18n.js";
import { CashMovementDialog } from "./CashMovementDialog.js";
import { CloseShiftDialog } from "./CloseShiftDialog.js";
import { OpenShiftDialog } from "./OpenShiftDialog.js";
import { TrainingToggle } from "./TrainingToggle.js";
import "./register.css";

type OpenDialog = "open" | "cash" | "close" | null;

export function RegisterBar() {
  const { t, money, time } = useI18n();
  const meta = useMeta();
  const drawer = useDrawer();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const training = meta?.trainingMode ?? false;

  return (
    <>
      <div className={`register-bar${training ? " training" : ""}`}>
        <TrainingToggle />
        {training && <strong className="training-banner">{t("training.banner")}</strong>}
        <span className="drawer-state">
          {drawer
            ? t("shift.openSince", {
                time: time(drawer.shift.openedAtMs, meta?.store?.timeZone),
                amount: money(drawer.shift.floatCents),
              })
            : drawer === null && t("shift.closed")}
        </span>
        {drawer === null && (
          <button type="button" className="primary" onClick={() => setDialog("open")}>
            {t("shift.open")}
          </button>
        )}
        {drawer && (
          <>
            <button type="button" onClick={() => setDialog("cash")}>
              {t("shift.cashButton")}
            </button>
            <button type="button" onClick={() => setDialog("close")}>
              {t("shift.close")}
            </button>
          </>
        )}
        <Link to="/x" className="button-link">
          {t("x.link")}
        </Link>
      </div>
      {dialog === "open" && (
        <OpenShiftDialog onOpened={() => setDialog(null)} onClose={() => setDialog(null)} />
      )}
      {dialog === "cash" && <CashMovementDialog onClose={() => setDialog(null)} />}
      {dialog === "close" && drawer && (
        <CloseShiftDialog expected={drawer.expected} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
