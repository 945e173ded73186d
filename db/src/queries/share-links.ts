/**
 * Share links: made, listed and revoked within a workspace (each change audited in the same batch, never with the
 * token), and looked up on the public view by the SHA-256 of the token alone, the one read here that is not scoped
 * to a workspace, since the token is what names it. Every view reads the link from D1, so a revocation or expiry
 * is in force on the next request.
 * @module
 */
import { MAX_FAILED_PASSWORDS, newId, PASSWORD_LOCKOUT_MS, type ShareKind } from "@firebreak/core";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { journeys, reviewSessions, shareLinks, users } from "../schema/index.ts";
import * as audit from "./audit.ts";
import type { Actor } from "./themes.ts";
import { createdByOf } from "./tokens.ts";

export interface NewShareLink {
  kind: ShareKind;
  targetId: string;
  label: string;
  /** SHA-256 from core's `generateShareToken`; the token itself never reaches the database. */
  tokenHash: string;
  /** From core's `hashSharePassword`, or null for a link without a password. */
  passwordHash: string | null;
  embedOrigins: string[];
  expiresAt: number;
  /** The days a journey link shows; null for the 90 days ending on the day it is viewed. */
  range: { from: string; to: string } | null;
}

/**
 * `session_not_started`: a draft session's agenda is a live preview whose figures move until the meeting freezes
 * them, and it has no notes or decisions yet; a link shows what was discussed, so only a started session is shared.
 */
export type CreateOutcome = { id: string } | "target_not_found" | "session_not_started";

/** Whether the journey or review session the link would show belongs to the workspace (and a session has started). */
async function targetState(
  db: Db,
  workspaceId: string,
  kind: ShareKind,
  targetId: string,
): Promise<"ok" | "target_not_found" | "session_not_started"> {
  if (kind === "journey") {
    const [row] = await db
      .select({ id: journeys.id })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, targetId)));
    return row ? "ok" : "target_not_found";
  }
  const [row] = await db
    .select({ status: reviewSessions.status })
    .from(reviewSessions)
    .where(and(eq(reviewSessions.workspaceId, workspaceId), eq(reviewSessions.id, targetId)));
  if (!row) return "target_not_found";
  return row.status === "draft" ? "session_not_started" : "ok";
}

/** Makes a link to a journey or started review session of the workspace, audited as `share_link.created`. */
export async function create(db: Db, workspaceId: string, link: NewShareLink, by: Actor): Promise<CreateOutcome> {
  const state = await targetState(db, workspaceId, link.kind, link.targetId);
  if (state !== "ok") return state;
  const id = newId("shr", by.now);
  await runBatch(db, [
    db.insert(shareLinks).values({
      id,
      workspaceId,
      kind: link.kind,
      targetId: link.targetId,
      label: link.label,
      tokenHash: link.tokenHash,
      passwordHash: link.passwordHash,
      embedOrigins: link.embedOrigins,
      expiresAt: link.expiresAt,
      rangeFrom: link.range?.from ?? null,
      rangeTo: link.range?.to ?? null,
      createdBy: createdByOf(by.actor),
      createdAt: by.now,
    }),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "share_link.created",
      targetType: "share_link",
      targetId: id,
      details: {
        kind: link.kind,
        targetId: link.targetId,
        label: link.label,
        expiresAt: link.expiresAt,
        password: link.passwordHash !== null,
        embedOrigins: link.embedOrigins,
      },
      at: by.now,
    }),
  ]);
  return { id };
}

const listColumns = {
  id: shareLinks.id,
  kind: shareLinks.kind,
  targetId: shareLinks.targetId,
  label: shareLinks.label,
  hasPassword: sql<number>`${shareLinks.passwordHash} IS NOT NULL`.as("has_password"),
  embedOrigins: shareLinks.embedOrigins,
  rangeFrom: shareLinks.rangeFrom,
  rangeTo: shareLinks.rangeTo,
  expiresAt: shareLinks.expiresAt,
  revokedAt: shareLinks.revokedAt,
  viewCount: shareLinks.viewCount,
  lastViewedAt: shareLinks.lastViewedAt,
  createdAt: shareLinks.createdAt,
  createdByName: users.name,
};

function listed(db: Db, workspaceId: string, where = eq(shareLinks.workspaceId, workspaceId)) {
  return db
    .select({
      ...listColumns,
      journeyName: sql<string | null>`${journeys.name}`.as("journey_name"),
      sessionTitle: sql<string | null>`${reviewSessions.title}`.as("session_title"),
    })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .leftJoin(
      journeys,
      and(eq(shareLinks.kind, "journey"), eq(journeys.id, shareLinks.targetId), eq(journeys.workspaceId, workspaceId)),
    )
    .leftJoin(
      reviewSessions,
      and(
        eq(shareLinks.kind, "session"),
        eq(reviewSessions.id, shareLinks.targetId),
        eq(reviewSessions.workspaceId, workspaceId),
      ),
    )
    .where(where)
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
}

/** Every link of the workspace, newest first, with what it shows and who made it. */
export async function list(db: Db, workspaceId: string) {
  const rows = await listed(db, workspaceId);
  return rows.map(toListed);
}

/** The links to one journey or review session, newest first. */
export async function listFor(db: Db, workspaceId: string, kind: ShareKind, targetId: string) {
  const rows = await listed(
    db,
    workspaceId,
    and(eq(shareLinks.workspaceId, workspaceId), eq(shareLinks.kind, kind), eq(shareLinks.targetId, targetId)),
  );
  return rows.map(toListed);
}

