/**
 * The store chooser of the manager pages: one of the stores the manager may
 * see, or "" for all of them.
 */
import { useI18n } from "../../i18n/i18n.js";
import { useStores } from "./sales-api.js";

export function StorePicker({
  storeId,
  onChange,
}: {
  storeId: string;
  onChange: (storeId: string) => void;
}) {
  const { t } = useI18n();
  const stores = useStores();
  return (
    <label>
      {t("sales.store")}
      <select value={storeId} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("sales.allStores")}</option>
        {stores.data?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
