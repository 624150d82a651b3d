/**
 * The counters of a store and the Square Terminal each sends card payments
 * to; a manager types the Terminal's id (from the Square Dashboard) and saves.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useNavigatorOnline } from "../../components/use-online.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../error-text.js";
import { paymentsApi, type TerminalRow } from "./payments-api.js";

export function TerminalsSection({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const terminals = useQuery({
    queryKey: ["terminals", storeId],
    queryFn: () => paymentsApi.terminals(storeId),
    enabled: online,
  });

  return (
    <section aria-labelledby="terminals-title">
      <h2 id="terminals-title">{t("payments.terminals")}</h2>
      <p className="hint">{t("payments.terminalsHint")}</p>
      {terminals.data && !terminals.data.cardEnabled && (
        <p className="warning">{t("payments.cardsOff")}</p>
      )}
      {terminals.isError && (
        <p className="form-error" role="alert">
          {errorText(t, terminals.error)}
        </p>
      )}
      {terminals.data && (
        <table className="web-table">
          <thead>
            <tr>
              <th>{t("payments.counter")}</th>
              <th>{t("payments.squareDevice")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {terminals.data.terminals.map((row) => (
              <TerminalLine key={row.deviceId} storeId={storeId} row={row} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TerminalLine({ storeId, row }: { storeId: string; row: TerminalRow }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [value, setValue] = useState(row.squareDeviceId ?? "");
  const save = useMutation({
    mutationFn: () => paymentsApi.assignTerminal(row.deviceId, value.trim()),
    onSuccess: () => client.invalidateQueries({ queryKey: ["terminals", storeId] }),
  });
  const label = row.registerCode ? `${row.name} (${row.registerCode})` : row.name;

  return (
    <tr data-device-id={row.deviceId}>
      <td>{label}</td>
      <td>
        <input
          aria-label={`${t("payments.squareDevice")} — ${label}`}
          value={value}
          placeholder={t("payments.none")}
          maxLength={64}
          onChange={(e) => setValue(e.target.value)}
        />
        {save.isError && (
          <p className="form-error" role="alert">
            {errorText(t, save.error)}
          </p>
        )}
        {save.isSuccess && <p role="status">{t("payments.saved", { name: label })}</p>}
      </td>
      <td>
        <button
          type="button"
          className="primary"
          disabled={value.trim() === "" || save.isPending}
          onClick={() => save.mutate()}
        >
          {t("web.save")}
        </button>
      </td>
    </tr>
  );
}
