/**
 * The sync badge, always on screen: online or not, orders waiting (counted
 * from the outbox, so it never lies), time of the last sync and any
 * rejection. Tapping it opens the details.
 */
import { useState } from "react";

import { useMeta, useSyncCounts } from "../app/data-hooks.js";
import { useSyncStatus } from "../app/services.js";
import { useI18n } from "../i18n/i18n.js";
import { badgeConnection } from "./sync-words.js";
import { SyncDialog } from "./SyncDialog.js";
import { useNavigatorOnline } from "./use-online.js";

const CONNECTION_KEYS = {
  online: "sync.online",
  offline: "sync.offline",
  unavailable: "sync.unavailable",
  halted: "sync.halted",
} as const;

export function SyncBadge() {
  const { t, tn, time } = useI18n();
  const status = useSyncStatus();
  const counts = useSyncCounts();
  const meta = useMeta();
  const online = useNavigatorOnline();
  const [open, setOpen] = useState(false);

  const connection = badgeConnection(online, status);
  const waiting = counts?.waitingOrders ?? 0;
  const timeZone = meta?.store?.timeZone;
  const parts = [
    t(CONNECTION_KEYS[connection]),
    waiting > 0 ? tn("sync.waiting", waiting) : t("sync.allSent"),
    meta?.lastSyncAtMs
      ? t("sync.lastSync", { time: time(meta.lastSyncAtMs, timeZone) })
      : t("sync.neverSynced"),
  ];
  if (counts?.unseenRejections) parts.push(tn("sync.rejections", counts.unseenRejections));
  if (meta?.lost) parts.push(t("sync.lost"));
  const alert = connection === "halted" || Boolean(counts?.unseenRejections) || Boolean(meta?.lost);

  return (
    <div className="sync-badge-wrap" role="status">
      <button
        type="button"
        className={`sync-badge sync-${connection}${alert ? " sync-alert" : ""}`}
        onClick={() => setOpen(true)}
      >
        <span className="sync-dot" aria-hidden="true" />
        {parts.join(" · ")}
      </button>
      {open && <SyncDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
