/**
 * Storing the credential a pairing returned. The outbox and its seqs are left
 * alone: a counter is paired once, before its first sale.
 */
import type { PairResponse } from "@ocpizza/schema";

import { readMeta, type CounterDb } from "./database.js";
import { cleanRegisterCode } from "./register-code.js";

export async function savePairing(
  db: CounterDb,
  pairing: PairResponse,
  deviceName: string,
): Promise<void> {
  await db.transaction("rw", db.meta, async () => {
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
    });
  });
}
