/**
 * The registers of the chosen stores: version, last contact, what each still
 * held unsynced at its last push and since when, and its rejections.
 */
import { formatDateTime } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { useDeviceStatus, type DeviceStatus } from "./sales-api.js";
import { SortableTable, type Column } from "./SortableTable.js";

export function DevicesTable({ storeId, timeZone }: { storeId?: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const query = useDeviceStatus(storeId);
  const when = (epochMs: number | null) =>
    epochMs === null ? t("sales.devices.never") : formatDateTime(epochMs, locale, timeZone);

  const columns: Column<DeviceStatus>[] = [
    { id: "store", header: t("sales.devices.store"), value: (d) => d.storeName },
    {
      id: "name",
      header: t("sales.devices.name"),
      value: (d) => d.name,
      render: (d) => (d.revoked ? `${d.name} (${t("sales.devices.revoked")})` : d.name),
    },
    { id: "version", header: t("sales.devices.version"), value: (d) => d.appVersion ?? "" },
    {
      id: "lastSeen",
      header: t("sales.devices.lastSeen"),
      value: (d) => d.lastSeenAtMs ?? 0,
      render: (d) => when(d.lastSeenAtMs),
    },
    {
      id: "unsynced",
      header: t("sales.devices.unsynced"),
      value: (d) => d.unsyncedCount,
      numeric: true,
    },
    {
      id: "since",
      header: t("sales.devices.since"),
      value: (d) => d.unsyncedSinceMs ?? Number.MAX_SAFE_INTEGER,
      render: (d) => (d.unsyncedSinceMs === null ? "" : when(d.unsyncedSinceMs)),
    },
    {
      id: "rejections",
      header: t("sales.devices.rejections"),
      value: (d) => d.rejections,
      numeric: true,
    },
    {
      id: "notReceived",
      header: t("sales.devices.notReceived"),
      value: (d) => (d.notReceivedSeqs ? d.notReceivedSeqs.to - d.notReceivedSeqs.from + 1 : 0),
      render: (d) =>
        d.notReceivedSeqs
          ? t("sales.devices.seqRange", {
              from: String(d.notReceivedSeqs.from),
              to: String(d.notReceivedSeqs.to),
            })
          : "",
    },
  ];

  return (
    <section className="sales-section" aria-labelledby="devices-title">
      <h2 id="devices-title">{t("sales.devices.title")}</h2>
      {query.error ? (
        <p role="alert">{query.error.message}</p>
      ) : !query.data ? (
        <p aria-busy="true">{t("sales.loading")}</p>
      ) : query.data.length === 0 ? (
        <p>{t("sales.devices.none")}</p>
      ) : (
        <SortableTable
          rows={query.data}
          columns={columns}
          rowKey={(d) => d.id}
          initialSort={{ id: "unsynced", descending: true }}
          testId="devices-table"
        />
      )}
    </section>
  );
}
