/**
 * What the card payment functions need: the database, a Square client built
 * from the settings, the clock and a logger. Built once by the app (or a
 * test) and passed down; nothing here reads the environment.
 */
import type { SquareClient } from "square";
import type { Logger } from "pino";

import type { Database } from "../db/connection.js";
import { createSquareClient, type SquareClientOptions } from "./square/client.js";
import type { SquareConfig, SquareSettings } from "./square/settings.js";

export interface SquareDeps {
  db: Database;
  client: SquareClient;
  settings: SquareSettings;
  logger: Logger;
  /** The clock, in epoch ms. */
  now: () => number;
}

export function createSquareDeps(
  db: Database,
  settings: SquareSettings,
  logger: Logger,
  options: SquareClientOptions & { now?: () => number } = {},
): SquareDeps {
  return {
    db,
    client: createSquareClient(settings, options),
    settings,
    logger,
    now: options.now ?? Date.now,
  };
}

/** The deps when Square is configured, null when card payment is off (say config.reason). */
export function squareDepsFor(
  config: SquareConfig,
  db: Database,
  logger: Logger,
  now: () => number = Date.now,
): SquareDeps | null {
  return config.enabled ? createSquareDeps(db, config.settings, logger, { now }) : null;
}
