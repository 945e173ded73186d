/**
 * Escalation to humans: feedback at a human moment that carries an escalation cue, falls at or below the
 * touchpoint's sentiment threshold, or was handled by a bot or macro becomes a follow-up task for the touchpoint's
 * owner. One per item (a unique index), created as items are processed and caught up by the cron; the owner is told
 * by email, retried by the cron until it goes out.
 * @module
 */
import { newId, SENTIMENT_ESCALATION } from "@firebreak/core";
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, type SQL, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { feedbackItems, followUps, members, touchpoints, users } from "../schema/index.ts";
import * as audit from "./audit.ts";

export type FollowUpRow = typeof followUps.$inferSelect;
export type FollowUpStatus = FollowUpRow["status"];

/** Items considered per call: a backlog is caught up over a few cron ticks. */
const CANDIDATE_CAP = 500;
/** Notice attempts before the cron stops retrying (the task stays in the app either way). */
export const MAX_NOTICE_ATTEMPTS = 5;

/** Why one item needs a person, in words. */
export function followUpReasons(item: {
  escalations: string[];
  sentiment: number;
  threshold: number;
  handledBy: { kind: string; evidence: string } | null;
}): string[] {
  const reasons: string[] = [];
  const cues = [...new Set(item.escalations.filter((e) => e !== SENTIMENT_ESCALATION).map((e) => e.split(".")[0]))];
  if (cues.length > 0) reasons.push(`Escalation cue: ${cues.join(", ")}`);
  if (item.sentiment <= item.threshold) {
    reasons.push(
      `Sentiment ${item.sentiment.toFixed(2)}, at or below this human moment's threshold of ${item.threshold}`,
    );
  }
  if (item.handledBy) reasons.push(`Handled by a ${item.handledBy.kind}: ${item.handledBy.evidence}`);
  return reasons;
}

/**
 * Creates the follow-ups due for the workspace's items at human moments that occurred since `since`; items that
 * already have one are left alone. Returns the ids created.
 */
export async function createDue(db: Db, workspaceId: string, since: number, now: number): Promise<string[]> {
  const candidates = await db
    .select({
      itemId: feedbackItems.id,
      touchpointId: feedbackItems.touchpointId,
      escalations: feedbackItems.escalations,
      sentiment: feedbackItems.sentiment,
      handledBy: feedbackItems.handledBy,
      threshold: touchpoints.sentimentThreshold,
      assignee: sql<string | null>`coalesce(${touchpoints.humanMomentOwner}, ${touchpoints.owner})`,
    })
    .from(feedbackItems)
    .innerJoin(touchpoints, and(eq(touchpoints.id, feedbackItems.touchpointId), eq(touchpoints.isHumanMoment, true)))
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        gte(feedbackItems.occurredAt, since),
        eq(feedbackItems.isTest, false),
        isNull(feedbackItems.erasedAt),
        sql`(${feedbackItems.escalations} != '[]' OR ${feedbackItems.handledBy} IS NOT NULL
          OR ${feedbackItems.sentiment} <= ${touchpoints.sentimentThreshold})`,
        sql`NOT EXISTS (SELECT 1 FROM ${followUps} WHERE ${followUps.itemId} = ${feedbackItems.id})`,
      ),
    )
    .orderBy(asc(feedbackItems.occurredAt))
    .limit(CANDIDATE_CAP);
  const rows = candidates.flatMap((c) => {
    const reasons = followUpReasons(c);
    return reasons.length === 0
      ? []
      : [
          {
            id: newId("fup", now),
            workspaceId,
            itemId: c.itemId,
            touchpointId: c.touchpointId,
            assignee: c.assignee,
            reasons,
            status: "open" as const,
            createdAt: now,
          },
        ];
  });
  if (rows.length === 0) return [];
  // Chunks stay under D1's 100 bound parameters per statement: drizzle binds 9 a row (the 8 values and the
  // notify_attempts default), so 10 rows make 90.
  const created: string[] = [];
  for (let i = 0; i < rows.length; i += 10) {
    const inserted = await db
      .insert(followUps)
      .values(rows.slice(i, i + 10))
      .onConflictDoNothing()
      .returning({ id: followUps.id });
    created.push(...inserted.map((r) => r.id));
  }
  return created;
}

