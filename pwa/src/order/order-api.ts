/**
 * The online order pages' calls to the server, over the page's own origin
 * with the CSRF header (a signed-in customer's cookie goes along). Each call
 * answers a plain result; a network failure is its own case.
 */
import type {
  MenuSnapshot,
  OnlineOrderCreated,
  OnlineOrderingState,
  OnlineOrderRequest,
  OnlineOrderView,
  SlotsAnswer,
  StoreDetails,
  StoreInfo,
} from "@ocpizza/schema";

const HEADERS = { "content-type": "application/json", "x-requested-with": "ocpizza" };

export type StoreWithOrdering = StoreDetails & { onlineOrdering: OnlineOrderingState };

export async function fetchStores(): Promise<StoreInfo[]> {
  return ((await getJson("/api/v1/stores")) as { stores: StoreInfo[] }).stores;
}

export async function fetchStore(storeId: string): Promise<StoreWithOrdering> {
  const body = (await getJson(`/api/v1/stores/${encodeURIComponent(storeId)}`)) as {
    store: StoreDetails;
    onlineOrdering: OnlineOrderingState;
  };
  return { ...body.store, onlineOrdering: body.onlineOrdering };
}

/** A store's menu: the products it has turned off left out, and the sizes its stock cannot make. */
export type StoreMenu = MenuSnapshot & { soldOut?: { productId: string; size: string }[] };

export async function fetchMenu(storeId: string): Promise<StoreMenu> {
  return (await getJson(`/api/v1/menu?storeId=${encodeURIComponent(storeId)}`)) as StoreMenu;
}

export async function fetchSlots(
  storeId: string,
  date: string,
  fulfilment: "pickup" | "delivery",
): Promise<SlotsAnswer> {
  const query = `date=${date}&fulfilment=${fulfilment}`;
  return (await getJson(
    `/api/v1/stores/${encodeURIComponent(storeId)}/slots?${query}`,
  )) as SlotsAnswer;
}

export type SubmitAnswer =
  | { kind: "created"; created: OnlineOrderCreated }
  | { kind: "total_changed"; serverTotalCents: number }
  | { kind: "refused"; code: string; message: string }
  | { kind: "network" };

export async function submitOrder(request: OnlineOrderRequest): Promise<SubmitAnswer> {
  let response: Response;
  try {
    response = await fetch("/api/v1/online-orders", {
      method: "POST",
      credentials: "same-origin",
      headers: HEADERS,
      body: JSON.stringify(request),
    });
  } catch {
    return { kind: "network" };
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; serverTotalCents?: number };
  };
  if (response.status === 201) return { kind: "created", created: body as OnlineOrderCreated };
  if (body.error?.code === "total_mismatch" && body.error.serverTotalCents !== undefined) {
    return { kind: "total_changed", serverTotalCents: body.error.serverTotalCents };
  }
  if (response.status >= 500 && !body.error?.code) return { kind: "network" };
  return {
    kind: "refused",
    code: body.error?.code ?? String(response.status),
    message: body.error?.message ?? "",
  };
}

export type OrderAnswer =
  | { kind: "order"; order: OnlineOrderView }
  | { kind: "not_found" }
  | { kind: "refused"; message: string }
  | { kind: "network" };

export async function fetchOrder(orderId: string, token: string): Promise<OrderAnswer> {
  return orderCall("GET", orderId, "", token);
}

export async function cancelOrder(orderId: string, token: string): Promise<OrderAnswer> {
  return orderCall("POST", orderId, "/cancel", token);
}

async function orderCall(
  method: string,
  orderId: string,
  suffix: string,
  token: string,
): Promise<OrderAnswer> {
  const path = `/api/v1/online-orders/${encodeURIComponent(orderId)}${suffix}`;
  let response: Response;
  try {
    response = await fetch(`${path}?token=${encodeURIComponent(token)}`, {
      method,
      credentials: "same-origin",
      headers: HEADERS,
    });
  } catch {
    return { kind: "network" };
  }
  const body = (await response.json().catch(() => ({}))) as {
    order?: OnlineOrderView;
    error?: { message?: string };
  };
  if (response.ok && body.order) return { kind: "order", order: body.order };
  if (response.status === 404) return { kind: "not_found" };
  return { kind: "refused", message: body.error?.message ?? String(response.status) };
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}
