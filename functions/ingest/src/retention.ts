/**
 * The scheduled item retention: each cron tick removes a bounded number of feedback items older than their
 * workspace's `item_retention_days`, with their rollup contributions, so the map never counts what is no longer kept.
 * @module
 */
import { createDb, retention } from "@firebreak/db";

export async function runScheduledRetention(env: Pick<Env, "DB">, now = Date.now()): Promise<number> {
  try {
    const purges = await retention.purgeExpiredItems(createDb(env.DB), now);
    for (const { workspaceId, counts } of purges) {
      console.log(JSON.stringify({ level: "info", workspaceId, message: "expired items removed", ...counts }));
    }
    return purges.reduce((n, p) => n + p.counts.items, 0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: "error", message: `item retention: ${message}` }));
    return 0;
  }
}
