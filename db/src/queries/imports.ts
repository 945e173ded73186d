/** @module CSV/JSONL imports: the job row and its progress. */

import { newId } from "@firebreak/core/ids";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { imports } from "../schema/index.ts";

export type ImportRow = typeof imports.$inferSelect;

export type NewImport = Pick<ImportRow, "workspaceId" | "sourceId" | "format" | "fileName" | "mapping">;

/** Starts an import (`pending`, no rows yet); its chunks follow through `importRows`. */
export async function start(db: Db, job: NewImport, now: number): Promise<ImportRow> {
  const [created] = await db
    .insert(imports)
    .values({ ...job, id: newId("imp", now), status: "pending", createdAt: now })
    .returning();
  if (!created) throw new Error("import insert returned no row");
  return created;
}

export function get(db: Db, workspaceId: string, id: string) {
  return db.query.imports.findFirst({ where: and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)) });
}

/** Adds one chunk's counts; the chunk's items were written before this, so progress never runs ahead of the data. */
export function addProgress(db: Db, workspaceId: string, id: string, processed: number, failed: number) {
  return db
    .update(imports)
    .set({
      status: "running",
      totalRows: sql`${imports.totalRows} + ${processed + failed}`,
      processedRows: sql`${imports.processedRows} + ${processed}`,
      failedRows: sql`${imports.failedRows} + ${failed}`,
    })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
}

export async function finish(db: Db, workspaceId: string, id: string, at: number) {
  const [row] = await db
    .update(imports)
    .set({ status: "done", finishedAt: at })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
    .returning();
  return row;
}

/** The latest imports of one source of the workspace, newest first. */
export function listForSource(db: Db, workspaceId: string, sourceId: string, limit = 10) {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.sourceId, sourceId)))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
}

/**
 * Stops an import that has not finished (the user cancelled it): it is marked failed with `reason`, and no further
 * chunk is accepted for it. Rows already written stay. `undefined` when there is no such unfinished import.
 */
export async function cancel(db: Db, workspaceId: string, id: string, at: number, reason: string) {
  const [row] = await db
    .update(imports)
    .set({ status: "failed", error: reason, finishedAt: at })
    .where(
      and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), inArray(imports.status, ["pending", "running"])),
    )
    .returning();
  return row;
}
