/**
 * What the route modules receive from createApp: the database, the menu
 * cache, the clock and the few settings handlers need.
 */
import type { Pool } from "mysql2/promise";
import type { Logger } from "pino";

import type { ArchiveSettings } from "../closings/archive.js";
import type { Database } from "../db/connection.js";
import type { Access } from "../http/access.js";
import type { MenuCatalog } from "../menu/menu-catalog.js";

export interface RouteDeps {
  pool: Pool;
  db: Database;
  logger: Logger;
  menu: MenuCatalog;
  now: () => number;
  adminToken: string | null;
  /** Who may call a route: `access.allow([...])` on every route. */
  access: Access;
  pullHistoryDays: number;
  /** Where closings write their signed archives; null writes none. */
  archive: ArchiveSettings | null;
}
