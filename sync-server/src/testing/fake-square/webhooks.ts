/**
 * The fake's webhook sender: events shaped like Square's ({merchant_id,
 * type, event_id, created_at, data: {type, id, object}}), signed the way
 * Square signs them (base64 HMAC-SHA256 of the notification URL followed by
 * the raw body), delivered one after another, kept for replay.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface WebhookSettings {
  /** Where events are POSTed (default: none sent, only kept). */
  deliverTo?: string | null;
  /** The URL as registered with Square: part of what is signed (default deliverTo). */
  notificationUrl?: string;
  signatureKey: string;
  /** Sends one event; default fetch() to deliverTo. Tests pass app.request. */
  deliver?: (url: string, body: string, headers: Record<string, string>) => Promise<number>;
}

export interface SentEvent {
  eventId: string;
  type: string;
  body: string;
  /** HTTP status of each delivery (replays add to it). */
  statuses: number[];
}

export const FAKE_MERCHANT_ID = "FAKEMERCHANT01";

export function squareSignature(key: string, notificationUrl: string, body: string): string {
  return createHmac("sha256", key)
    .update(notificationUrl + body)
    .digest("base64");
}

export class WebhookSender {
  readonly events: SentEvent[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Events kept back while held (a test's "Square is slow to notify"). */
  private held: SentEvent[] | null = null;

  constructor(
    private readonly settings: WebhookSettings | null,
    private readonly nowIso: () => string,
  ) {}

  /** Queues an event about one object (data.type "payment", "refund" or "checkout"). */
  emit(type: string, objectType: string, object: Record<string, unknown>): SentEvent {
    const event: SentEvent = {
      eventId: randomUUID(),
      type,
      body: JSON.stringify({
        merchant_id: FAKE_MERCHANT_ID,
        type,
        event_id: "",
        created_at: this.nowIso(),
        data: { type: objectType, id: String(object.id), object: { [objectType]: object } },
      }),
      statuses: [],
    };
    event.body = event.body.replace('"event_id":""', `"event_id":"${event.eventId}"`);
    this.events.push(event);
    this.send(event);
    return event;
  }

  /** Sends an event again, byte for byte (Square retries the same way). */
  replay(eventId: string): void {
    const event = this.events.find((e) => e.eventId === eventId);
    if (!event) throw new Error(`no event ${eventId} was sent`);
    this.send(event);
  }

  /** Keeps events back until release(): the server hears of nothing meanwhile. */
  hold(): void {
    this.held ??= [];
  }

  /** Sends the events kept back, in order. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    held.forEach((event) => this.send(event));
  }

  /** Resolves once every queued delivery is done. */
  flush(): Promise<void> {
    return this.queue;
  }

  private send(event: SentEvent): void {
    if (this.held) {
      this.held.push(event);
      return;
    }
    const settings = this.settings;
    if (!settings?.deliverTo) return;
    const url = settings.deliverTo;
    const signed = settings.notificationUrl ?? url;
    const headers = {
      "content-type": "application/json",
      "x-square-hmacsha256-signature": squareSignature(settings.signatureKey, signed, event.body),
      "square-environment": "Sandbox",
    };
    const deliver = settings.deliver ?? fetchDeliver;
    this.queue = this.queue.then(async () => {
      const status = await deliver(url, event.body, headers).catch(() => 0);
      event.statuses.push(status);
    });
  }
}

async function fetchDeliver(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  const response = await fetch(url, { method: "POST", body, headers });
  await response.arrayBuffer();
  return response.status;
}
