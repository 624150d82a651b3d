/** Says plainly that the manager and customer pages need the network, while it is gone. */
import { useNavigatorOnline } from "../components/use-online.js";
import { useI18n } from "../i18n/i18n.js";

export function OfflineNotice() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  if (online) return null;
  return (
    <p className="warning web-offline" role="status">
      {t("web.offline")}
    </p>
  );
}
