/** @module Workspaces and the analysis context of one. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { touchpoints, workspaces } from "../schema/index.ts";

export function get(db: Db, workspaceId: string) {
  return db.query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId) });
}

export function first(db: Db) {
  return db.query.workspaces.findFirst({ orderBy: asc(workspaces.createdAt) });
}

/** What analysis needs to know about a workspace: its languages and its touchpoints. */
export async function analysisContext(db: Db, workspaceId: string) {
  const [workspace, refs] = await db.batch([
    db.query.workspaces.findFirst({ columns: { languages: true }, where: eq(workspaces.id, workspaceId) }),
    db
      .select({ id: touchpoints.id, key: touchpoints.key })
      .from(touchpoints)
      .where(eq(touchpoints.workspaceId, workspaceId)),
  ]);
  if (!workspace) return undefined;
  return { languages: workspace.languages, touchpoints: refs };
}
