/**
 * The alerts list (/manage/alerts): every alert of the manager's stores,
 * newest first, filtered by store and by whether someone has seen it, with
 * who acknowledged what and when. Online only.
 */
import { useState } from "react";

import { useNavigatorOnline } from "../../components/use-online.js";
import { formatDateTime } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { alertKindLabel } from "../sales/labels.js";
import { StorePicker } from "../sales/StorePicker.js";
import {
  useAcknowledgeAlert,
  useAlerts,
  type AlertListing,
  type AlertStatus,
} from "../sales/sales-api.js";
import "../sales/sales.css";

const STATUSES: AlertStatus[] = ["open", "acknowledged", "all"];

export function AlertsPage() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const [storeId, setStoreId] = useState("");
  const [status, setStatus] = useState<AlertStatus>("open");
  const alerts = useAlerts(status, storeId || undefined);

  if (!online)
    return (
      <p className="sales-offline" role="alert">
        {t("sales.offline")}
      </p>
    );

  return (
    <div className="alerts-page">
      <h1>{t("alerts.title")}</h1>
      <form className="sales-pickers" onSubmit={(e) => e.preventDefault()}>
        <StorePicker storeId={storeId} onChange={setStoreId} />
        <label>
          {t("alerts.status")}
          <select value={status} onChange={(e) => setStatus(e.target.value as AlertStatus)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {alerts.error ? (
        <p role="alert">{alerts.error.message}</p>
      ) : !alerts.data ? (
        <p aria-busy="true">{t("sales.loading")}</p>
      ) : alerts.data.length === 0 ? (
        <p>{t("alerts.none")}</p>
      ) : (
        <AlertTable alerts={alerts.data} />
      )}
    </div>
  );
}

function AlertTable({ alerts }: { alerts: AlertListing[] }) {
  const { t, locale } = useI18n();
  const acknowledge = useAcknowledgeAlert();
  const when = (epochMs: number) => formatDateTime(epochMs, locale, "Europe/Paris");

  return (
    <>
      {acknowledge.error && <p role="alert">{acknowledge.error.message}</p>}
      <table className="sales-table" data-testid="alerts-table">
        <thead>
          <tr>
            <th scope="col">{t("alerts.when")}</th>
            <th scope="col">{t("sales.store")}</th>
            <th scope="col">{t("alerts.kind")}</th>
            <th scope="col">{t("alerts.message")}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id} data-alert-id={alert.id}>
              <td>{when(alert.createdAtMs)}</td>
              <td>{alert.storeName}</td>
              <td>
                {alertKindLabel(t, alert.kind)}
                {alert.resolvedAtMs !== null && (
                  <> ({t("alerts.resolved", { time: when(alert.resolvedAtMs) })})</>
                )}
              </td>
              <td>{alert.message}</td>
              <td>
                {alert.acknowledgedAtMs !== null ? (
                  t("alerts.acknowledgedBy", {
                    name: alert.acknowledgedBy ?? "",
                    time: when(alert.acknowledgedAtMs),
                  })
                ) : (
                  <button
                    type="button"
                    disabled={acknowledge.isPending}
                    onClick={() => acknowledge.mutate(alert.id)}
                  >
                    {t("alerts.acknowledge")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
