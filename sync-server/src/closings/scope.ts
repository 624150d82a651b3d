/**
 * What a closing covers: a whole store, or one register of it; and the SQL
 * condition that picks the closings of exactly that scope.
 */
import { and, eq } from "drizzle-orm";

import { closings } from "@ocpizza/schema/db";

/** What a closing covers: a whole store, or one register of it. */
export interface ClosingScope {
  storeId: string;
  registerId: string | null;
}

export function describeScope(scope: ClosingScope): string {
  return scope.registerId === null
    ? `store ${scope.storeId}`
    : `register ${scope.registerId} of store ${scope.storeId}`;
}

/** The closings of exactly this scope (the store's own, or one register's). */
export function sameScope(scope: ClosingScope) {
  return and(
    eq(closings.storeId, scope.storeId),
    scope.registerId === null
      ? eq(closings.scope, "store")
      : and(eq(closings.scope, "register"), eq(closings.registerId, scope.registerId)),
  );
}
