/**
 * A journey's stages and touchpoints as a CX lead edits them: create, rename, describe, reorder (also across stages)
 * and delete, never orphaning feedback. Each write is one D1 batch with its audit entry, scoped to the workspace;
 * positions are renumbered densely in the same batch. Re-exported by `journeys.ts`.
 * @module
 */
import { newId } from "@firebreak/core";
import { moveTo, slugify, uniqueKey } from "@firebreak/core/journey";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import {
  dailyRollups,
  feedbackItems,
  followUps,
  journeys,
  sources,
  stages,
  touchpointRules,
  touchpoints,
} from "../schema/index.ts";
import * as audit from "./audit.ts";
import { reassignRollups } from "./items.ts";
import { takesFeedback } from "./placement.ts";
import type { Actor } from "./themes.ts";

type Ordered = typeof journeys | typeof stages | typeof touchpoints;

/** Whether `id` is a row of `table` in the workspace. */
export async function exists(db: Db, table: Ordered, workspaceId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), eq(table.id, id)));
  return row !== undefined;
}

/** One statement giving `ids` the positions 0, 1, 2, … in that order. */
export function renumber(table: Ordered, workspaceId: string, ids: readonly string[]): BatchStatement {
  return sql`UPDATE ${table} SET position = incoming.key FROM json_each(${JSON.stringify(ids)}) AS incoming
    WHERE ${table.workspaceId} = ${workspaceId} AND ${table.id} = incoming.value`;
}

/** Every touchpoint key in the workspace: keys are unique per workspace, across journeys. */
export function takenKeysQuery(db: Db, workspaceId: string) {
  return db.select({ key: touchpoints.key }).from(touchpoints).where(eq(touchpoints.workspaceId, workspaceId));
}

/** The stages and the touchpoints of a journey, each in order: two queries for a batch. */
export function structureQueries(db: Db, workspaceId: string, journeyId: string) {
  return [
    db
      .select({
        id: stages.id,
        name: stages.name,
        description: stages.description,
        basedOnStageId: stages.basedOnStageId,
      })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.journeyId, journeyId)))
      .orderBy(asc(stages.position), asc(stages.id)),
    db
      .select({
        id: touchpoints.id,
        stageId: touchpoints.stageId,
        key: touchpoints.key,
        name: touchpoints.name,
        description: touchpoints.description,
        channel: touchpoints.channel,
        owner: touchpoints.owner,
        isHumanMoment: touchpoints.isHumanMoment,
        humanMomentReason: touchpoints.humanMomentReason,
        humanMomentOwner: touchpoints.humanMomentOwner,
        basedOnTouchpointId: touchpoints.basedOnTouchpointId,
      })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journeyId)))
      .orderBy(asc(touchpoints.position), asc(touchpoints.id)),
  ] as const;
}

export type StructureTouchpoint = Awaited<ReturnType<typeof structureQueries>[1]>[number];

function ordered<T extends Ordered>(db: Db, table: T, workspaceId: string, parent: SQLiteColumn, parentId: string) {
  return db
    .select({ id: table.id, name: table.name })
    .from(table as Ordered)
    .where(and(eq(table.workspaceId, workspaceId), eq(parent, parentId)))
    .orderBy(asc(table.position), asc(table.id));
}

export interface StageInput {
  name: string;
  description: string;
}

/** Adds a stage at the end of the journey; its id, or `null` when the journey is not the workspace's. */
export async function createStage(
  db: Db,
  workspaceId: string,
  journeyId: string,
  input: StageInput,
  { actor, now }: Actor,
): Promise<string | null> {
  if (!(await exists(db, journeys, workspaceId, journeyId))) return null;
  const id = newId("stg", now);
  await runBatch(db, [
    db.insert(stages).values({
      id,
      workspaceId,
      journeyId,
      ...input,
      position: sql`(select coalesce(max(position) + 1, 0) from stages where workspace_id = ${workspaceId} and journey_id = ${journeyId})`,
    }),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "stage.created",
      targetType: "stage",
      targetId: id,
      details: { journeyId, ...input },
      at: now,
    }),
  ]);
  return id;
}

/** Renames or describes a stage; false when it is not the workspace's. */
export async function updateStage(
  db: Db,
  workspaceId: string,
  stageId: string,
  change: Partial<StageInput>,
  { actor, now }: Actor,
): Promise<boolean> {
  if (!(await exists(db, stages, workspaceId, stageId))) return false;
  await runBatch(db, [
    db
      .update(stages)
      .set(change)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "stage.updated",
      targetType: "stage",
      targetId: stageId,
      details: { ...change },
      at: now,
    }),
  ]);
  return true;
}

