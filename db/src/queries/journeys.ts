/**
 * Editing journeys: create, rename, archive and reorder journeys; their stages and touchpoints; and the future-state
 * copy a team redesigns. Every write is one D1 batch with its audit entry, scoped to the workspace; positions are
 * renumbered densely (0, 1, 2, …) in the same batch. Stage and touchpoint edits live in `journey-structure.ts`.
 * @module
 */
import { newId } from "@firebreak/core";
import { moveTo, uniqueKey } from "@firebreak/core/journey";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { insertFromJson } from "../json-rows.ts";
import { feedbackItems, journeys, sources, stages, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";
import { exists, renumber, type StructureTouchpoint, structureQueries, takenKeysQuery } from "./journey-structure.ts";
import type { Actor } from "./themes.ts";

export {
  type ComparedTouchpointInfo,
  type ComparisonOutcome,
  compare,
  HOTSPOT_MIN,
  type JourneyComparison,
} from "./journey-compare.ts";
export { type RestoreOutcome, restoreDeleted } from "./journey-restore.ts";
export {
  createStage,
  createTouchpoint,
  type DeleteOutcome,
  deleteStage,
  deleteTouchpoint,
  type HumanMomentInput,
  type MoveOutcome,
  moveStage,
  moveTouchpoint,
  type StageInput,
  type TouchpointInput,
  updateStage,
  updateTouchpoint,
} from "./journey-structure.ts";
export type { Actor } from "./themes.ts";

export type JourneyRow = typeof journeys.$inferSelect;

/** A journey as the journeys page lists it. */
export interface JourneyListEntry {
  id: string;
  name: string;
  description: string;
  state: "current" | "future";
  basedOnJourneyId: string | null;
  archivedAt: number | null;
  stageCount: number;
  touchpointCount: number;
  /** Sources whose default touchpoint is on this journey: archiving it sends their unplaced items to Unassigned. */
  defaultFor: string[];
}

/** Source names by the journey their default touchpoint is on (of one journey, or all). */
function defaultSourcesQuery(db: Db, workspaceId: string, journeyId?: string) {
  return db
    .select({ journeyId: touchpoints.journeyId, name: sources.name })
    .from(sources)
    .innerJoin(touchpoints, eq(touchpoints.id, sources.defaultTouchpointId))
    .where(
      and(
        eq(sources.workspaceId, workspaceId),
        journeyId === undefined ? undefined : eq(touchpoints.journeyId, journeyId),
      ),
    )
    .orderBy(asc(sources.name));
}

function namesByJourney(rows: readonly { journeyId: string; name: string }[]) {
  const names = new Map<string, string[]>();
  for (const row of rows) names.set(row.journeyId, [...(names.get(row.journeyId) ?? []), row.name]);
  return names;
}

/** Every journey of the workspace, archived ones included (last), each in display order. */
export async function list(db: Db, workspaceId: string): Promise<JourneyListEntry[]> {
  const [rows, stageCounts, touchpointCounts, defaults] = await db.batch([
    db
      .select({
        id: journeys.id,
        name: journeys.name,
        description: journeys.description,
        state: journeys.state,
        basedOnJourneyId: journeys.basedOnJourneyId,
        archivedAt: journeys.archivedAt,
      })
      .from(journeys)
      .where(eq(journeys.workspaceId, workspaceId))
      .orderBy(sql`${journeys.archivedAt} is not null`, asc(journeys.position), asc(journeys.name)),
    db
      .select({ journeyId: stages.journeyId, n: count() })
      .from(stages)
      .where(eq(stages.workspaceId, workspaceId))
      .groupBy(stages.journeyId),
    db
      .select({ journeyId: touchpoints.journeyId, n: count() })
      .from(touchpoints)
      .where(eq(touchpoints.workspaceId, workspaceId))
      .groupBy(touchpoints.journeyId),
    defaultSourcesQuery(db, workspaceId),
  ]);
  const stagesOf = new Map(stageCounts.map((r) => [r.journeyId, r.n]));
  const touchpointsOf = new Map(touchpointCounts.map((r) => [r.journeyId, r.n]));
  const defaultFor = namesByJourney(defaults);
  return rows.map((row) => ({
    ...row,
    stageCount: stagesOf.get(row.id) ?? 0,
    touchpointCount: touchpointsOf.get(row.id) ?? 0,
    defaultFor: defaultFor.get(row.id) ?? [],
  }));
}

/** A touchpoint as the editor shows it. */
export type EditorTouchpoint = Omit<StructureTouchpoint, "stageId" | "basedOnTouchpointId"> & {
  /** Stored feedback items placed here (a touchpoint with items cannot simply be deleted). */
  itemCount: number;
};

export interface EditorStage {
  id: string;
  name: string;
  description: string;
  touchpoints: EditorTouchpoint[];
}

export interface EditorJourney {
  journey: Pick<JourneyRow, "id" | "name" | "description" | "state" | "archivedAt">;
  /** For a future state: the current journey it was copied from, while it exists. */
  basedOn: { id: string; name: string } | null;
  /** For a current journey: its future states, newest first. */
  futures: { id: string; name: string; archived: boolean }[];
  /** Sources whose default touchpoint is on this journey (see `JourneyListEntry.defaultFor`). */
  defaultFor: string[];
  stages: EditorStage[];
}

/** A journey with its stages and touchpoints in order, for the editor; `null` when not the workspace's. */
export async function getEditor(db: Db, workspaceId: string, journeyId: string): Promise<EditorJourney | null> {
  const [journeyRows, stageRows, touchpointRows, countRows, futureRows, defaults] = await db.batch([
    db
      .select({
        id: journeys.id,
        name: journeys.name,
        description: journeys.description,
        state: journeys.state,
        archivedAt: journeys.archivedAt,
        basedOnJourneyId: journeys.basedOnJourneyId,
      })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    ...structureQueries(db, workspaceId, journeyId),
    db
      .select({ touchpointId: feedbackItems.touchpointId, n: count() })
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          sql`${feedbackItems.touchpointId} in (select id from touchpoints where workspace_id = ${workspaceId} and journey_id = ${journeyId})`,
        ),
      )
      .groupBy(feedbackItems.touchpointId),
    db
      .select({ id: journeys.id, name: journeys.name, archivedAt: journeys.archivedAt })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.basedOnJourneyId, journeyId)))
      .orderBy(sql`${journeys.createdAt} desc`),
    defaultSourcesQuery(db, workspaceId, journeyId),
  ]);
  const row = journeyRows[0];
  if (!row) return null;
  const { basedOnJourneyId, ...journey } = row;
  const basedOn = basedOnJourneyId
    ? ((
        await db
          .select({ id: journeys.id, name: journeys.name })
          .from(journeys)
          .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, basedOnJourneyId)))
      )[0] ?? null)
    : null;
  const counts = new Map(countRows.map((r) => [r.touchpointId, r.n]));
  return {
    journey,
    basedOn,
    futures: futureRows.map((f) => ({ id: f.id, name: f.name, archived: f.archivedAt !== null })),
    defaultFor: defaults.map((d) => d.name),
    stages: stageRows.map(({ basedOnStageId: _origin, ...stage }) => ({
      ...stage,
      touchpoints: touchpointRows
        .filter((t) => t.stageId === stage.id)
        .map(({ stageId: _stageId, basedOnTouchpointId: _origin, ...t }) => ({
          ...t,
          itemCount: counts.get(t.id) ?? 0,
        })),
    })),
  };
}

