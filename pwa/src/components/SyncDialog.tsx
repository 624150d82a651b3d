/**
 * Details behind the sync badge: what is waiting, the error that stopped or
 * delays sync, operations reported lost, and the commands the server refused.
 */
import { useMeta, useSyncCounts } from "../app/data-hooks.js";
import { useServices, useSyncStatus } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import { callLabel } from "../db/register-code.js";
import { useI18n } from "../i18n/i18n.js";
import { Dialog } from "./Dialog.js";
import { describeProblem, describeRejection } from "./sync-words.js";

export function SyncDialog({ onClose }: { onClose: () => void }) {
  const { t, time } = useI18n();
  const { db, engine } = useServices();
  const status = useSyncStatus();
  const counts = useSyncCounts();
  const meta = useMeta();
  const timeZone = meta?.store?.timeZone;
  const rejections = useLiveQuery(async () => {
    const rows = await db.rejections.orderBy("createdAtMs").reverse().limit(50).toArray();
    return Promise.all(
      rows.map(async (row) => ({
        row,
        order: row.orderId ? await db.orders.get(row.orderId) : undefined,
      })),
    );
  }, [db]);

  const problem = status.halted ?? status.lastError;
  const acknowledgeRejections = () =>
    db.rejections
      .filter((r) => r.acknowledgedAtMs === null)
      .modify({ acknowledgedAtMs: Date.now() });
  const acknowledgeLost = () => db.meta.update("device", { lost: null });

  return (
    <Dialog title={t("sync.dialog")} onClose={onClose} className="sync-dialog">
      <p>{t("sync.pendingOps", { count: counts?.pendingMutations ?? 0 })}</p>
      {meta?.lastSyncAtMs ? (
        <p>{t("sync.lastSync", { time: time(meta.lastSyncAtMs, timeZone) })}</p>
      ) : (
        <p>{t("sync.neverSynced")}</p>
      )}
      {problem && <p className="sync-problem">{describeProblem(t, problem)}</p>}
      {status.nextRetryAtMs && (
        <p>{t("sync.nextRetry", { time: time(status.nextRetryAtMs, timeZone) })}</p>
      )}

      {meta?.lost && (
        <div className="sync-lost" role="alert">
          <p>{t("sync.lostDetail", { from: meta.lost.fromSeq, to: meta.lost.toSeq })}</p>
          {meta.lost.reportedAtMs && (
            <button type="button" onClick={acknowledgeLost}>
              {t("sync.lostAck")}
            </button>
          )}
        </div>
      )}

      <h3>{t("sync.rejectionsTitle")}</h3>
      {rejections && rejections.length > 0 ? (
        <ul className="rejection-list">
          {rejections.map(({ row, order }) => (
            <li key={row.key} className={row.acknowledgedAtMs ? "seen" : "unseen"}>
              {t("sync.rejectionLine", {
                call: order ? callLabel(order, meta) : "?",
                reason: describeRejection(t, row),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("sync.noRejections")}</p>
      )}

      <div className="dialog-actions">
        {Boolean(counts?.unseenRejections) && (
          <button type="button" onClick={acknowledgeRejections}>
            {t("sync.ackRejections")}
          </button>
        )}
        <button type="button" className="primary" onClick={() => void engine.syncNow()}>
          {t("sync.retryNow")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </Dialog>
  );
}
