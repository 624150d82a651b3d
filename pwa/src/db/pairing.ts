/**
 * Storing the credential a pairing returned, with a new non-extractable PIN
 * key for this device (staff PINs are verified against it offline, see
 * staff/). The outbox and its seqs are left alone: a counter is paired once,
 * before its first sale.
 */
import type { PairResponse } from "@ocpizza/schema";

import { createPinKey } from "../staff/pin-key.js";
import { readMeta, type CounterDb } from "./database.js";
import { cleanRegisterCode } from "./register-code.js";

export async function savePairing(
  db: CounterDb,
  pairing: PairResponse,
  deviceName: string,
  nowMs: number = Date.now(),
): Promise<void> {
  // Made before the transaction: an IndexedDB transaction does not survive a WebCrypto await.
  const key = await createPinKey();
  await db.transaction("rw", db.meta, db.deviceKeys, db.staff, async () => {
    // Verifiers made with an earlier key (a counter paired again) can no longer match.
    await db.deviceKeys.put({ id: "pin-verifier", key, createdAtMs: nowMs });
    await db.staff.clear();
    const meta = await readMeta(db);
    await db.meta.put({
      ...meta,
      credential: { deviceId: pairing.deviceId, token: pairing.token },
      clientId: pairing.clientId,
      deviceName,
      storeId: pairing.store.id,
      store: pairing.store,
      // Servers before register codes send none: callLabel then derives one from the device id.
      registerCode: cleanRegisterCode((pairing as { registerCode?: unknown }).registerCode),
      signedIn: null,
    });
  });
}
