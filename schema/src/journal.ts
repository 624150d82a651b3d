/**
 * The sales journal: every finalized ticket (sale or credit note) of a
 * register, numbered without gaps and chained by SHA-256 over the previous
 * link and the ticket's canonical content. The hash is synchronous so the
 * device computes it inside the IndexedDB transaction that records the sale.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";

/** The link before a register's first ticket. */
export const GENESIS_HASH = "0".repeat(64);

export const TICKET_KINDS = ["sale", "credit_note"] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

const hash = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");
const signedCents = z.number().int().min(-10_000_000).max(10_000_000);

/**
 * What a ticket says, and all that the chain protects. No customer name,
 * phone or address: the journal keeps only what the ticket needs.
 */
export const ticketContentSchema = z.object({
  registerId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(32),
  seq: z.number().int().min(1).max(1_000_000_000),
  kind: z.enum(TICKET_KINDS),
  orderId: z.uuid(),
  /** The ticket a credit note corrects. */
  corrects: z
    .object({ registerId: z.string().min(1).max(64), seq: z.number().int().min(1) })
    .nullable(),
  /** Between 2000 and 2100, like every instant of the protocol. */
  issuedAtMs: z.number().int().min(946_684_800_000).max(4_102_444_800_000),
  training: z.boolean(),
  lines: z
    .array(
      z.object({
        name: z.string().max(120),
        productId: z.string().max(48),
        size: z.string().max(8),
        quantity: z.number().int().min(-99).max(99),
        unitPriceCents: signedCents,
        totalCents: signedCents,
        vatRateBp: z.number().int(),
      }),
    )
    .max(100),
  totalCents: signedCents,
  vat: z.array(
    z.object({ rateBp: z.number().int(), totalCents: signedCents, vatCents: signedCents }),
  ),
  payments: z.array(z.object({ method: z.string().max(16), amountCents: signedCents })).max(10),
  /**
   * The name of the staff member who issued the ticket ("Servi par"), when one
   * was signed in. Optional and left out of the canonical text when absent, so
   * tickets chained before staff sign-in keep their hashes.
   */
  servedBy: z.string().min(1).max(120).optional(),
});
export type TicketContent = z.infer<typeof ticketContentSchema>;

export const journalEntrySchema = z.object({
  previousHash: hash,
  hash,
  content: ticketContentSchema,
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** JSON with keys sorted at every level and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The link of a ticket: SHA-256 of the previous link, a newline, and the canonical content. */
export function chainHash(previousHash: string, content: unknown): string {
  return sha256Hex(`${previousHash}\n${canonicalJson(content)}`);
}

/** Appends a ticket to a register's chain given the register's head. */
export function appendToChain(
  head: { seq: number; hash: string },
  content: Omit<TicketContent, "seq">,
): JournalEntry {
  const full = { ...content, seq: head.seq + 1 } as TicketContent;
  return { previousHash: head.hash, hash: chainHash(head.hash, full), content: full };
}

export type ChainProblemKind = "gap" | "duplicate" | "broken_link" | "altered";

export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number;
  message: string;
}

/**
 * Checks one register's entries, in any order: numbers from 1 without gaps
 * or repeats, each link equal to its content's hash, each previous link
 * equal to the link before it. Names every ticket that was altered,
 * removed or inserted.
 */
export function verifyChain(
  entries: readonly { seq: number; previousHash: string; hash: string; content: unknown }[],
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  let expectedSeq = 1;
  let previous: { seq: number; hash: string } | null = null;

  for (const entry of sorted) {
    if (previous && entry.seq === previous.seq) {
      problems.push({
        kind: "duplicate",
        seq: entry.seq,
        message: `ticket ${entry.seq} appears twice`,
      });
      continue;
    }
    if (entry.seq > expectedSeq) {
      const range =
        entry.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq} to ${entry.seq - 1}`;
      problems.push({ kind: "gap", seq: expectedSeq, message: `ticket(s) ${range} missing` });
    }
    if (chainHash(entry.previousHash, entry.content) !== entry.hash) {
      problems.push({
        kind: "altered",
        seq: entry.seq,
        message: `ticket ${entry.seq}: content does not match its hash`,
      });
    }
    const expectedPrevious =
      previous && previous.seq === entry.seq - 1
        ? previous.hash
        : entry.seq === 1
          ? GENESIS_HASH
          : null;
    if (expectedPrevious !== null && entry.previousHash !== expectedPrevious) {
      problems.push({
        kind: "broken_link",
        seq: entry.seq,
        message: `ticket ${entry.seq}: does not follow ticket ${entry.seq - 1}`,
      });
    }
    previous = entry;
    expectedSeq = entry.seq + 1;
  }
  return problems;
}