/** Where a moved stage or touchpoint ended up, for the announcement ("position 3 of 7 in Checkout"). */
export interface MoveOutcome {
  name: string;
  /** 1-based. */
  position: number;
  of: number;
  /** The stage a touchpoint is in now, or the journey a stage is in. */
  within: string;
}

/** Moves a stage to `index` in its journey; `null` when the stage is not the workspace's. */
export async function moveStage(
  db: Db,
  workspaceId: string,
  stageId: string,
  index: number,
  { actor, now }: Actor,
): Promise<MoveOutcome | null> {
  const [stage] = await db
    .select({ name: stages.name, journeyId: stages.journeyId, journeyName: journeys.name })
    .from(stages)
    .innerJoin(journeys, eq(journeys.id, stages.journeyId))
    .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId)));
  if (!stage) return null;
  const siblings = await ordered(db, stages, workspaceId, stages.journeyId, stage.journeyId);
  const order = moveTo(
    siblings.map((s) => s.id),
    stageId,
    index,
  );
  await runBatch(db, [
    renumber(stages, workspaceId, order),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "stage.moved",
      targetType: "stage",
      targetId: stageId,
      details: { index: order.indexOf(stageId) },
      at: now,
    }),
  ]);
  return { name: stage.name, position: order.indexOf(stageId) + 1, of: order.length, within: stage.journeyName };
}

export type DeleteOutcome =
  | { ok: true }
  | { ok: false; problem: "not_found" | "bad_target" }
  | { ok: false; problem: "has_feedback"; itemCount: number };

/**
 * Deletes a stage and its touchpoints. Refused while any of them has feedback (move it or its items first), so no
 * item or rollup is ever orphaned.
 */
export async function deleteStage(
  db: Db,
  workspaceId: string,
  stageId: string,
  { actor, now }: Actor,
): Promise<DeleteOutcome> {
  const [[stage], [feedback]] = await db.batch([
    db
      .select({ journeyId: stages.journeyId, name: stages.name })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId))),
    feedbackCount(db, workspaceId, stages.id, stageId),
  ]);
  if (!stage) return { ok: false, problem: "not_found" };
  if ((feedback?.n ?? 0) > 0) return { ok: false, problem: "has_feedback", itemCount: feedback?.n ?? 0 };
  const [siblings, removed] = await Promise.all([
    ordered(db, stages, workspaceId, stages.journeyId, stage.journeyId),
    removedBy(db, workspaceId, { stageId }),
  ]);
  const rest = siblings.filter((s) => s.id !== stageId);
  await runBatch(db, [
    db.delete(stages).where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId))),
    renumber(
      stages,
      workspaceId,
      rest.map((s) => s.id),
    ),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "stage.deleted",
      targetType: "stage",
      targetId: stageId,
      details: { journeyId: stage.journeyId, name: stage.name, removed },
      at: now,
    }),
  ]);
  return { ok: true };
}

/**
 * Items (stored, or only counted in rollups) on the touchpoints whose `column` is `id`: the stage's or the
 * touchpoint's own. Rollups count too, so a touchpoint whose items were purged still keeps its history.
 */
function feedbackCount(db: Db, workspaceId: string, column: SQLiteColumn, id: string) {
  const scope = db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .innerJoin(stages, eq(stages.id, touchpoints.stageId))
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(column, id)));
  return db
    .select({
      n: sql<number>`max(
        (select count(*) from ${feedbackItems} where ${feedbackItems.workspaceId} = ${workspaceId} and ${feedbackItems.touchpointId} in ${scope}),
        (select coalesce(sum(${dailyRollups.itemCount}), 0) from ${dailyRollups} where ${dailyRollups.workspaceId} = ${workspaceId} and ${dailyRollups.touchpointId} in ${scope}))`.mapWith(
        Number,
      ),
    })
    .from(sql`(select 1)`);
}

export interface TouchpointInput {
  name: string;
  description: string;
  channel: string;
  owner: string | null;
}

/** The editable human-moment fields; reason and owner are required when it is set. */
export interface HumanMomentInput {
  isHumanMoment: boolean;
  humanMomentReason: string | null;
  humanMomentOwner: string | null;
}

