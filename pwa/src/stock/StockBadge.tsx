/**
 * The "can still make N" badge on a product button of the counter: per
 * size when the store tracks the product's ingredients ("M 3 · L 2"),
 * "Épuisé" when none can be made, nothing otherwise. The stock is fetched
 * after each successful sync (so it includes this device's synced sales)
 * and kept in the local database for offline use.
 */
import { useEffect } from "react";

import { useMenu, useMeta } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import { pendingEntries } from "../db/outbox.js";
import { useWords } from "../kitchen/words.js";
import { canMakeBySize, localStock } from "./can-make.js";
import { refreshStock } from "./device-api.js";

/** Ingredient -> quantity left as this device sees it; refreshed after every sync. */
export function useLocalStock(): Map<string, number> | undefined {
  const { db } = useServices();
  const meta = useMeta();
  const menu = useMenu();
  const lastSync = meta?.lastSyncAtMs ?? null;
  useEffect(() => {
    if (lastSync === null) return;
    // Offline or an older server: the last figures stay.
    refreshStock(db).catch(() => undefined);
  }, [db, lastSync]);
  return useLiveQuery(async () => {
    const rows = await db.stock.toArray();
    if (rows.length === 0 || !menu) return new Map<string, number>();
    const pending = await pendingEntries(db, 1000);
    return localStock(
      rows,
      pending.map((entry) => entry.mutation),
      menu.recipes,
    );
  }, [db, menu]);
}

export function StockBadge({
  productId,
  stock,
}: {
  productId: string;
  stock: Map<string, number> | undefined;
}) {
  const { w } = useWords();
  const menu = useMenu();
  if (!menu || !stock || stock.size === 0) return null;
  const counts = canMakeBySize(menu, productId, stock);
  if (counts.size === 0) return null;
  const soldOut = [...counts.values()].every((n) => n === 0);
  const text = soldOut
    ? w("stock.soldOut")
    : [...counts].map(([size, n]) => `${size} ${n}`).join(" · ");
  return (
    <span
      className={`stock-badge${soldOut ? " sold-out" : ""}`}
      title={w("stock.canMake", { count: Math.min(...counts.values()) })}
    >
      {text}
    </span>
  );
}
