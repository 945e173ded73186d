/**
 * Human moments as leads decide them: mark a touchpoint (a reason and an owner), edit, unmark, accept or dismiss
 * Firebreak's suggestion. Each change and its audit entry commit together; the touchpoint's history is read back
 * from the audit log. Ingest picks a change up with its analysis context (cached for at most 60 s).
 * @module
 */
import { type HumanMomentInput, type HumanMomentSuggestion, suggestHumanMoment } from "@firebreak/core";
import { and, asc, desc, eq, isNull, like, or } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { auditLog, journeys, stages, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";
import { type DayRange, getTouchpointStats } from "./map.ts";
import type { Actor } from "./themes.ts";

export type HumanMomentAction = "marked" | "edited" | "accepted" | "unmarked" | "dismissed";

export interface HumanMomentEvent {
  id: string;
  action: HumanMomentAction;
  actor: string;
  /** Epoch milliseconds. */
  at: number;
  reason: string | null;
  owner: string | null;
}

function state(db: Db, workspaceId: string, touchpointId: string) {
  return db.query.touchpoints.findFirst({
    columns: {
      id: true,
      isHumanMoment: true,
      humanMomentSuggested: true,
      humanMomentReason: true,
      humanMomentOwner: true,
    },
    where: and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)),
  });
}

const scoped = (workspaceId: string, touchpointId: string) =>
  and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId));

function entry(db: Db, workspaceId: string, touchpointId: string, action: HumanMomentAction, by: Actor, details = {}) {
  return audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: `human_moment.${action}`,
    targetType: "touchpoint",
    targetId: touchpointId,
    details,
    at: by.now,
  });
}

/**
 * Marks a touchpoint as a human moment, or changes the reason and owner of one. Accepting a suggestion is marking a
 * suggested touchpoint. Returns what happened, or `null` when the touchpoint is not the workspace's.
 */
export async function mark(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  { reason, owner }: HumanMomentInput,
  by: Actor,
): Promise<"marked" | "edited" | "accepted" | null> {
  const current = await state(db, workspaceId, touchpointId);
  if (!current) return null;
  const action = current.isHumanMoment ? "edited" : current.humanMomentSuggested ? "accepted" : "marked";
  const previous = current.isHumanMoment
    ? { previous: { reason: current.humanMomentReason, owner: current.humanMomentOwner } }
    : {};
  await runBatch(db, [
    db
      .update(touchpoints)
      .set({
        isHumanMoment: true,
        humanMomentReason: reason,
        humanMomentOwner: owner,
        humanMomentSuggested: false,
        // "Since" is when it became a human moment; an edit keeps it.
        ...(current.isHumanMoment ? {} : { humanMomentSetAt: by.now, humanMomentSetBy: by.actor }),
        updatedAt: by.now,
      })
      .where(scoped(workspaceId, touchpointId)),
    entry(db, workspaceId, touchpointId, action, by, { reason, owner, ...previous }),
  ]);
  return action;
}

/** Unmarks a human moment, recording why. `false` when it was not one; `null` when the touchpoint is not the workspace's. */
export async function unmark(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  why: string,
  by: Actor,
): Promise<boolean | null> {
  const current = await state(db, workspaceId, touchpointId);
  if (!current) return null;
  if (!current.isHumanMoment) return false;
  await runBatch(db, [
    db
      .update(touchpoints)
      .set({
        isHumanMoment: false,
        humanMomentReason: null,
        humanMomentOwner: null,
        humanMomentSetAt: null,
        humanMomentSetBy: null,
        updatedAt: by.now,
      })
      .where(scoped(workspaceId, touchpointId)),
    entry(db, workspaceId, touchpointId, "unmarked", by, {
      reason: why,
      previous: { reason: current.humanMomentReason, owner: current.humanMomentOwner },
    }),
  ]);
  return true;
}