/**
 * Adds a touchpoint at the end of a stage, keyed by a slug of its name that is unique in the workspace. Its id and
 * key, or `null` when the stage is not the workspace's.
 */
export async function createTouchpoint(
  db: Db,
  workspaceId: string,
  stageId: string,
  input: TouchpointInput,
  { actor, now }: Actor,
): Promise<{ id: string; key: string } | null> {
  const [[stage], taken] = await db.batch([
    db
      .select({ journeyId: stages.journeyId })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId))),
    takenKeysQuery(db, workspaceId),
  ]);
  if (!stage) return null;
  const id = newId("tp", now);
  const key = uniqueKey(slugify(input.name), new Set(taken.map((t) => t.key)));
  await runBatch(db, [
    db.insert(touchpoints).values({
      id,
      workspaceId,
      journeyId: stage.journeyId,
      stageId,
      key,
      ...input,
      position: sql`(select coalesce(max(position) + 1, 0) from touchpoints where workspace_id = ${workspaceId} and stage_id = ${stageId})`,
      createdAt: now,
      updatedAt: now,
    }),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "touchpoint.created",
      targetType: "touchpoint",
      targetId: id,
      details: { stageId, key, ...input },
      at: now,
    }),
  ]);
  return { id, key };
}

/**
 * Renames, describes, re-channels or re-owns a touchpoint, or sets its human moment. The key never changes:
 * integrations route on it. False when the touchpoint is not the workspace's.
 */
export async function updateTouchpoint(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  change: Partial<TouchpointInput & HumanMomentInput>,
  { actor, now }: Actor,
): Promise<boolean> {
  if (!(await exists(db, touchpoints, workspaceId, touchpointId))) return false;
  const humanMoment =
    change.isHumanMoment === undefined
      ? {}
      : change.isHumanMoment
        ? { humanMomentSuggested: false, humanMomentSetAt: now, humanMomentSetBy: actor }
        : { humanMomentReason: null, humanMomentOwner: null, humanMomentSetAt: null, humanMomentSetBy: null };
  await runBatch(db, [
    db
      .update(touchpoints)
      .set({ ...change, ...humanMoment, updatedAt: now })
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "touchpoint.updated",
      targetType: "touchpoint",
      targetId: touchpointId,
      details: { ...change },
      at: now,
    }),
  ]);
  return true;
}

/**
 * Moves a touchpoint to `index` in `stageId` (its own stage or another of the same journey) and renumbers both
 * stages. `null` when the touchpoint or the stage is not the workspace's, or the stage is in another journey.
 */
export async function moveTouchpoint(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  stageId: string,
  index: number,
  { actor, now }: Actor,
): Promise<MoveOutcome | null> {
  const [[touchpoint], [stage]] = await db.batch([
    db
      .select({ name: touchpoints.name, stageId: touchpoints.stageId, journeyId: touchpoints.journeyId })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
    db
      .select({ name: stages.name, journeyId: stages.journeyId })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stageId))),
  ]);
  if (!touchpoint || !stage || stage.journeyId !== touchpoint.journeyId) return null;
  const [target, origin] = await db.batch([
    ordered(db, touchpoints, workspaceId, touchpoints.stageId, stageId),
    ordered(db, touchpoints, workspaceId, touchpoints.stageId, touchpoint.stageId),
  ]);
  const order = moveTo(
    target.map((t) => t.id),
    touchpointId,
    index,
  );
  const statements: BatchStatement[] = [];
  if (stageId !== touchpoint.stageId) {
    statements.push(
      db
        .update(touchpoints)
        .set({ stageId, updatedAt: now })
        .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
      renumber(
        touchpoints,
        workspaceId,
        origin.filter((t) => t.id !== touchpointId).map((t) => t.id),
      ),
    );
  }
  await runBatch(db, [
    ...statements,
    renumber(touchpoints, workspaceId, order),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "touchpoint.moved",
      targetType: "touchpoint",
      targetId: touchpointId,
      details: { fromStageId: touchpoint.stageId, stageId, index: order.indexOf(touchpointId) },
      at: now,
    }),
  ]);
  return { name: touchpoint.name, position: order.indexOf(touchpointId) + 1, of: order.length, within: stage.name };
}

/**
 * Deletes a touchpoint. One with feedback is refused unless `moveItemsTo` names another touchpoint of a current,
 * active journey: then its items (placed there by hand), rollups, follow-ups and source defaults move there in the
 * same transaction, so the map's counters still equal the items.
 */
