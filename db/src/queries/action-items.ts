/**
 * Action items decided in review sessions: a title, an owner (a member of the workspace), a due day, a linked theme
 * or touchpoint, and a status. Every change commits with its audit entry; every read and write is scoped to the
 * workspace, and the ids an item links to are checked against it.
 * @module
 */
import { newId } from "@firebreak/core";
import { isOverdue } from "@firebreak/core/reviews/index";
import { and, asc, desc, eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { members, users } from "../schema/auth.ts";
import { themes } from "../schema/feedback.ts";
import { touchpoints } from "../schema/journeys.ts";
import { actionItems, agendaItems, reviewSessions } from "../schema/reviews.ts";
import * as audit from "./audit.ts";
import type { Actor } from "./themes.ts";

export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionItemView {
  id: string;
  title: string;
  status: ActionStatus;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  overdue: boolean;
  theme: { id: string; label: string } | null;
  touchpoint: { id: string; name: string } | null;
  session: { id: string; title: string } | null;
  agendaItemId: string | null;
  createdAt: number;
  doneAt: number | null;
}

export interface ActionItemInput {
  title: string;
  /** A member's user id. */
  owner: string | null;
  dueDate: string | null;
  themeId: string | null;
  touchpointId: string | null;
  agendaItemId: string | null;
}

/** What an action item's link failed on: the target is not the workspace's (or not the session's). */
export type LinkProblem = "owner" | "theme" | "touchpoint" | "agenda_item" | "session";

export interface ActionFilter {
  owner?: string;
  status?: ActionStatus | "unfinished";
  sessionId?: string;
  ids?: string[];
}

/** The workspace's action items as the pages show them, filtered; unfinished first, then by due day. */
export async function list(db: Db, workspaceId: string, filter: ActionFilter = {}, today = todayOf(Date.now())) {
  const conditions: SQL[] = [eq(actionItems.workspaceId, workspaceId)];
  if (filter.owner) conditions.push(eq(actionItems.owner, filter.owner));
  if (filter.status === "unfinished") conditions.push(inArray(actionItems.status, ["open", "in_progress"]));
  else if (filter.status) conditions.push(eq(actionItems.status, filter.status));
  if (filter.sessionId) conditions.push(eq(actionItems.sessionId, filter.sessionId));
  if (filter.ids) conditions.push(inArray(actionItems.id, filter.ids.length > 0 ? filter.ids : [""]));
  const rows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      status: actionItems.status,
      ownerId: actionItems.owner,
      ownerName: users.name,
      dueDate: actionItems.dueDate,
      themeId: themes.id,
      themeLabel: themes.label,
      touchpointId: touchpoints.id,
      touchpointName: touchpoints.name,
      sessionId: reviewSessions.id,
      sessionTitle: reviewSessions.title,
      agendaItemId: actionItems.agendaItemId,
      createdAt: actionItems.createdAt,
      doneAt: actionItems.doneAt,
    })
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.owner))
    .leftJoin(themes, and(eq(themes.id, actionItems.themeId), eq(themes.workspaceId, workspaceId)))
    .leftJoin(touchpoints, and(eq(touchpoints.id, actionItems.touchpointId), eq(touchpoints.workspaceId, workspaceId)))
    .leftJoin(
      reviewSessions,
      and(eq(reviewSessions.id, actionItems.sessionId), eq(reviewSessions.workspaceId, workspaceId)),
    )
    .where(and(...conditions))
    .orderBy(
      sql`case ${actionItems.status} when 'open' then 0 when 'in_progress' then 0 else 1 end`,
      sql`coalesce(${actionItems.dueDate}, '9999-12-31')`,
      asc(actionItems.createdAt),
      desc(actionItems.id),
    );
  return rows.map(
    (r): ActionItemView => ({
      id: r.id,
      title: r.title,
      status: r.status,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      dueDate: r.dueDate,
      overdue: isOverdue(r.dueDate, r.status, today),
      theme: r.themeId ? { id: r.themeId, label: r.themeLabel ?? "" } : null,
      touchpoint: r.touchpointId ? { id: r.touchpointId, name: r.touchpointName ?? "" } : null,
      session: r.sessionId ? { id: r.sessionId, title: r.sessionTitle ?? "" } : null,
      agendaItemId: r.agendaItemId,
      createdAt: r.createdAt,
      doneAt: r.doneAt,
    }),
  );
}

/** The UTC day of an instant. */
export const todayOf = (now: number) => new Date(now).toISOString().slice(0, 10);

