/**
 * `npm run fake:square [-- --port N --webhook-url URL --signature-key KEY]`
 * The fake Square on its own, for the demo: it prints its URL and the
 * SQUARE_* lines that point the server at it, plays Terminal checkouts out
 * every few seconds and sends signed webhooks to the server. SIMULATED:
 * nothing real is ever charged.
 */
import { randomBytes } from "node:crypto";

import { parseArgs, UsageError } from "../../cli/args.js";
import { startFakeSquare } from "./server.js";

const USAGE =
  "usage: npm run fake:square [-- --port N --webhook-url URL --signature-key KEY --token T]";
/** How often open Terminal checkouts are played out (ms). */
const SETTLE_EVERY_MS = 3_000;

try {
  const args = parseArgs(process.argv.slice(2), {
    port: "string",
    "webhook-url": "string",
    "signature-key": "string",
    token: "string",
  });
  const webhookUrl = str(args["webhook-url"]) ?? "http://127.0.0.1:8080/api/v1/webhooks/square";
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(webhookUrl)) {
    throw new UsageError("--webhook-url must be on 127.0.0.1: the fake talks to this machine only");
  }
  const signatureKey = str(args["signature-key"]) ?? randomBytes(16).toString("base64url");
  const accessToken = str(args.token) ?? `fake-${randomBytes(12).toString("base64url")}`;
  const port = Number(str(args.port) ?? "0");

  const fake = await startFakeSquare({
    accessToken,
    port,
    defaultLocationId: "LFAKEBASTILLE",
    webhooks: { deliverTo: webhookUrl, signatureKey },
  });
  const timer = setInterval(() => void fake.settle(), SETTLE_EVERY_MS);

  console.log(`\nSIMULATED Square listening on ${fake.url} (nothing real is charged)\n`);
  console.log("Start the server with:");
  console.log(`  SQUARE_BASE_URL=${fake.url}`);
  console.log(`  SQUARE_ACCESS_TOKEN=${accessToken}`);
  console.log("  SQUARE_ENVIRONMENT=sandbox");
  console.log("  SQUARE_APPLICATION_ID=sandbox-sq0idb-fake");
  console.log("  SQUARE_LOCATION_IDS=bastille=LFAKEBASTILLE");
  console.log(`  SQUARE_WEBHOOK_SIGNATURE_KEY=${signatureKey}`);
  console.log(`  SQUARE_WEBHOOK_URL=${webhookUrl}\n`);
  console.log("Test cards: cnon:card-nonce-ok, cnon:card-nonce-declined, ... (docs/payments.md)");

  const stop = () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`fake:square failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