export async function deleteTouchpoint(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  moveItemsTo: string | null,
  { actor, now }: Actor,
): Promise<DeleteOutcome> {
  const [[touchpoint], [feedback], [target]] = await db.batch([
    db
      .select({ stageId: touchpoints.stageId, name: touchpoints.name, key: touchpoints.key })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
    feedbackCount(db, workspaceId, touchpoints.id, touchpointId),
    db
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .where(
        and(
          eq(touchpoints.workspaceId, workspaceId),
          eq(touchpoints.id, moveItemsTo ?? ""),
          ne(touchpoints.id, touchpointId),
          takesFeedback(),
        ),
      ),
  ]);
  if (!touchpoint) return { ok: false, problem: "not_found" };
  const itemCount = feedback?.n ?? 0;
  if (moveItemsTo !== null && !target) return { ok: false, problem: "bad_target" };
  if (itemCount > 0 && !target) return { ok: false, problem: "has_feedback", itemCount };
  const [siblings, removed] = await Promise.all([
    ordered(db, touchpoints, workspaceId, touchpoints.stageId, touchpoint.stageId),
    // Only an empty touchpoint's delete can be undone: feedback moved elsewhere stays where it went.
    itemCount === 0 ? removedBy(db, workspaceId, { touchpointId }) : undefined,
  ]);
  const moves: BatchStatement[] = target ? moveFeedbackStatements(workspaceId, touchpointId, target.id) : [];
  await runBatch(db, [
    ...moves,
    db.delete(touchpoints).where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
    renumber(
      touchpoints,
      workspaceId,
      siblings.filter((t) => t.id !== touchpointId).map((t) => t.id),
    ),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "touchpoint.deleted",
      targetType: "touchpoint",
      targetId: touchpointId,
      details: { name: touchpoint.name, key: touchpoint.key, itemCount, movedTo: target?.id ?? null, removed },
      at: now,
    }),
  ]);
  return { ok: true };
}

/** Everything that points at a touchpoint's feedback, pointed at another touchpoint instead. */
function moveFeedbackStatements(workspaceId: string, from: string, to: string): BatchStatement[] {
  return [
    sql`UPDATE ${feedbackItems} SET touchpoint_id = ${to}, touchpoint_method = 'manual', touchpoint_confidence = 1
      WHERE ${feedbackItems.workspaceId} = ${workspaceId} AND ${feedbackItems.touchpointId} = ${from}`,
    ...reassignRollups(workspaceId, "touchpoint_id", from, to),
    sql`UPDATE ${followUps} SET touchpoint_id = ${to}
      WHERE ${followUps.workspaceId} = ${workspaceId} AND ${followUps.touchpointId} = ${from}`,
    sql`UPDATE ${sources} SET default_touchpoint_id = ${to}, version = version + 1
      WHERE ${sources.workspaceId} = ${workspaceId} AND ${sources.defaultTouchpointId} = ${from}`,
  ];
}

/** What deleting an empty stage or touchpoint removed, kept in its audit entry (`details.removed`) for an undo. */
export interface Removed {
  stage: typeof stages.$inferSelect | null;
  touchpoints: (typeof touchpoints.$inferSelect)[];
  rules: (typeof touchpointRules.$inferSelect)[];
  /** The sources whose default was one of the touchpoints. */
  defaults: { sourceId: string; touchpointId: string }[];
}

/** Reads what deleting the stage (with its touchpoints) or the touchpoint would remove. */
async function removedBy(
  db: Db,
  workspaceId: string,
  scope: { stageId: string } | { touchpointId: string },
): Promise<Removed> {
  const inScope = "stageId" in scope ? eq(touchpoints.stageId, scope.stageId) : eq(touchpoints.id, scope.touchpointId);
  const ids = db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), inScope));
  const [stageRows, touchpointRows, rules, defaults] = await db.batch([
    db
      .select()
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, "stageId" in scope ? scope.stageId : ""))),
    db
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), inScope))
      .orderBy(asc(touchpoints.position)),
    db
      .select()
      .from(touchpointRules)
      .where(and(eq(touchpointRules.workspaceId, workspaceId), inArray(touchpointRules.touchpointId, ids))),
    db
      .select({ sourceId: sources.id, touchpointId: sql<string>`${sources.defaultTouchpointId}` })
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), inArray(sources.defaultTouchpointId, ids))),
  ]);
  return { stage: stageRows[0] ?? null, touchpoints: touchpointRows, rules, defaults };
}
