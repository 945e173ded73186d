/**
 * The scheduled build of saved segments' day rollups: each cron tick builds the stale days of every workspace's
 * segments, newest first, so segment views read rollups instead of grouping items.
 * @module
 */
import { createDb, segmentDays } from "@firebreak/db";

/** Segment days built per segment per tick: a year of a new segment is built within the hour, newest days first. */
const SEGMENT_DAYS_PER_TICK = 60;

/**
 * Builds each workspace's saved segments' stale days (`segment_days`), so segment views read rollups rather than
 * grouping items; a view never waits for this, it groups the items of days not built yet.
 */
export async function runScheduledSegmentBuilds(env: Pick<Env, "DB">): Promise<number> {
  const db = createDb(env.DB);
  let built = 0;
  for (const workspaceId of await segmentDays.workspacesWithSegments(db)) {
    try {
      built += await segmentDays.refresh(db, workspaceId, SEGMENT_DAYS_PER_TICK);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ level: "error", workspaceId, message: `segment days: ${message}` }));
    }
  }
  return built;
}
