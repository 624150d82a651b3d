/**
 * What the screens use of staff sign-in: the staff list (refreshed from the
 * server when reachable, else as saved), the PIN checker bound to this
 * device's credential, and the commands sign in, approve and sign out.
 */
import { useCallback, useMemo } from "react";

import { useMeta } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import type { StaffRow } from "../db/types.js";
import { approveAsManager, signIn, signOut, type PinChecker } from "./sign-in.js";
import { saveStaffList, staffByName } from "./staff-list.js";

export function useStaffList(): StaffRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => staffByName(db), [db]);
}

export function useStaffCommands() {
  const { db, api } = useServices();
  const meta = useMeta();
  const token = meta?.credential?.token ?? null;

  const check: PinChecker | null = useMemo(
    () => (token ? (staffId, pin) => api.pinCheck({ staffId, pin }, token) : null),
    [api, token],
  );

  /** Fetches the store's staff; false when the server was not reached (the saved list stays). */
  const refresh = useCallback(async (): Promise<boolean> => {
    if (!token) return false;
    try {
      await saveStaffList(db, await api.staff(token));
      return true;
    } catch {
      return false;
    }
  }, [api, db, token]);

  return useMemo(
    () => ({
      refresh,
      signIn: (staffId: string, pin: string) => signIn(db, check, staffId, pin),
      approve: (staffId: string, pin: string) => approveAsManager(db, check, staffId, pin),
      signOut: () => signOut(db),
    }),
    [check, db, refresh],
  );
}
