/**
 * Which stores a manager's request is about: the one named (theirs, and
 * existing), or, when none is named, every store they may see. Used by the
 * dashboard, the devices panel and the alerts list, which answer for "all
 * my stores" where the older sales report asked a manager to name one.
 */
import { asc } from "drizzle-orm";

import { stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { canAccessStore, checkStore, type Principal } from "../http/access.js";
import { HttpError } from "../http/errors.js";

export async function storesInScope(
  db: Database,
  principal: Principal,
  storeId: string | undefined,
): Promise<string[]> {
  const all = (await db.select({ id: stores.id }).from(stores).orderBy(asc(stores.id))).map(
    (s) => s.id,
  );
  if (storeId === undefined) return all.filter((id) => canAccessStore(principal, id));

  checkStore(principal, storeId);
  if (!all.includes(storeId)) {
    throw new HttpError(
      404,
      "not_found",
      `Store "${storeId}" does not exist: use an id from /api/v1/stores.`,
    );
  }
  return [storeId];
}