/** A follow-up whose assignee has not been told yet, with where to write to. */
export interface PendingNotice {
  id: string;
  workspaceId: string;
  assignee: string | null;
  /** The assignee's address: a member matched by email or name, or the owner field itself when it is an address. */
  email: string | null;
  touchpointName: string | null;
  reasons: string[];
  itemText: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Follow-ups not yet notified (every workspace: the cron's sweep), oldest first. */
export async function pendingNotices(db: Db, limit: number, workspaceId?: string): Promise<PendingNotice[]> {
  const conditions: (SQL | undefined)[] = [
    isNull(followUps.notifiedAt),
    eq(followUps.status, "open"),
    lt(followUps.notifyAttempts, MAX_NOTICE_ATTEMPTS),
    workspaceId ? eq(followUps.workspaceId, workspaceId) : undefined,
  ];
  const rows = await db
    .select({
      id: followUps.id,
      workspaceId: followUps.workspaceId,
      assignee: followUps.assignee,
      memberEmail: sql<string | null>`(SELECT ${users.email} FROM ${members}
        JOIN ${users} ON ${users.id} = ${members.userId}
        WHERE ${members.organizationId} = ${followUps.workspaceId}
          AND (lower(${users.email}) = lower(${followUps.assignee}) OR lower(${users.name}) = lower(${followUps.assignee}))
        LIMIT 1)`,
      touchpointName: touchpoints.name,
      reasons: followUps.reasons,
      itemText: feedbackItems.text,
    })
    .from(followUps)
    .innerJoin(feedbackItems, eq(feedbackItems.id, followUps.itemId))
    .leftJoin(touchpoints, eq(touchpoints.id, followUps.touchpointId))
    .where(and(...conditions))
    .orderBy(asc(followUps.createdAt))
    .limit(limit);
  return rows.map(({ memberEmail, ...r }) => ({
    ...r,
    email: memberEmail ?? (r.assignee && EMAIL.test(r.assignee) ? r.assignee : null),
  }));
}

/** Records a notice: sent (or nobody to send to), or one more failed attempt. */
export async function recordNotice(db: Db, id: string, outcome: "sent" | "failed", now: number) {
  await db
    .update(followUps)
    .set(
      outcome === "sent"
        ? { notifiedAt: now, notifyAttempts: sql`${followUps.notifyAttempts} + 1` }
        : { notifyAttempts: sql`${followUps.notifyAttempts} + 1` },
    )
    .where(eq(followUps.id, id));
}

export interface FollowUpFilter {
  id?: string;
  status?: FollowUpStatus;
  touchpointId?: string;
  limit?: number;
}

/** The workspace's follow-ups, newest first, with the item's text and the touchpoint's name. */
export async function list(db: Db, workspaceId: string, filter: FollowUpFilter = {}) {
  const rows = await db
    .select({
      followUp: followUps,
      touchpointName: touchpoints.name,
      itemText: feedbackItems.text,
      itemOccurredAt: feedbackItems.occurredAt,
      itemSentiment: feedbackItems.sentiment,
      itemUrl: feedbackItems.url,
    })
    .from(followUps)
    .innerJoin(feedbackItems, eq(feedbackItems.id, followUps.itemId))
    .leftJoin(touchpoints, eq(touchpoints.id, followUps.touchpointId))
    .where(
      and(
        eq(followUps.workspaceId, workspaceId),
        filter.id ? eq(followUps.id, filter.id) : undefined,
        filter.status ? eq(followUps.status, filter.status) : undefined,
        filter.touchpointId ? eq(followUps.touchpointId, filter.touchpointId) : undefined,
      ),
    )
    .orderBy(desc(followUps.createdAt), desc(followUps.id))
    .limit(Math.min(filter.limit ?? 100, 500));
  return rows.map(({ followUp, ...rest }) => ({ ...followUp, ...rest }));
}

/** Open follow-ups, for the navigation's badge. */
export async function openCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(followUps)
    .where(and(eq(followUps.workspaceId, workspaceId), eq(followUps.status, "open")));
  return row?.n ?? 0;
}

/** Marks follow-ups done or dismissed (with an optional note), or opens them again; audited. */
export async function setStatus(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  status: FollowUpStatus,
  by: { actor: string; now: number; note?: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const closing = status !== "open";
  const changed = await db
    .update(followUps)
    .set({
      status,
      closedAt: closing ? by.now : null,
      closedBy: closing ? by.actor : null,
      ...(by.note !== undefined ? { note: by.note } : {}),
    })
    .where(and(eq(followUps.workspaceId, workspaceId), inArray(followUps.id, [...ids]), ne(followUps.status, status)))
    .returning({ id: followUps.id });
  await runBatch(
    db,
    changed.map(({ id }) =>
      audit.entry(db, {
        workspaceId,
        actor: by.actor,
        action: `follow_up.${status === "open" ? "reopened" : status}`,
        targetType: "follow_up",
        targetId: id,
        details: by.note ? { note: by.note } : {},
        at: by.now,
      }),
    ),
  );
  return changed.length;
}
