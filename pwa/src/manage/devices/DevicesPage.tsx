/**
 * /manage/devices: the store's paired counters (last contact, pending sales,
 * revoked or not), a new pairing code shown large with its expiry, and
 * revoking a counter after a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { Dialog } from "../../components/Dialog.js";
import { useNavigatorOnline } from "../../components/use-online.js";
import { useI18n } from "../../i18n/i18n.js";
import { webApi, type DeviceListing, type PairingCode } from "../api.js";
import { errorText } from "../error-text.js";
import { useManager } from "../ManageShell.js";
import { StorePicker, useStores } from "../StorePicker.js";

export function DevicesPage() {
  const { t, time } = useI18n();
  const online = useNavigatorOnline();
  const manager = useManager();
  const client = useQueryClient();
  const [storeId, setStoreId] = useState<string | null>(null);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [revoking, setRevoking] = useState<DeviceListing | null>(null);
  const storeNames = new Map((useStores().data?.stores ?? []).map((s) => [s.id, s.name]));

  const devices = useQuery({
    queryKey: ["devices", storeId],
    queryFn: () => webApi.devices(storeId),
    // A manager of some stores always names one (the picker chooses the first).
    enabled: online && (storeId !== null || manager.allStores),
  });
  const newCode = useMutation({
    mutationFn: (forStore: string) => webApi.pairingCode(forStore),
    onSuccess: setCode,
  });
  const revoke = useMutation({
    mutationFn: (deviceId: string) => webApi.revokeDevice(deviceId),
    onSuccess: async () => {
      setRevoking(null);
      await client.invalidateQueries({ queryKey: ["devices"] });
    },
  });

  return (
    <section className="web-page">
      <h1>{t("web.devices.title")}</h1>
      <div className="web-toolbar">
        <StorePicker
          value={storeId}
          onChange={(next) => {
            setStoreId(next);
            setCode(null);
          }}
        />
        <button
          type="button"
          className="primary"
          disabled={!online || storeId === null || newCode.isPending}
          aria-describedby={storeId === null ? "pairing-needs-store" : undefined}
          onClick={() => storeId && newCode.mutate(storeId)}
        >
          {t("web.devices.newCode")}
        </button>
        {/* A code pairs a tablet with one store: "all stores" cannot have one. */}
        {storeId === null && (
          <span className="hint" id="pairing-needs-store">
            {t("web.devices.chooseStore")}
          </span>
        )}
      </div>
      {newCode.isError && (
        <p className="form-error" role="alert">
          {errorText(t, newCode.error)}
        </p>
      )}
      {code && (
        <div className="pairing-code-card" role="status">
          <p>{t("web.devices.codeFor", { store: storeNames.get(code.storeId) ?? code.storeId })}</p>
          <p className="pairing-code" data-testid="pairing-code">
            {code.code}
          </p>
          <p>{t("web.devices.codeExpires", { time: time(code.expiresAtMs) })}</p>
          <p className="hint">{t("web.devices.codeHint")}</p>
        </div>
      )}

      {devices.isError && (
        <p className="form-error" role="alert">
          {errorText(t, devices.error)}
        </p>
      )}
      {devices.data && devices.data.devices.length === 0 && <p>{t("web.devices.none")}</p>}
      {devices.data && devices.data.devices.length > 0 && (
        <table className="web-table">
          <thead>
            <tr>
              <th>{t("web.devices.name")}</th>
              <th>{t("web.manage.store")}</th>
              <th>{t("web.devices.register")}</th>
              <th>{t("web.devices.lastSeen")}</th>
              <th>{t("web.devices.pending")}</th>
              <th>{t("web.devices.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.data.devices.map((device) => (
              <tr key={device.id} data-device-id={device.id}>
                <td>{device.name}</td>
                <td>{storeNames.get(device.storeId) ?? device.storeId}</td>
                <td>{device.registerCode ?? "—"}</td>
                <td>
                  {device.lastSeenAtMs === null
                    ? t("web.devices.never")
                    : time(device.lastSeenAtMs)}
                </td>
                <td>{device.reportedPending}</td>
                <td>{device.revoked ? t("web.devices.revoked") : t("web.devices.active")}</td>
                <td>
                  {!device.revoked && (
                    <button
                      type="button"
                      className="danger"
                      disabled={!online}
                      onClick={() => setRevoking(device)}
                    >
                      {t("web.devices.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {revoking && (
        <Dialog
          title={t("web.devices.revokeTitle", { name: revoking.name })}
          onClose={() => setRevoking(null)}
        >
          <p>{t("web.devices.revokeText")}</p>
          {revoke.isError && (
            <p className="form-error" role="alert">
              {errorText(t, revoke.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setRevoking(null)}>
              {t("web.cancel")}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!online || revoke.isPending}
              onClick={() => revoke.mutate(revoking.id)}
            >
              {t("web.devices.revokeConfirm")}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
