/**
 * The sync protocol: every request a device sends (push, pull, pairing), as
 * zod schemas validated on both sides, and the types inferred from them; the
 * server's answers are in snapshots.ts. docs/sync-protocol.md explains them
 * with examples: keep the two in step.
 */
import { z } from "zod";

import { journalEntrySchema } from "./journal.js";
import { ORDER_STATUSES } from "./order-state.js";
import { LINE_PREP_STATUSES } from "./kitchen-state.js";

/** The protocol this code speaks, and the versions the server still accepts. */
export const PROTOCOL_VERSION = 1;
export const ACCEPTED_PROTOCOL_VERSIONS: readonly number[] = [PROTOCOL_VERSION];

/** Limits a push must respect; bigger requests are refused whole (413 or 400). */
export const MAX_PUSH_BYTES = 1_000_000;
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_QUANTITY = 99;
export const MAX_AMOUNT_CENTS = 10_000_000;
/** Highest sequence number (outbox or journal) a device may use or report. */
export const MAX_SEQ = 1_000_000_000;

const id = z.uuid({ message: "must be a UUID" });
const cents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);
const epochMs = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const shortText = (max: number) => z.string().trim().max(max);
const code = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[a-z0-9_-]+$/i, "must be a code of letters, digits, _ or -");

export const serviceModeSchema = z.enum(["eat_in", "takeaway", "delivery"]);
export type ServiceMode = z.infer<typeof serviceModeSchema>;
export const channelSchema = z.enum(["counter", "phone", "online"]);
export type Channel = z.infer<typeof channelSchema>;
export const paymentMethodSchema = z.enum(["cash", "meal_voucher", "cheque", "card"]);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export const vatRateSchema = z.union([z.literal(550), z.literal(1000), z.literal(2000)]);

export const lineOptionSchema = z.object({
  kind: z.enum(["extra", "without"]),
  ingredientId: code,
  priceCents: cents,
});
export type LineOption = z.infer<typeof lineOptionSchema>;

/**
 * A discount given by hand: a percentage in basis points (1000 = 10 %) or an
 * amount in cents. What it comes to in cents is in each line's discountCents.
 */
export const discountSchema = z
  .object({
    kind: z.enum(["percent", "amount"]),
    value: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  })
  .refine((d) => d.kind !== "percent" || d.value <= 10_000, {
    message: "a percentage is at most 10000 basis points (100 %)",
    path: ["value"],
  });
export type Discount = z.infer<typeof discountSchema>;

