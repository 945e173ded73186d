/**
 * The scheduled re-clustering: each cron tick re-clusters the workspaces whose themes are oldest, within a time
 * budget, so every workspace is refreshed a few times a day without any one tick running long.
 * @module
 */
import { createDb, reclusterWorkspace, themes } from "@firebreak/db";
import { workspaceEmbedder } from "./ai.ts";

/** A workspace's themes are refreshed when older than this. */
export const RECLUSTER_EVERY_MS = 6 * 60 * 60 * 1000;
/** Workspaces looked at per tick, and the time after which no new one is started. */
const PER_TICK = 3;
const BUDGET_MS = 60_000;

export async function runScheduledRecluster(env: Pick<Env, "DB" | "AI">, now = Date.now()): Promise<string[]> {
  const db = createDb(env.DB);
  const started = Date.now();
  const done: string[] = [];
  for (const workspaceId of await themes.dueForRecluster(db, now, RECLUSTER_EVERY_MS, PER_TICK)) {
    if (Date.now() - started > BUDGET_MS) break;
    try {
      const summary = await reclusterWorkspace(db, workspaceId, {
        now,
        embedder: await workspaceEmbedder(db, env, workspaceId),
      });
      console.log(JSON.stringify({ level: "info", workspaceId, message: "themes re-clustered", ...summary }));
      done.push(workspaceId);
    } catch (error) {
      // One workspace's failure must not stop the others; it stays due and is tried again next tick.
      const message = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ level: "error", workspaceId, message: `re-clustering: ${message}` }));
    }
  }
  return done;
}
