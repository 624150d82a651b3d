/**
 * The store a manager page is about: the manager's own stores, and for who
 * covers every store an "every store" choice too (the value null).
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";

import { useI18n } from "../i18n/i18n.js";
import { webApi, type StoreSummary } from "./api.js";
import { useManager } from "./ManageShell.js";

export function useStores() {
  return useQuery({ queryKey: ["stores"], queryFn: () => webApi.stores(), staleTime: 300_000 });
}

/** The stores this manager works for (every store for a manager of "*"). */
export function useMyStores(): StoreSummary[] {
  const manager = useManager();
  const stores = useStores().data?.stores ?? [];
  return manager.allStores ? stores : stores.filter((s) => manager.storeIds.includes(s.id));
}

export function StorePicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (storeId: string | null) => void;
}) {
  const { t } = useI18n();
  const manager = useManager();
  const stores = useMyStores();

  // A manager of some stores always names one: an answer about all stores is not theirs.
  useEffect(() => {
    if (value === null && !manager.allStores && stores.length > 0) onChange(stores[0].id);
  }, [value, manager.allStores, stores, onChange]);

  return (
    <label className="store-picker">
      {t("web.manage.store")}
      <select
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
      >
        {manager.allStores && <option value="">{t("web.manage.allStores")}</option>}
        {stores.map((store) => (
          <option key={store.id} value={store.id}>
            {store.name}
          </option>
        ))}
      </select>
    </label>
  );
}