export const orderLineSchema = z.object({
  id,
  productId: code,
  size: code,
  name: shortText(120).min(1),
  categoryId: code,
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  unitPriceCents: cents,
  vatRateBp: vatRateSchema,
  options: z.array(lineOptionSchema).max(20).default([]),
  note: shortText(200).optional(),
  /** The discount given by hand on this line (docs/menu-and-prices.md). */
  discount: discountSchema.optional(),
  /** The promotion that lowered this line, if one did. */
  promotionId: code.optional(),
  /** Every discount on this line in cents (its own, a promotion, its share of the order's). */
  discountCents: cents.optional(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const customerSchema = z.object({
  name: shortText(120).min(1),
  phone: shortText(32)
    .regex(/^[+0-9 ().-]{6,32}$/, "must be a phone number")
    .optional(),
  address: shortText(255).min(1).optional(),
  deliveryNotes: shortText(255).optional(),
});
export type Customer = z.infer<typeof customerSchema>;

export const paymentSchema = z
  .object({
    id,
    method: paymentMethodSchema,
    amountCents: cents.min(1),
    tenderedCents: cents.optional(),
    createdAtMs: epochMs,
    /** Card through the counter's Square Terminal: the payment Square recorded (optional). */
    squarePaymentId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a Square payment id")
      .optional(),
    /** Card taken on the terminal's own offline mode: the terminal's reference, to reconcile. */
    cardReference: shortText(64).min(1).optional(),
  })
  .refine((p) => p.tenderedCents === undefined || p.tenderedCents >= p.amountCents, {
    message: "tenderedCents cannot be less than amountCents",
    path: ["tenderedCents"],
  })
  .refine((p) => p.method === "card" || (p.squarePaymentId ?? p.cardReference) === undefined, {
    message: "only a card payment has a squarePaymentId or cardReference",
    path: ["method"],
  });
export type Payment = z.infer<typeof paymentSchema>;

/** An order's lines: 1 to 100, adding up to at most MAX_AMOUNT_CENTS. */
const orderLinesSchema = z
  .array(orderLineSchema)
  .min(1)
  .max(100)
  .refine(
    (lines) => lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0) <= MAX_AMOUNT_CENTS,
    { message: `the lines add up to more than ${MAX_AMOUNT_CENTS} cents: split the order` },
  )
  .refine((lines) => lines.every((l) => (l.discountCents ?? 0) <= l.unitPriceCents * l.quantity), {
    message: "a line's discountCents cannot be more than its price times its quantity",
  });

export const orderSchema = z
  .object({
    id,
    channel: z.enum(["counter", "phone"]),
    serviceMode: serviceModeSchema,
    createdAtMs: epochMs,
    callNumber: z.number().int().min(1).max(9999),
    menuVersion: z.number().int().min(0),
    customer: customerSchema.optional(),
    note: shortText(255).optional(),
    lines: orderLinesSchema,
    totalCents: cents,
    /** A discount on the whole order, shared out over the lines' discountCents. */
    discount: discountSchema.optional(),
    /** A training sale: journaled as such and kept out of every figure. */
    training: z.boolean().default(false),
  })
  .refine((o) => o.channel !== "phone" || o.customer?.phone !== undefined, {
    message: "a phone order needs the customer's name and phone",
    path: ["customer"],
  })
  .refine((o) => o.serviceMode !== "delivery" || o.customer?.address !== undefined, {
    message: "a delivery needs the customer's address",
    path: ["customer", "address"],
  });
export type Order = z.infer<typeof orderSchema>;
/** Payments of one mutation: at most 10, adding up to at most MAX_AMOUNT_CENTS. */
const paymentsSchema = (min: number) =>
  z
    .array(paymentSchema)
    .min(min)
    .max(10)
    .refine((list) => list.reduce((sum, p) => sum + p.amountCents, 0) <= MAX_AMOUNT_CENTS, {
      message: `the payments add up to more than ${MAX_AMOUNT_CENTS} cents`,
    });

/** Sequence numbers stay far below 2^53 so seq + 1 is always exact. */
const seqNumber = z.number().int().min(1).max(MAX_SEQ);
/**
 * Every mutation: its seq, when it happened, and who did it (the staff member
 * signed in on the counter). `staffId` is optional so that entries queued by
 * an app before staff sign-in still apply; the server records an id it does
 * not know and flags the sale (`unknown_staff`), never refuses it.
 */
const envelope = { seq: seqNumber, atMs: epochMs, staffId: id.optional() };
/** The manager whose PIN approved a sensitive action (void after payment, refund, drawer). */
const approval = { approvedByStaffId: id.optional() };

export const mutationSchema = z.discriminatedUnion("kind", [
  z.object({
    ...envelope,
    kind: z.literal("order.create"),
    order: orderSchema,
    payments: paymentsSchema(0).default([]),
    /** "completed" records a sale handed over at once (a counter sale paid and taken). */
    status: z.enum(["accepted", "completed"]).default("accepted"),
    /** The journal entry, when this sale is a ticket at once (paid in full or handed over). */
    ticket: journalEntrySchema.optional(),
    /** The manager whose PIN approved a discount above the clerk's limit. */
    ...approval,
  }),
  z.object({
    ...envelope,
    kind: z.literal("order.update"),
    /** Once the kitchen has started, a change needs a manager's PIN on the counter. */
    ...approval,
    orderId: id,
    lines: orderLinesSchema,
    totalCents: cents,
    serviceMode: serviceModeSchema.optional(),
    customer: customerSchema.optional(),
    note: shortText(255).optional(),
  }),
  z.object({
    ...envelope,
    kind: z.literal("order.pay"),
    orderId: id,
    payments: paymentsSchema(1),
    /** The journal entry, when this payment makes the order a ticket. */
    ticket: journalEntrySchema.optional(),
  }),
  z.object({
    ...envelope,
    kind: z.literal("order.status"),
    orderId: id,
    status: orderStatusSchema,
    reason: shortText(255).optional(),
    ...approval,
    /** The journal entry, when handing the order over makes it a ticket. */
    ticket: journalEntrySchema.optional(),
  }),
  z.object({
    ...envelope,
    kind: z.literal("order.line_status"),
    orderId: id,
    lineId: id,
    /** The line's new preparation status (schema/src/kitchen-state.ts). */
    status: z.enum(LINE_PREP_STATUSES),
  }),
  z
    .object({
      ...envelope,
      kind: z.literal("delivery.update"),
      orderId: id,
      /**
       * assign (or take): the driver named; out: left the store with it; delivered:
       * handed over, with the cash the driver collected; incident: not delivered, why.
       */
      step: z.enum(["assign", "out", "delivered", "incident"]),
      driverStaffId: id.optional(),
      cashCollectedCents: cents.optional(),
      note: shortText(255).optional(),
    })
    .refine((m) => m.step !== "assign" || m.driverStaffId !== undefined, {
      message: "assigning a delivery needs the driver's staff id",
      path: ["driverStaffId"],
    })
    .refine((m) => m.step !== "delivered" || m.cashCollectedCents !== undefined, {
      message: "a delivered order says the cash collected (0 when prepaid)",
      path: ["cashCollectedCents"],
    })
    .refine((m) => m.step !== "incident" || (m.note ?? "") !== "", {
      message: "an incident says what happened",
      path: ["note"],
    }),
  z.object({
    ...envelope,
    kind: z.literal("order.credit_note"),
    orderId: id,
    /** The credit note's journal entry: negative lines and amounts, `corrects` the original. */
    ticket: journalEntrySchema,
    /** Money given back (positive amounts), recorded as negative payments. */
    refunds: paymentsSchema(0).default([]),
    reason: shortText(255).min(1),
    ...approval,
  }),
  z.object({
    ...envelope,
    kind: z.literal("shift.open"),
    shiftId: id,
    openedAtMs: epochMs,
    floatCents: cents,
  }),
  z.object({
    ...envelope,
    kind: z.literal("shift.cash"),
    movementId: id,
    shiftId: id,
    direction: z.enum(["in", "out"]),
    amountCents: cents.min(1),
    reason: shortText(120).min(1),
    /** Opening the drawer without a sale needs a manager's PIN on the counter. */
    ...approval,
  }),
  z.object({
    ...envelope,
    kind: z.literal("shift.close"),
    shiftId: id,
    closedAtMs: epochMs,
    counted: z.object({ cashCents: cents, mealVoucherCents: cents, chequeCents: cents }),
    expected: z.object({ cashCents: cents, mealVoucherCents: cents, chequeCents: cents }),
  }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationKind = Mutation["kind"];

export const pushRequestSchema = z
  .object({
    protocol: z.number().int(),
    appVersion: shortText(32).min(1),
    clientId: id,
    mutations: z.array(mutationSchema).max(MAX_MUTATIONS_PER_PUSH),
    /** Sequence numbers the device can no longer resend (purged or wiped). */
    lost: z.object({ fromSeq: seqNumber, toSeq: seqNumber }).optional(),
    /** What the device still holds, for the managers' freshness view. */
    outbox: z
      .object({
        pending: z.number().int().min(0).max(MAX_SEQ),
        oldestPendingAtMs: epochMs.nullable(),
        highestSeq: z.number().int().min(0).max(MAX_SEQ),
      })
      .optional(),
    /** The device register's journal head, so a closing knows what is not synced yet. */
    journal: z
      .object({
        registerId: z.string().min(1).max(64),
        headSeq: z.number().int().min(0).max(MAX_SEQ),
        headHash: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .optional(),
  })
  .refine((p) => p.mutations.every((m, i) => i === 0 || m.seq === p.mutations[i - 1].seq + 1), {
    message: "mutations must have contiguous, increasing sequence numbers",
    path: ["mutations"],
  })
  .refine((p) => !p.lost || p.lost.toSeq >= p.lost.fromSeq, {
    message: "lost.toSeq cannot be below lost.fromSeq",
    path: ["lost"],
  });
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const OUTCOMES = ["applied", "flagged", "rejected", "duplicate"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface MutationResult {
  seq: number;
  outcome: Outcome;
  /** Rejection code (rejected) or comma-free list of sale flags (flagged). */
  code?: string;
  message?: string;
}

export interface PushResponse {
  protocol: number;
  lastAppliedSeq: number;
  storeVersion: number;
  results: MutationResult[];
}

export const pullQuerySchema = z.object({
  protocol: z.coerce.number().int(),
  since: z.coerce.number().int().min(0),
  menuVersion: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const pairRequestSchema = z.object({
  code: z.string().trim().min(4).max(32),
  name: shortText(80).min(1),
});
export type PairRequest = z.infer<typeof pairRequestSchema>;

/** Formats a zod error as one sentence naming each offending field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}