export interface JourneyInput {
  name: string;
  description: string;
}

/** A new, empty current-state journey after the workspace's others; returns its id. */
export async function create(db: Db, workspaceId: string, input: JourneyInput, { actor, now }: Actor) {
  const id = newId("jrn", now);
  await runBatch(db, [
    db.insert(journeys).values({
      id,
      workspaceId,
      ...input,
      position: sql`(select coalesce(max(position) + 1, 0) from journeys where workspace_id = ${workspaceId})`,
      createdAt: now,
      updatedAt: now,
    }),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "journey.created",
      targetType: "journey",
      targetId: id,
      details: { ...input },
      at: now,
    }),
  ]);
  return id;
}

/** Renames or describes a journey; false when it is not the workspace's. */
export async function update(
  db: Db,
  workspaceId: string,
  journeyId: string,
  change: Partial<JourneyInput>,
  by: Actor,
): Promise<boolean> {
  return changeJourney(db, workspaceId, journeyId, { ...change }, "journey.updated", change, by);
}

/**
 * Archives (or restores) a journey. Archived journeys leave the switcher and the placement choices, but keep their
 * stages, touchpoints, feedback and rollups. False when the journey is not the workspace's.
 */
export function setArchived(db: Db, workspaceId: string, journeyId: string, archived: boolean, by: Actor) {
  return changeJourney(
    db,
    workspaceId,
    journeyId,
    { archivedAt: archived ? by.now : null },
    archived ? "journey.archived" : "journey.restored",
    {},
    by,
  );
}