/** Dismisses Firebreak's suggestion. `false` when there was none; `null` when the touchpoint is not the workspace's. */
export async function dismiss(db: Db, workspaceId: string, touchpointId: string, by: Actor): Promise<boolean | null> {
  const current = await state(db, workspaceId, touchpointId);
  if (!current) return null;
  if (!current.humanMomentSuggested || current.isHumanMoment) return false;
  await runBatch(db, [
    db
      .update(touchpoints)
      .set({ humanMomentSuggested: false, updatedAt: by.now })
      .where(scoped(workspaceId, touchpointId)),
    entry(db, workspaceId, touchpointId, "dismissed", by),
  ]);
  return true;
}

/** The touchpoint's human-moment changes, newest first, from the audit log. */
export async function history(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  limit = 20,
): Promise<HumanMomentEvent[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actor: auditLog.actor,
      at: auditLog.createdAt,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        eq(auditLog.targetType, "touchpoint"),
        eq(auditLog.targetId, touchpointId),
        like(auditLog.action, "human_moment.%"),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
  return rows.map(({ action, details, ...row }) => ({
    ...row,
    action: action.slice("human_moment.".length) as HumanMomentAction,
    reason: typeof details.reason === "string" ? details.reason : null,
    owner: typeof details.owner === "string" ? details.owner : null,
  }));
}

export interface HumanMomentRow {
  id: string;
  name: string;
  channel: string;
  journey: { id: string; name: string };
  stage: string;
  reason: string | null;
  owner: string | null;
  setAt: number | null;
  setBy: string | null;
  frictionScore: number;
  itemCount: number;
  escalationCount: number;
}

export interface HumanMomentList {
  confirmed: HumanMomentRow[];
  /** Suggested and not yet decided, each with why (`null` when nothing in its data or description says so). */
  suggested: Array<HumanMomentRow & { suggestion: HumanMomentSuggestion | null }>;
}

/**
 * Every human moment and pending suggestion on the workspace's journeys (archived ones left out), in map order, with
 * the touchpoint's friction score and escalations over `range`; `period` words the range for suggestion reasons.
 */
export async function list(db: Db, workspaceId: string, range: DayRange, period: string): Promise<HumanMomentList> {
  const rows = await db
    .select({
      id: touchpoints.id,
      name: touchpoints.name,
      description: touchpoints.description,
      channel: touchpoints.channel,
      journeyId: touchpoints.journeyId,
      journeyName: journeys.name,
      stage: stages.name,
      isHumanMoment: touchpoints.isHumanMoment,
      reason: touchpoints.humanMomentReason,
      owner: touchpoints.humanMomentOwner,
      setAt: touchpoints.humanMomentSetAt,
      setBy: touchpoints.humanMomentSetBy,
    })
    .from(touchpoints)
    .innerJoin(stages, and(eq(stages.id, touchpoints.stageId), eq(stages.workspaceId, workspaceId)))
    .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), eq(journeys.workspaceId, workspaceId)))
    .where(
      and(
        eq(touchpoints.workspaceId, workspaceId),
        isNull(journeys.archivedAt),
        or(eq(touchpoints.isHumanMoment, true), eq(touchpoints.humanMomentSuggested, true)),
      ),
    )
    .orderBy(asc(journeys.position), asc(stages.position), asc(touchpoints.position));
  const statsOf = await getTouchpointStats(
    db,
    workspaceId,
    rows.map((r) => r.journeyId),
    range,
  );
  const result: HumanMomentList = { confirmed: [], suggested: [] };
  for (const { journeyId, journeyName, description, isHumanMoment, ...row } of rows) {
    const stats = statsOf(journeyId, row.id);
    const { itemCount, escalationCount, negativeCount } = stats.counters;
    const view = {
      ...row,
      journey: { id: journeyId, name: journeyName },
      frictionScore: stats.friction.score,
      itemCount,
      escalationCount,
    };
    if (isHumanMoment) result.confirmed.push(view);
    else {
      const signals = { ...row, description, itemCount, escalationCount, negativeCount, period };
      result.suggested.push({ ...view, suggestion: suggestHumanMoment(signals) });
    }
  }
  return result;
}