/** Checks that everything the item links to belongs to the workspace (and the agenda item to the session). */
async function checkLinks(
  db: Db,
  workspaceId: string,
  sessionId: string | null,
  input: Partial<Pick<ActionItemInput, "owner" | "themeId" | "touchpointId" | "agendaItemId">>,
): Promise<LinkProblem | null> {
  const checks: [LinkProblem, ReturnType<typeof exists>][] = [];
  const exists = (table: SQLWrapper, where: SQL | undefined) =>
    db.select({ found: sql<number>`1` }).from(sql`${table}`).where(where).limit(1);
  if (input.owner)
    checks.push([
      "owner",
      exists(members, and(eq(members.organizationId, workspaceId), eq(members.userId, input.owner))),
    ]);
  if (input.themeId)
    checks.push(["theme", exists(themes, and(eq(themes.workspaceId, workspaceId), eq(themes.id, input.themeId)))]);
  if (input.touchpointId)
    checks.push([
      "touchpoint",
      exists(touchpoints, and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, input.touchpointId))),
    ]);
  if (input.agendaItemId)
    checks.push([
      "agenda_item",
      exists(
        agendaItems,
        and(
          eq(agendaItems.workspaceId, workspaceId),
          eq(agendaItems.sessionId, sessionId ?? ""),
          eq(agendaItems.id, input.agendaItemId),
        ),
      ),
    ]);
  const [first, ...rest] = checks;
  if (!first) return null;
  const results = await db.batch([first[1], ...rest.map(([, q]) => q)]);
  const failed = checks.findIndex((_, i) => (results[i] as unknown[]).length === 0);
  return failed === -1 ? null : (checks[failed]?.[0] ?? null);
}

/** Adds an action item to a session that has started (not closed: a closed session's record is final). */
export async function create(
  db: Db,
  workspaceId: string,
  sessionId: string,
  input: ActionItemInput,
  by: Actor,
): Promise<{ ok: true; id: string } | { ok: false; problem: LinkProblem | "not_started" | "closed" }> {
  const [session] = await db
    .select({ status: reviewSessions.status })
    .from(reviewSessions)
    .where(and(eq(reviewSessions.workspaceId, workspaceId), eq(reviewSessions.id, sessionId)));
  if (!session) return { ok: false, problem: "session" };
  if (session.status === "draft") return { ok: false, problem: "not_started" };
  if (session.status === "closed") return { ok: false, problem: "closed" };
  const problem = await checkLinks(db, workspaceId, sessionId, input);
  if (problem) return { ok: false, problem };
  const id = newId("act", by.now);
  await runBatch(db, [
    db.insert(actionItems).values({
      id,
      workspaceId,
      sessionId,
      agendaItemId: input.agendaItemId,
      title: input.title,
      owner: input.owner,
      dueDate: input.dueDate,
      themeId: input.themeId,
      touchpointId: input.touchpointId,
      status: "open",
      createdBy: by.actor,
      createdAt: by.now,
      updatedAt: by.now,
    }),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "action_item.created",
      targetType: "action_item",
      targetId: id,
      details: { sessionId, ...input },
      at: by.now,
    }),
  ]);
  return { ok: true, id };
}

export interface ActionChange {
  status?: ActionStatus;
  owner?: string | null;
  dueDate?: string | null;
}

/** Changes an item's status, owner or due day. `null` when it is not the workspace's; a problem for a bad owner. */
export async function update(
  db: Db,
  workspaceId: string,
  id: string,
  change: ActionChange,
  by: Actor,
): Promise<{ ok: true; title: string } | { ok: false; problem: "owner" } | null> {
  const [current] = await db
    .select({
      title: actionItems.title,
      status: actionItems.status,
      owner: actionItems.owner,
      dueDate: actionItems.dueDate,
    })
    .from(actionItems)
    .where(and(eq(actionItems.workspaceId, workspaceId), eq(actionItems.id, id)));
  if (!current) return null;
  if (change.owner) {
    const problem = await checkLinks(db, workspaceId, null, { owner: change.owner });
    if (problem) return { ok: false, problem: "owner" };
  }
  // Done keeps the moment it was first done; any other status clears it.
  const doneAt =
    change.status === undefined || (change.status === "done" && current.status === "done")
      ? {}
      : { doneAt: change.status === "done" ? by.now : null };
  await runBatch(db, [
    db
      .update(actionItems)
      .set({ ...change, ...doneAt, updatedAt: by.now })
      .where(and(eq(actionItems.workspaceId, workspaceId), eq(actionItems.id, id))),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "action_item.updated",
      targetType: "action_item",
      targetId: id,
      details: { ...change, previous: { status: current.status, owner: current.owner, dueDate: current.dueDate } },
      at: by.now,
    }),
  ]);
  return { ok: true, title: current.title };
}
