/**
 * Sign-in sessions: a random token in the cookie, its keyed hash as the row
 * id. A session is valid until it expires or is revoked (sign-out, sign-out
 * everywhere, a password change or reset).
 */
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, ne } from "drizzle-orm";

import { sessions, type SubjectKind } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { keyedHash, randomToken } from "./auth-settings.js";

export interface SessionSubject {
  sessionId: string;
  kind: SubjectKind;
  subjectId: string;
  expiresAtMs: number;
}

/** last_seen_at is written at most once a minute per session. */
const SEEN_EVERY_MS = 60_000;

export function sessionId(secret: string, token: string): string {
  return keyedHash(secret, "session", token);
}

export async function openSession(
  db: Database,
  secret: string,
  subject: { kind: SubjectKind; id: string },
  options: { nowMs: number; ttlMs: number; userAgent?: string },
): Promise<{ token: string; expiresAtMs: number }> {
  const token = randomToken();
  const expiresAtMs = options.nowMs + options.ttlMs;
  await db.insert(sessions).values({
    id: sessionId(secret, token),
    subjectKind: subject.kind,
    subjectId: subject.id,
    createdAt: new Date(options.nowMs),
    lastSeenAt: new Date(options.nowMs),
    expiresAt: new Date(expiresAtMs),
    userAgentHash: options.userAgent
      ? createHash("sha256").update(options.userAgent).digest("hex")
      : null,
  });
  return { token, expiresAtMs };
}

export async function findSession(
  db: Database,
  secret: string,
  token: string,
  nowMs: number,
): Promise<SessionSubject | null> {
  const id = sessionId(secret, token);
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date(nowMs))),
    )
    .limit(1);
  if (!row) return null;

  if (nowMs - row.lastSeenAt.getTime() > SEEN_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(nowMs) })
      .where(eq(sessions.id, id));
  }
  return {
    sessionId: id,
    kind: row.subjectKind,
    subjectId: row.subjectId,
    expiresAtMs: row.expiresAt.getTime(),
  };
}

export async function revokeSession(db: Database, id: string, nowMs: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(nowMs) })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every open session of a subject, except `keepId` when given. */
export async function revokeAllSessions(
  db: Database,
  subject: { kind: SubjectKind; id: string },
  nowMs: number,
  keepId?: string,
): Promise<number> {
  const [result] = await db
    .update(sessions)
    .set({ revokedAt: new Date(nowMs) })
    .where(
      and(
        eq(sessions.subjectKind, subject.kind),
        eq(sessions.subjectId, subject.id),
        isNull(sessions.revokedAt),
        keepId ? ne(sessions.id, keepId) : undefined,
      ),
    );
  return result.affectedRows;
}
