/**
 * Starts the sync server: reads the settings, creates, migrates and seeds
 * the database, serves the API and the built PWA, and shuts down cleanly on
 * SIGTERM / SIGINT. A setup failure is one line on stderr and exit code 1.
 */
import { serve } from "@hono/node-server";
import type { Server } from "node:http";

import { authSettingsFromConfig } from "./accounts/auth-settings.js";
import { disabledMailer, smtpMailer } from "./accounts/mailer.js";
import { startDailyPurge } from "./accounts/purge.js";
import { resolveSessionSecret } from "./accounts/session-secret.js";
import { createApp } from "./app.js";
import { resolveSigningKey } from "./closings/signing-key.js";
import { checkProductionSettings, ConfigError, loadConfig } from "./config.js";
import { createDb, DatabaseUnreachableError, describeTarget } from "./db/connection.js";
import { openDatabase } from "./db/open-database.js";
import { resolveAdminToken } from "./devices/admin-token.js";
import { mapsFeaturesOff, mapsSettingsFromConfig } from "./geo/maps-settings.js";
import { createLogger } from "./logger.js";
import { agentLoaded } from "./monitoring/metrics.js";
import { createShutdown } from "./monitoring/shutdown.js";
import { startUnsyncedAlerts, unsyncedAlertMsFromEnv } from "./reports/unsynced-alerts.js";
import { seedDatabase } from "./seed/seed.js";

/** How long in-flight requests may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  checkProductionSettings(config);
  const logger = createLogger(config.logLevel);

  const { target, pool } = await openDatabase(config.databaseUrl, {
    size: config.dbPoolSize,
    lockWaitTimeoutS: config.lockWaitTimeoutS,
  });
  logger.info({ database: describeTarget(target) }, "database ready (migrations applied)");
  if (config.seed) {
    const seeded = await seedDatabase(pool);
    if (seeded.stores || seeded.menu) logger.info(seeded, "seeded the empty database");
  }

  const admin = await resolveAdminToken(config);
  if (admin.filePath) logger.info({ file: admin.filePath }, "admin token is in this file");
  if (!admin.token) logger.warn("ADMIN_TOKEN is not set: admin endpoints are closed");

  const signing = await resolveSigningKey(config);
  if (signing.filePath)
    logger.info({ file: signing.filePath }, "archive signing key is in this file");
  logger.info({ archiveDir: config.archiveDir }, "closings archive to this folder");

  const session = await resolveSessionSecret(config);
  if (session.filePath) logger.info({ file: session.filePath }, "session secret is in this file");
  const mailer = config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom)
    : disabledMailer(logger);
  if (!config.smtpUrl) logger.warn("SMTP_URL is not set: account mails are not sent");
  if (!config.square.enabled) {
    const { reason, missing } = config.square;
    logger.warn({ reason, missing }, "Square is not configured: card payments are off");
  } else if (config.square.settings.simulated) {
    logger.warn({ baseUrl: config.square.settings.baseUrl }, "SIMULATED Square: no real charge");
  }
  const maps = mapsSettingsFromConfig(config);
  for (const off of mapsFeaturesOff(maps)) logger.warn(off);

  if (agentLoaded()) logger.info("New Relic agent loaded: sync lag and queue depth are reported");
  const shutdown = createShutdown();
  const unsyncedAlertMs = unsyncedAlertMsFromEnv();
  const app = createApp({
    pool,
    logger,
    adminToken: admin.token,
    pullHistoryDays: config.pullHistoryDays,
    pwaDist: config.pwaDist,
    archive: { dir: config.archiveDir, privateKey: signing.privateKey },
    auth: authSettingsFromConfig(config, session.secret, mailer),
    production: config.nodeEnv === "production",
    square: config.square,
    maps,
    shutdown,
    unsyncedAlertMs,
    onlineOrders: { counterSilenceMinutes: config.onlineCounterSilenceMinutes },
  });
  // device_unsynced alerts for devices that stopped pushing (unref'd timer, every minute).
  startUnsyncedAlerts(pool, logger, { thresholdMs: unsyncedAlertMs });
  // Ended sessions, used tokens and old sign-in counters: deleted once a day (unref'd timer).
  startDailyPurge(createDb(pool), logger);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
    const url = `http://${host}:${info.port}`;
    logger.info({ url, pwaDist: config.pwaDist }, "listening");
    if (process.stdout.isTTY) console.log(`\nOC Pizza is running: open ${url}/ (the counter)\n`);
  }) as Server;
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      `Cannot listen on ${config.host}:${config.port} (${error.code}): set PORT or HOST.`,
    );
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing in-flight requests");
    // Readiness turns 503 and event streams end, so their clients reconnect to another instance.
    shutdown.begin();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // Tablets poll on keep-alive sockets: answer them with "Connection: close" and close
    // idle sockets as they appear, or close() would wait for the whole grace period.
    server.on("request", (_request, response) => response.setHeader("connection", "close"));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    server.close(() => {
      pool
        .end()
        .catch((error: unknown) => logger.warn({ err: error }, "closing the pool failed"))
        .finally(() => {
          logger.info("stopped");
          logger.flush();
          process.exit(0);
        });
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    console.error(error.message);
  } else {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`The sync server could not start: ${message}`);
  }
  process.exit(1);
});
