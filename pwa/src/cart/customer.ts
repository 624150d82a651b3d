/**
 * The customer of a phone order, checked before payment: a phone order needs
 * a name and a phone number, a delivery an address (the server's schema says
 * the same; checking here gives the clerk the reason at once).
 */
import type { Customer, ServiceMode } from "@ocpizza/schema";

export interface CustomerDraft {
  name: string;
  phone: string;
  address: string;
  deliveryNotes: string;
}

export type CustomerProblem = "missing_customer" | "bad_phone" | "missing_address";

const PHONE = /^[+0-9 ().-]{6,32}$/;

export function checkCustomer(
  channel: "counter" | "phone",
  serviceMode: ServiceMode,
  draft: CustomerDraft,
): CustomerProblem | null {
  if (channel !== "phone") return null;
  if (!draft.name.trim() || !draft.phone.trim()) return "missing_customer";
  if (!PHONE.test(draft.phone.trim())) return "bad_phone";
  if (serviceMode === "delivery" && !draft.address.trim()) return "missing_address";
  return null;
}

/** The customer sent with the order: only for phone orders, only the fields that apply. */
export function toCustomer(
  channel: "counter" | "phone",
  serviceMode: ServiceMode,
  draft: CustomerDraft,
): Customer | undefined {
  if (channel !== "phone") return undefined;
  const delivery = serviceMode === "delivery";
  return {
    name: draft.name.trim(),
    phone: draft.phone.trim(),
    address: delivery ? draft.address.trim() : undefined,
    deliveryNotes: delivery && draft.deliveryNotes.trim() ? draft.deliveryNotes.trim() : undefined,
  };
}