function toListed({ hasPassword, journeyName, sessionTitle, ...row }: Awaited<ReturnType<typeof listed>>[number]) {
  return { ...row, hasPassword: Boolean(hasPassword), targetName: journeyName ?? sessionTitle ?? null };
}

export type ListedShareLink = ReturnType<typeof toListed>;

export type RevokeOutcome = "revoked" | "already_revoked" | "not_found";

/** Revokes a link of the workspace, audited as `share_link.revoked`; its next view answers 410. */
export async function revoke(db: Db, workspaceId: string, id: string, by: Actor): Promise<RevokeOutcome> {
  const [link] = await db
    .select({
      kind: shareLinks.kind,
      targetId: shareLinks.targetId,
      label: shareLinks.label,
      revokedAt: shareLinks.revokedAt,
    })
    .from(shareLinks)
    .where(and(eq(shareLinks.workspaceId, workspaceId), eq(shareLinks.id, id)));
  if (!link) return "not_found";
  if (link.revokedAt !== null) return "already_revoked";
  await runBatch(db, [
    db
      .update(shareLinks)
      .set({ revokedAt: by.now })
      .where(and(eq(shareLinks.workspaceId, workspaceId), eq(shareLinks.id, id), isNull(shareLinks.revokedAt))),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "share_link.revoked",
      targetType: "share_link",
      targetId: id,
      details: { kind: link.kind, targetId: link.targetId, label: link.label },
      at: by.now,
    }),
  ]);
  return "revoked";
}

/** What the public view needs of a link: what it shows and how; never the token or who made it. */
const viewColumns = {
  id: shareLinks.id,
  workspaceId: shareLinks.workspaceId,
  kind: shareLinks.kind,
  targetId: shareLinks.targetId,
  passwordHash: shareLinks.passwordHash,
  embedOrigins: shareLinks.embedOrigins,
  rangeFrom: shareLinks.rangeFrom,
  rangeTo: shareLinks.rangeTo,
  expiresAt: shareLinks.expiresAt,
  revokedAt: shareLinks.revokedAt,
  lockedUntil: shareLinks.lockedUntil,
  viewCount: shareLinks.viewCount,
  lastViewedAt: shareLinks.lastViewedAt,
};

function readByHash(db: Db, tokenHash: string) {
  return db.select(viewColumns).from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash));
}

export type ViewedLink = Awaited<ReturnType<typeof readByHash>>[number];

/** The link with this token hash, whatever its state, without counting a view (password checks, JSON answers). */
export async function lookup(db: Db, tokenHash: string): Promise<ViewedLink | undefined> {
  const [link] = await readByHash(db, tokenHash);
  return link;
}

export type ViewOutcome =
  /** Counted as a view: show it. */
  | { state: "shown"; link: ViewedLink }
  /** Active, but behind a password: nothing counted yet. */
  | { state: "password"; link: ViewedLink }
  | { state: "revoked" | "expired"; link: ViewedLink }
  | { state: "unknown" };

const isActive = (now: number) => and(isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now));

/**
 * A visit to the link with this token hash. An active link without a password is counted and returned by one
 * `UPDATE … RETURNING`; anything else is read to say why it is not shown (and a password link is counted by
 * `countView` once unlocked).
 */
export async function view(db: Db, tokenHash: string, now: number): Promise<ViewOutcome> {
  const [shown] = await db
    .update(shareLinks)
    .set({ viewCount: sql`${shareLinks.viewCount} + 1`, lastViewedAt: now })
    .where(and(eq(shareLinks.tokenHash, tokenHash), isActive(now), isNull(shareLinks.passwordHash)))
    .returning(viewColumns);
  if (shown) return { state: "shown", link: shown };
  const [link] = await readByHash(db, tokenHash);
  if (!link) return { state: "unknown" };
  if (link.revokedAt !== null) return { state: "revoked", link };
  if (link.expiresAt <= now) return { state: "expired", link };
  return { state: "password", link };
}

/** Counts a view of an unlocked password link; null when it was revoked or expired meanwhile. */
export async function countView(db: Db, id: string, now: number): Promise<ViewedLink | null> {
  const [link] = await db
    .update(shareLinks)
    .set({ viewCount: sql`${shareLinks.viewCount} + 1`, lastViewedAt: now })
    .where(and(eq(shareLinks.id, id), isActive(now)))
    .returning(viewColumns);
  return link ?? null;
}

/**
 * Records a wrong password: the count goes up and at `MAX_FAILED_PASSWORDS` the link locks for
 * `PASSWORD_LOCKOUT_MS` and the count starts again. One statement, so concurrent guesses cannot slip past the count.
 * Returns the time until which the link is locked, or null.
 */
export async function failPassword(db: Db, id: string, now: number): Promise<number | null> {
  const reachesLimit = sql`${shareLinks.failedPasswords} + 1 >= ${MAX_FAILED_PASSWORDS}`;
  const [row] = await db
    .update(shareLinks)
    .set({
      failedPasswords: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${shareLinks.failedPasswords} + 1 END`,
      lockedUntil: sql`CASE WHEN ${reachesLimit} THEN ${now + PASSWORD_LOCKOUT_MS} ELSE ${shareLinks.lockedUntil} END`,
    })
    .where(eq(shareLinks.id, id))
    .returning({ lockedUntil: shareLinks.lockedUntil });
  return row?.lockedUntil !== undefined && row.lockedUntil !== null && row.lockedUntil > now ? row.lockedUntil : null;
}

/** The right password was given: wrong ones before it stop counting. */
export function clearPasswordFailures(db: Db, id: string) {
  return db.update(shareLinks).set({ failedPasswords: 0 }).where(eq(shareLinks.id, id));
}
