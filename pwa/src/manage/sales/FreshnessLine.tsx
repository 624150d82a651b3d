/**
 * One line saying how fresh the figures are: the newest synced order, and
 * which registers still hold unsynced orders (as they last reported) and
 * since when. Only what reached the server is counted above it.
 */
import type { SalesFreshness } from "@ocpizza/schema";

import { formatDateTime } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";

export function FreshnessLine({
  freshness,
  timeZone,
}: {
  freshness: SalesFreshness;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const when = (epochMs: number) => formatDateTime(epochMs, locale, timeZone);

  const newest =
    freshness.newestOrderAtMs === null
      ? t("sales.fresh.none")
      : t("sales.fresh", { time: when(freshness.newestOrderAtMs) });
  const devices = freshness.unsyncedDevices;
  const oldest = devices
    .map((d) => d.oldestPendingAtMs ?? d.lastSeenAtMs)
    .filter((at): at is number => at !== null)
    .sort((a, b) => a - b)[0];
  const unsynced =
    devices.length === 0
      ? t("sales.fresh.allSynced")
      : t(devices.length === 1 ? "sales.fresh.unsynced.one" : "sales.fresh.unsynced.other", {
          count: devices.length,
          since: oldest === undefined ? t("sales.fresh.unknownSince") : when(oldest),
        });

  return (
    <p
      className={devices.length > 0 ? "sales-freshness warn" : "sales-freshness"}
      role="status"
      data-testid="sales-freshness"
    >
      {newest} ; {unsynced}
      {devices.length > 0 && (
        <span className="sales-freshness-devices">
          {" "}
          ({devices.map((d) => `${d.name} : ${d.pending}`).join(", ")})
        </span>
      )}
    </p>
  );
}
