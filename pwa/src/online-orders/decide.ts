/**
 * The counter's accept and refuse calls, with the device's token and the
 * signed-in staff member as who did it. They need the network: an online
 * order is answered while online, or not at all (the customer waits).
 */
import type { CounterDb } from "../db/database.js";

export type DecideAnswer = { ok: true } | { ok: false; message: string; offline: boolean };

export async function decideOnlineOrder(
  db: CounterDb,
  orderId: string,
  decision: { kind: "accept" } | { kind: "refuse"; reason: string },
): Promise<DecideAnswer> {
  const meta = await db.meta.get("device");
  if (!meta?.credential) return { ok: false, message: "not paired", offline: false };
  const staffId = meta.signedIn?.id;
  const body = {
    ...(staffId ? { staffId } : {}),
    ...(decision.kind === "refuse" ? { reason: decision.reason } : {}),
  };
  let response: Response;
  try {
    response = await fetch(`/api/v1/devices/me/online-orders/${orderId}/${decision.kind}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${meta.credential.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: "network", offline: true };
  }
  if (response.ok) return { ok: true };
  const error = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  return { ok: false, message: error.error?.message ?? String(response.status), offline: false };
}
