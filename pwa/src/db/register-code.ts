/**
 * The register code of a counter ("A", "B", ... given by the server at pairing)
 * and the call numbers people see ("A-12"). The protocol keeps the numeric
 * callNumber; the code only tells apart two counters of one store.
 */
import type { DeviceMeta } from "./types.js";

/** A code the server may send: one to four letters or digits. */
const CODE_PATTERN = /^[A-Z0-9]{1,4}$/;

/** The server's code, upper-cased, or null when it sent none (or nothing usable). */
export function cleanRegisterCode(code: unknown): string | null {
  if (typeof code !== "string") return null;
  const upper = code.trim().toUpperCase();
  return CODE_PATTERN.test(upper) ? upper : null;
}

/** For a device paired before codes existed (or by an older server): its id's last 2 hex digits. */
export function derivedRegisterCode(deviceId: string): string {
  return deviceId
    .replace(/[^0-9a-f]/gi, "")
    .slice(-2)
    .toUpperCase();
}

/** This device's code: the server's when it gave one, else derived from the device id. */
export function ownRegisterCode(
  meta: Pick<DeviceMeta, "credential" | "registerCode">,
): string | null {
  if (meta.registerCode) return meta.registerCode;
  return meta.credential ? derivedRegisterCode(meta.credential.deviceId) : null;
}

/**
 * "A-12": the code of the counter that took the order, then its call number.
 * The server says which register took each pulled order; an order it has not
 * labelled yet (older server) falls back to the code derived from the device
 * id; an order with no device (taken online) shows the number alone.
 */
export function callLabel(
  order: { callNumber: number; deviceId: string | null; registerCode?: string | null },
  meta: Pick<DeviceMeta, "credential" | "registerCode"> | null | undefined,
): string {
  const own = meta?.credential && order.deviceId === meta.credential.deviceId;
  const code =
    (own ? ownRegisterCode(meta) : order.registerCode) ??
    (order.deviceId && derivedRegisterCode(order.deviceId));
  return code ? `${code}-${order.callNumber}` : String(order.callNumber);
}
