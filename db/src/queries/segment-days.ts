/**
 * Saved segments' day rollups (`segment_days`): built from the items per segment and day, stale once the day's
 * rollups change (the triggers' `rollup_changed_days` stamp is newer than the build), rebuilt by the cron newest
 * day first. A segment view reads built days from here and groups items only for stale ones (`map-filter.ts`).
 * @module
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import { feedbackItems, rollupChangedDays, segmentDayBuilds, segmentDays } from "../schema/feedback.ts";
import { segments } from "../schema/journeys.ts";
import {
  itemDay as day,
  itemConditions,
  itemCounters,
  itemDays,
  NO_FILTER,
  type SegmentFilter,
  staleSegmentDays,
} from "./map-filter.ts";

/**
 * Days built per statement: the segment's customer lookup runs once per statement, so days are built together (a
 * day at a time would repeat it for each).
 */
const DAYS_PER_BATCH = 30;
/** SQLite's clock in epoch ms, the same clock the triggers stamp changes with. */
const SQLITE_NOW_MS = sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

/** The saved segment's days that need building, newest first, at most `limit`. */
export async function staleDays(db: Db, workspaceId: string, segmentId: string, limit: number): Promise<string[]> {
  const rows = await staleSegmentDays(db, workspaceId, segmentId, { fromDay: "0000-01-01", toDay: "9999-12-31" })
    .orderBy(desc(rollupChangedDays.day))
    .limit(limit);
  return rows.map((r) => r.day);
}

/** Builds a saved segment's rollups for `days` from its items: the old rows out, the new ones in, each day stamped. */
export async function buildDays(
  db: Db,
  workspaceId: string,
  segment: { id: string; filter: SegmentFilter },
  days: readonly string[],
): Promise<void> {
  const conditions = itemConditions(db, workspaceId, { ...NO_FILTER, segment: segment.filter });
  for (let i = 0; i < days.length; i += DAYS_PER_BATCH) {
    const chunk = [...days.slice(i, i + DAYS_PER_BATCH)].sort();
    const listed = jsonList(chunk);
    await runBatch(db, [
      db
        .delete(segmentDays)
        .where(
          and(
            eq(segmentDays.workspaceId, workspaceId),
            eq(segmentDays.segmentId, segment.id),
            inArray(segmentDays.day, listed),
          ),
        ),
      db.insert(segmentDays).select(
        db
          .select({
            workspaceId: sql<string>`${workspaceId}`.as("workspace_id"),
            segmentId: sql<string>`${segment.id}`.as("segment_id"),
            touchpointId: sql<string>`coalesce(${feedbackItems.touchpointId}, '')`.as("touchpoint_id"),
            day: day.as("day"),
            themeId: sql<string>`coalesce(${feedbackItems.themeId}, '')`.as("theme_id"),
            ...itemCounters(),
          })
          .from(feedbackItems)
          .where(
            and(
              eq(feedbackItems.workspaceId, workspaceId),
              ...itemDays(chunk[0] as string, chunk.at(-1) as string),
              inArray(day, listed),
              ...conditions,
            ),
          )
          .groupBy(day, feedbackItems.touchpointId, feedbackItems.themeId),
      ),
      db
        .insert(segmentDayBuilds)
        .select(
          db
            .select({
              workspaceId: sql<string>`${workspaceId}`.as("workspace_id"),
              segmentId: sql<string>`${segment.id}`.as("segment_id"),
              day: sql<string>`value`.as("day"),
              builtAt: sql<number>`${SQLITE_NOW_MS}`.as("built_at"),
            })
            .from(sql`json_each(${JSON.stringify(chunk)})`)
            // `where true`: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.
            .where(sql`true`),
        )
        .onConflictDoUpdate({
          target: [segmentDayBuilds.workspaceId, segmentDayBuilds.segmentId, segmentDayBuilds.day],
          set: { builtAt: sql`excluded.built_at` },
        }),
    ]);
  }
}

/**
 * Builds up to `maxDays` stale days of each of the workspace's saved segments, newest first (what maps show first).
 * Returns how many segment days were built.
 */
export async function refresh(db: Db, workspaceId: string, maxDays = 60): Promise<number> {
  const saved = await db
    .select({ id: segments.id, filter: segments.filter })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(asc(segments.id));
  let built = 0;
  for (const segment of saved) {
    const days = await staleDays(db, workspaceId, segment.id, maxDays);
    await buildDays(db, workspaceId, segment, days);
    built += days.length;
  }
  return built;
}

/** Statements that drop a segment's built days (its definition changed, or it is gone), for the caller's batch. */
export function forget(db: Db, workspaceId: string, segmentId: string) {
  return [
    db.delete(segmentDays).where(and(eq(segmentDays.workspaceId, workspaceId), eq(segmentDays.segmentId, segmentId))),
    db
      .delete(segmentDayBuilds)
      .where(and(eq(segmentDayBuilds.workspaceId, workspaceId), eq(segmentDayBuilds.segmentId, segmentId))),
  ] as const;
}

/** Workspaces that have saved segments, for the cron. */
export async function workspacesWithSegments(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ workspaceId: segments.workspaceId }).from(segments);
  return rows.map((r) => r.workspaceId);
}
