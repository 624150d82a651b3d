/**
 * The store finder's and the settings page's calls to the server, over the
 * page's own origin (a customer's browser holds no device token). Each call
 * answers a plain result the page can show; a network failure is its own case.
 */
import type {
  DeliveryQuote,
  MapsConfig,
  QuoteRefusalBody,
  StoreDetails,
  StoreInfo,
  StoreSettingsInput,
} from "@ocpizza/schema";

export async function fetchMapsConfig(): Promise<MapsConfig> {
  const response = await fetch("/api/v1/config");
  if (!response.ok) throw new Error(`GET /api/v1/config answered ${response.status}`);
  return ((await response.json()) as { maps: MapsConfig }).maps;
}

/** Every store with its hours: the list, then each store's details. */
export async function fetchStoreDetails(): Promise<StoreDetails[]> {
  const list = await fetch("/api/v1/stores");
  if (!list.ok) throw new Error(`GET /api/v1/stores answered ${list.status}`);
  const { stores } = (await list.json()) as { stores: StoreInfo[] };
  return Promise.all(stores.map((store) => fetchOneStore(store.id)));
}

export async function fetchOneStore(storeId: string): Promise<StoreDetails> {
  const response = await fetch(`/api/v1/stores/${encodeURIComponent(storeId)}`);
  if (!response.ok) throw new Error(`GET /api/v1/stores/${storeId} answered ${response.status}`);
  return ((await response.json()) as { store: StoreDetails }).store;
}

export type QuoteAnswer =
  | { kind: "quote"; quote: DeliveryQuote }
  | { kind: "refused"; refusal: QuoteRefusalBody["error"] }
  | { kind: "bad_address" }
  | { kind: "rate_limited" }
  | { kind: "network" };

export async function requestQuote(address: string): Promise<QuoteAnswer> {
  let response: Response;
  try {
    response = await fetch("/api/v1/delivery/quote", {
      method: "POST",
      headers: { "content-type": "application/json", "x-requested-with": "ocpizza" },
      body: JSON.stringify({ address }),
    });
  } catch {
    return { kind: "network" };
  }
  if (response.status === 200) return { kind: "quote", quote: await response.json() };
  if (response.status === 422) {
    return { kind: "refused", refusal: ((await response.json()) as QuoteRefusalBody).error };
  }
  if (response.status === 400) return { kind: "bad_address" };
  if (response.status === 429) return { kind: "rate_limited" };
  return { kind: "network" };
}

export type SaveAnswer =
  | { kind: "saved"; store: StoreDetails }
  | { kind: "refused"; status: number; message: string }
  | { kind: "network" };

/** PUT the whole settings document with the manager's session cookie. */
export async function saveSettings(
  storeId: string,
  settings: StoreSettingsInput,
): Promise<SaveAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/admin/stores/${encodeURIComponent(storeId)}/settings`, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-requested-with": "ocpizza" },
      body: JSON.stringify(settings),
    });
  } catch {
    return { kind: "network" };
  }
  const body = (await response.json().catch(() => ({}))) as {
    store?: StoreDetails;
    error?: { message?: string };
  };
  if (response.ok && body.store) return { kind: "saved", store: body.store };
  return { kind: "refused", status: response.status, message: body.error?.message ?? "" };
}
