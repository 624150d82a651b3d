/**
 * Loading Square's Web Payments SDK only when card payment is configured:
 * the script of the environment the server names (Square's sandbox or
 * production CDN), or, when the server says SIMULATED, its own simulated
 * stand-in (same origin). The part of the SDK we use is typed here.
 */
export interface SquareCard {
  attach(target: string | HTMLElement): Promise<void>;
  tokenize(): Promise<{ status: string; token?: string; errors?: { message: string }[] }>;
  destroy?(): Promise<boolean>;
}

export interface SquarePayments {
  card(): Promise<SquareCard>;
}

interface SquareGlobal {
  payments(applicationId: string, locationId: string): SquarePayments;
}

export type OnlineCardStatus =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      environment: "sandbox" | "production";
      simulated: boolean;
      applicationId: string;
      locationIds: Record<string, string>;
    };

const SDK_URL = {
  production: "https://web.squarecdn.com/v1/square.js",
  sandbox: "https://sandbox.web.squarecdn.com/v1/square.js",
  simulated: "/simulated/square-web-payments-sdk.js",
};

export async function fetchOnlineCardStatus(): Promise<OnlineCardStatus | null> {
  try {
    const response = await fetch("/api/v1/payments/status", { cache: "no-store" });
    if (!response.ok) return null;
    return ((await response.json()) as { card: OnlineCardStatus }).card;
  } catch {
    return null;
  }
}

let loading: Promise<SquareGlobal> | null = null;

/** The SDK's global, its script added once to the page. */
export function loadSquareSdk(status: Extract<OnlineCardStatus, { enabled: true }>) {
  const url = status.simulated ? SDK_URL.simulated : SDK_URL[status.environment];
  loading ??= new Promise<SquareGlobal>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => {
      const square = (window as unknown as { Square?: SquareGlobal }).Square;
      if (square) resolve(square);
      else reject(new Error("the Square SDK loaded without its Square global"));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error(`the Square SDK could not be loaded from ${url}`));
    };
    document.head.appendChild(script);
  });
  return loading;
}
