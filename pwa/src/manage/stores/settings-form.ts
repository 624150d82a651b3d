/**
 * The settings page's form state and its conversion to the settings document
 * the server checks: amounts are typed in euros ("2,50") and sent in cents,
 * everything else is sent as typed. The same zod schema as the server's runs
 * first, so most mistakes are named before anything is sent.
 */
import {
  describeIssues,
  parseEuros,
  storeSettingsSchema,
  type StoreDetails,
  type StoreSettingsInput,
  type WeeklyHours,
} from "@ocpizza/schema";

export interface SettingsForm {
  openingHours: WeeklyHours;
  closedDays: string[];
  maxMinutes: string;
  radiusMeters: string;
  feeEuros: string;
  minimumEuros: string;
  companyName: string;
  legalAddress: string;
  siret: string;
  vatNumber: string;
  latitude: string;
  longitude: string;
}

export function formOf(store: StoreDetails): SettingsForm {
  return {
    openingHours: store.openingHours,
    closedDays: store.closedDays,
    maxMinutes: String(store.delivery.maxMinutes),
    radiusMeters: String(store.delivery.radiusMeters),
    feeEuros: euros(store.delivery.feeCents),
    minimumEuros: euros(store.delivery.minimumOrderCents),
    companyName: store.legal.companyName,
    legalAddress: store.legal.address,
    siret: store.legal.siret,
    vatNumber: store.legal.vatNumber,
    latitude: String(store.latitude),
    longitude: String(store.longitude),
  };
}

export type Checked = { ok: true; settings: StoreSettingsInput } | { ok: false; reason: string };

/** The settings document of a form, or the first problems, named by field. */
export function checkForm(form: SettingsForm): Checked {
  const fee = cents(form.feeEuros);
  const minimum = cents(form.minimumEuros);
  if (fee === null) return { ok: false, reason: "delivery.feeCents: an amount in euros" };
  if (minimum === null) {
    return { ok: false, reason: "delivery.minimumOrderCents: an amount in euros" };
  }
  const settings: StoreSettingsInput = {
    openingHours: form.openingHours,
    closedDays: form.closedDays,
    delivery: {
      maxMinutes: Number(form.maxMinutes),
      radiusMeters: Number(form.radiusMeters),
      feeCents: fee,
      minimumOrderCents: minimum,
    },
    legal: {
      companyName: form.companyName,
      address: form.legalAddress,
      siret: form.siret,
      vatNumber: form.vatNumber,
    },
    coordinates: { latitude: Number(form.latitude), longitude: Number(form.longitude) },
  };
  const parsed = storeSettingsSchema.safeParse(settings);
  return parsed.success
    ? { ok: true, settings }
    : { ok: false, reason: describeIssues(parsed.error) };
}

function cents(text: string): number | null {
  try {
    return parseEuros(text);
  } catch {
    return null;
  }
}

function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}