async function changeJourney(
  db: Db,
  workspaceId: string,
  journeyId: string,
  set: Partial<Pick<JourneyRow, "name" | "description" | "archivedAt">>,
  action: string,
  details: Record<string, unknown>,
  { actor, now }: Actor,
): Promise<boolean> {
  if (!(await exists(db, journeys, workspaceId, journeyId))) return false;
  await runBatch(db, [
    db
      .update(journeys)
      .set({ ...set, updatedAt: now })
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    audit.entry(db, { workspaceId, actor, action, targetType: "journey", targetId: journeyId, details, at: now }),
  ]);
  return true;
}

/**
 * Moves a journey to `index` among the workspace's journeys (archived ones keep their relative place) and renumbers
 * them all. False when the journey is not the workspace's.
 */
export async function move(db: Db, workspaceId: string, journeyId: string, index: number, { actor, now }: Actor) {
  const rows = await db
    .select({ id: journeys.id, archivedAt: journeys.archivedAt })
    .from(journeys)
    .where(eq(journeys.workspaceId, workspaceId))
    .orderBy(asc(journeys.position), asc(journeys.name));
  if (!rows.some((r) => r.id === journeyId)) return false;
  // `index` counts the journeys people see (not archived); archived ones follow them.
  const active = rows.filter((r) => r.archivedAt === null).map((r) => r.id);
  const archived = rows.filter((r) => r.archivedAt !== null).map((r) => r.id);
  const order = active.includes(journeyId)
    ? [...moveTo(active, journeyId, index), ...archived]
    : [...active, ...archived];
  await runBatch(db, [
    renumber(journeys, workspaceId, order),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "journey.moved",
      targetType: "journey",
      targetId: journeyId,
      details: { index: order.indexOf(journeyId) },
      at: now,
    }),
  ]);
  return true;
}

export type DuplicateOutcome = { ok: true; id: string } | { ok: false; problem: "not_found" | "is_future" };

/**
 * Copies a current journey as a future state to redesign: its stages and touchpoints with new ids, each remembering
 * its origin (`basedOnStageId`, `basedOnTouchpointId`), with channels, owners and human moments; keys get `-future`
 * (de-duplicated). The copy carries no feedback, rules or rollups. One batch.
 */
export async function duplicateAsFuture(
  db: Db,
  workspaceId: string,
  journeyId: string,
  { actor, now }: Actor,
): Promise<DuplicateOutcome> {
  const [[source], stageRows, touchpointRows, taken] = await db.batch([
    db
      .select()
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    db
      .select()
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.journeyId, journeyId)))
      .orderBy(asc(stages.position), asc(stages.id)),
    db
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journeyId)))
      .orderBy(asc(touchpoints.position), asc(touchpoints.id)),
    takenKeysQuery(db, workspaceId),
  ]);
  if (!source) return { ok: false, problem: "not_found" };
  if (source.state === "future") return { ok: false, problem: "is_future" };
  const id = newId("jrn", now);
  const keys = new Set(taken.map((t) => t.key));
  const stageIds = new Map(stageRows.map((s) => [s.id, newId("stg", now)]));
  const positions = new Map<string, number>();
  const copies = touchpointRows.map((t) => {
    const key = uniqueKey(`${t.key.slice(0, 41)}-future`, keys);
    keys.add(key);
    const position = positions.get(t.stageId) ?? 0;
    positions.set(t.stageId, position + 1);
    return {
      ...t,
      id: newId("tp", now),
      journeyId: id,
      stageId: stageIds.get(t.stageId) ?? t.stageId,
      key,
      position,
      basedOnTouchpointId: t.id,
      createdAt: now,
      updatedAt: now,
    };
  });
  await runBatch(db, [
    db.insert(journeys).values({
      id,
      workspaceId,
      name: `${source.name} (future state)`,
      description: source.description,
      state: "future",
      basedOnJourneyId: source.id,
      position: sql`(select coalesce(max(position) + 1, 0) from journeys where workspace_id = ${workspaceId})`,
      createdAt: now,
      updatedAt: now,
    }),
    ...insertFromJson(
      stages,
      stageRows.map((s, position) => ({
        ...s,
        id: stageIds.get(s.id) ?? s.id,
        journeyId: id,
        position,
        basedOnStageId: s.id,
      })),
    ),
    ...insertFromJson(touchpoints, copies),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "journey.duplicated",
      targetType: "journey",
      targetId: id,
      details: { basedOnJourneyId: source.id, stages: stageRows.length, touchpoints: copies.length },
      at: now,
    }),
  ]);
  return { ok: true, id };
}
