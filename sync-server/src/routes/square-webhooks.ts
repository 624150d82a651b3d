/**
 * POST /api/v1/webhooks/square: Square's notifications about payments,
 * refunds and Terminal checkouts. A server-to-server call: no cookie, no
 * CSRF header; the signature over the registered URL and the raw body is the
 * credential. Nothing is written unless the signature holds; a repeated
 * event id is acknowledged with no second effect; an unknown event type is
 * acknowledged and logged by type only (no personal data).
 */
import { Hono } from "hono";

import type { AppEnv } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import { inTransaction } from "../db/transaction.js";
import type { SquareConfig } from "../payments/square/settings.js";
import {
  applyEvent,
  eventProblem,
  eventSchema,
  isValidSignature,
} from "../payments/webhook-events.js";
import type { RouteDeps } from "./route-deps.js";

/** Square's notifications are a few KiB; anything past this is not one (64 KiB). */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

export const SQUARE_WEBHOOK_PATH = "/api/v1/webhooks/square";
const SIGNATURE_HEADER = "x-square-hmacsha256-signature";

export function squareWebhookRoutes(deps: RouteDeps, square: SquareConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);

  app.post(SQUARE_WEBHOOK_PATH, anyone, async (c) => {
    const raw = await readRawBody(c.req.raw, WEBHOOK_MAX_BYTES);

    // The signature first: an unsigned or forged call learns nothing and writes nothing.
    const signature = c.req.header(SIGNATURE_HEADER);
    if (!signature) {
      throw new HttpError(
        401,
        "unauthorized",
        `Not signed: the ${SIGNATURE_HEADER} header is missing.`,
      );
    }
    if (!square.enabled) {
      throw new HttpError(403, "forbidden", "Forbidden: Square is not configured on this server.");
    }
    const { settings } = square;
    if (!isValidSignature(settings.webhookSignatureKey, settings.webhookUrl, raw, signature)) {
      throw new HttpError(
        403,
        "forbidden",
        "Forbidden: the signature does not match. Check SQUARE_WEBHOOK_SIGNATURE_KEY and that " +
          "SQUARE_WEBHOOK_URL is exactly the URL registered with Square.",
      );
    }

    const event = parseEvent(raw);
    const now = new Date(deps.now());
    const outcome = await inTransaction(deps.pool, { isolation: "READ COMMITTED" }, (tx) =>
      applyEvent(tx.db, settings, event, now),
    );
    const log = { eventId: event.event_id, type: event.type, outcome };
    if (outcome === "unhandled") deps.logger.info(log, "square webhook of a type we do not use");
    else deps.logger.info(log, "square webhook");
    return c.json({ received: true, outcome });
  });

  return app;
}

function parseEvent(raw: Buffer) {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not a JSON Square event.");
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError(
      400,
      "invalid_message",
      "Invalid event: event_id, type and data are required.",
    );
  }
  const problem = eventProblem(parsed.data);
  if (problem)
    throw new HttpError(400, "invalid_message", `Invalid ${parsed.data.type} event: ${problem}.`);
  return parsed.data;
}

/** The raw bytes (the signature covers them exactly), refused past maxBytes before parsing. */
async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, "payload_too_large", `A Square event is at most ${maxBytes} bytes.`, {
    maxBytes,
  });
}
