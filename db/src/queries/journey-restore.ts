/**
 * Undoing the delete of an empty stage or touchpoint. The delete records what it removes in its audit entry: the
 * rows, the placement rules that pointed there, and which sources defaulted there. A restore puts exactly that back,
 * with the same ids and keys, at the same place. A delete that moved feedback elsewhere records nothing and cannot be
 * undone (its items already sit on their new touchpoint). Learned placement profiles are not kept: the next
 * re-clustering learns them again. Re-exported by `journeys.ts`.
 * @module
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import { auditLog, journeys, sources, stages, touchpointRules, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";
import { type Removed, renumber } from "./journey-structure.ts";
import type { Actor } from "./themes.ts";

export type RestoreOutcome =
  | { ok: true; name: string }
  | { ok: false; problem: "not_found" | "conflict"; message: string };

/**
 * Puts a deleted stage or touchpoint back from its delete's audit entry, at its old position (or the end), with its
 * rules and source defaults (where those sources have no other default since). Refused when nothing was recorded,
 * when it is already back, when its stage or journey is gone, or when one of its keys was taken meanwhile.
 */
export async function restoreDeleted(
  db: Db,
  workspaceId: string,
  kind: "stage" | "touchpoint",
  id: string,
  { actor, now }: Actor,
): Promise<RestoreOutcome> {
  const [entry] = await db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(
      and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, `${kind}.deleted`), eq(auditLog.targetId, id)),
    )
    .orderBy(desc(auditLog.createdAt), desc(sql`rowid`))
    .limit(1);
  const removed = entry?.details.removed as Removed | undefined;
  const first = removed?.stage ?? removed?.touchpoints[0];
  if (!removed || !first) {
    return { ok: false, problem: "not_found", message: `There is no deleted ${kind} to restore.` };
  }
  const keys = removed.touchpoints.map((t) => t.key);
  const stage = removed.touchpoints[0]?.stageId ?? "";
  const journeyId = removed.stage?.journeyId ?? "";
  const [[present], siblings, [parentRow], taken] = await db.batch(
    kind === "stage"
      ? [
          db
            .select({ id: stages.id })
            .from(stages)
            .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, id))),
          db
            .select({ id: stages.id })
            .from(stages)
            .where(and(eq(stages.workspaceId, workspaceId), eq(stages.journeyId, journeyId)))
            .orderBy(asc(stages.position), asc(stages.id)),
          db
            .select({ id: journeys.id })
            .from(journeys)
            .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
          takenQuery(db, workspaceId, keys),
        ]
      : [
          db
            .select({ id: touchpoints.id })
            .from(touchpoints)
            .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, id))),
          db
            .select({ id: touchpoints.id })
            .from(touchpoints)
            .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.stageId, stage)))
            .orderBy(asc(touchpoints.position), asc(touchpoints.id)),
          db
            .select({ id: stages.id })
            .from(stages)
            .where(and(eq(stages.workspaceId, workspaceId), eq(stages.id, stage))),
          takenQuery(db, workspaceId, keys),
        ],
  );
  if (present) return { ok: false, problem: "conflict", message: `This ${kind} is already back.` };
  if (!parentRow) {
    const gone = kind === "stage" ? "journey" : "stage";
    return { ok: false, problem: "conflict", message: `Its ${gone} was deleted, so it cannot be put back.` };
  }
  if (taken.length > 0) {
    return {
      ok: false,
      problem: "conflict",
      message: `Another touchpoint now uses the key ${taken[0]?.key}, so it cannot be put back.`,
    };
  }
  const order = siblings.map((s) => s.id);
  order.splice(Math.min(first.position, order.length), 0, id);
  const statements: BatchStatement[] = [];
  if (removed.stage) statements.push(db.insert(stages).values(removed.stage));
  // One row per statement: a touchpoint has some twenty columns, and D1 binds at most 100 parameters.
  for (const row of removed.touchpoints) statements.push(db.insert(touchpoints).values(row));
  for (const row of removed.rules) statements.push(db.insert(touchpointRules).values(row));
  for (const { sourceId, touchpointId } of removed.defaults) {
    statements.push(
      db
        .update(sources)
        .set({ defaultTouchpointId: touchpointId, version: sql`${sources.version} + 1` })
        .where(
          and(eq(sources.workspaceId, workspaceId), eq(sources.id, sourceId), isNull(sources.defaultTouchpointId)),
        ),
    );
  }
  await runBatch(db, [
    ...statements,
    renumber(kind === "stage" ? stages : touchpoints, workspaceId, order),
    audit.entry(db, { workspaceId, actor, action: `${kind}.restored`, targetType: kind, targetId: id, at: now }),
  ]);
  return { ok: true, name: removed.stage?.name ?? first.name };
}

function takenQuery(db: Db, workspaceId: string, keys: readonly string[]) {
  return db
    .select({ key: touchpoints.key })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.key, keys.length > 0 ? [...keys] : [""])));
}
