/**
 * The Square settings, read from the SQUARE_* variables config.ts parses:
 * all of them or none. None turns card payments off with a reason the PWA
 * can show; a partial set is refused in production (naming what is missing)
 * and turns cards off elsewhere. SQUARE_BASE_URL points the SDK at the local
 * fake, and everything is then labelled simulated.
 */

export type SquareEnvironmentName = "sandbox" | "production";

export interface SquareSettings {
  accessToken: string;
  environment: SquareEnvironmentName;
  applicationId: string;
  /** Square location id of each of our stores, by store id. */
  locationIds: Readonly<Record<string, string>>;
  webhookSignatureKey: string;
  /** The notification URL exactly as registered with Square: it is part of what is signed. */
  webhookUrl: string;
  /** The local fake Square's URL; null talks to Square itself. */
  baseUrl: string | null;
  /** True when baseUrl is set: nothing real is charged. */
  simulated: boolean;
}

/** Why cards are off, for the PWA to say in plain words. */
export type CardDisabledReason = "square_not_configured" | "square_partially_configured";

export type SquareConfig =
  | { enabled: true; settings: SquareSettings }
  | { enabled: false; reason: CardDisabledReason; missing: string[] };

/** The raw variables, as config.ts validated them (undefined when unset). */
export interface SquareEnv {
  SQUARE_ACCESS_TOKEN?: string;
  SQUARE_ENVIRONMENT?: SquareEnvironmentName;
  SQUARE_APPLICATION_ID?: string;
  SQUARE_LOCATION_IDS?: string;
  SQUARE_WEBHOOK_SIGNATURE_KEY?: string;
  SQUARE_WEBHOOK_URL?: string;
  SQUARE_BASE_URL?: string;
}

/** What must be set for cards to work; SQUARE_BASE_URL is optional. */
export const REQUIRED_SQUARE_VARIABLES = [
  "SQUARE_ACCESS_TOKEN",
  "SQUARE_ENVIRONMENT",
  "SQUARE_APPLICATION_ID",
  "SQUARE_LOCATION_IDS",
  "SQUARE_WEBHOOK_SIGNATURE_KEY",
  "SQUARE_WEBHOOK_URL",
] as const;

export function readSquareConfig(env: SquareEnv): SquareConfig {
  const missing = REQUIRED_SQUARE_VARIABLES.filter((name) => env[name] === undefined);
  const anySet = missing.length < REQUIRED_SQUARE_VARIABLES.length || env.SQUARE_BASE_URL;
  if (!anySet) return { enabled: false, reason: "square_not_configured", missing };
  if (missing.length > 0) {
    return { enabled: false, reason: "square_partially_configured", missing };
  }
  const baseUrl = env.SQUARE_BASE_URL?.replace(/\/+$/, "") ?? null;
  return {
    enabled: true,
    settings: {
      accessToken: env.SQUARE_ACCESS_TOKEN!,
      environment: env.SQUARE_ENVIRONMENT!,
      applicationId: env.SQUARE_APPLICATION_ID!,
      locationIds: parseLocationIds(env.SQUARE_LOCATION_IDS!),
      webhookSignatureKey: env.SQUARE_WEBHOOK_SIGNATURE_KEY!,
      webhookUrl: env.SQUARE_WEBHOOK_URL!,
      baseUrl,
      simulated: baseUrl !== null,
    },
  };
}

/**
 * "bastille=LXXXX,montmartre=LYYYY" as a map. Throws a RangeError naming the
 * bad entry (config.ts turns it into a ConfigError).
 */
export function parseLocationIds(text: string): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const entry of text.split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const match = /^([a-z0-9_-]{1,32})=([A-Za-z0-9]{1,64})$/.exec(entry);
    if (!match) {
      throw new RangeError(
        `SQUARE_LOCATION_IDS: "${entry.slice(0, 60)}" is not storeId=LocationId ` +
          `(e.g. bastille=L1A2B3C4D5E6F)`,
      );
    }
    ids[match[1]] = match[2];
  }
  if (Object.keys(ids).length === 0) {
    throw new RangeError("SQUARE_LOCATION_IDS names no store: write storeId=LocationId,...");
  }
  return ids;
}

/**
 * What production refuses about Square: a partial set (naming what is
 * missing), the fake, or a webhook URL that is not https.
 */
export function squareProductionProblems(config: SquareConfig): string[] {
  if (!config.enabled) {
    if (config.reason === "square_not_configured") return [];
    return [`Square is partly configured: ${config.missing.join(", ")} not set`];
  }
  const problems: string[] = [];
  if (config.settings.baseUrl !== null) {
    problems.push("SQUARE_BASE_URL (the simulated Square) is not allowed");
  }
  if (!config.settings.webhookUrl.startsWith("https://")) {
    problems.push("SQUARE_WEBHOOK_URL must be https://");
  }
  return problems;
}

/** The Square location id of a store, or null when the store has none. */
export function locationIdOf(settings: SquareSettings, storeId: string): string | null {
  return settings.locationIds[storeId] ?? null;
}

/** The store whose Square location this is, or null. */
export function storeOfLocation(settings: SquareSettings, locationId: string): string | null {
  const entry = Object.entries(settings.locationIds).find(([, id]) => id === locationId);
  return entry ? entry[0] : null;
}
