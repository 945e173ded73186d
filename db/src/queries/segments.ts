/**
 * Saved segments and personas: named filters over customer attributes and item tags, applied to the map. Every read
 * and write is scoped to the workspace, and every change is audited in the same batch.
 * @module
 */
import { newId } from "@firebreak/core";
import { getOrCreate } from "@firebreak/core/collections";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { customers } from "../schema/feedback.ts";
import { segments } from "../schema/journeys.ts";
import * as audit from "./audit.ts";
import * as segmentDays from "./segment-days.ts";
import type { Actor } from "./themes.ts";

export type Segment = typeof segments.$inferSelect;
export type SegmentInput = Pick<Segment, "kind" | "name" | "description" | "filter">;

/** The workspace's segments and personas, personas first, each by name. */
export function list(db: Db, workspaceId: string): Promise<Segment[]> {
  return db
    .select()
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(sql`${segments.kind} = 'segment'`, asc(segments.name));
}

export async function get(db: Db, workspaceId: string, id: string): Promise<Segment | undefined> {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
  return row;
}

export async function create(db: Db, workspaceId: string, input: SegmentInput, { actor, now }: Actor) {
  const row = { id: newId("seg", now), workspaceId, ...input, createdAt: now };
  await runBatch(db, [
    db.insert(segments).values(row),
    audit.entry(db, {
      workspaceId,
      actor,
      action: `${input.kind}.create`,
      targetType: "segment",
      targetId: row.id,
      details: { name: input.name, filter: input.filter },
      at: now,
    }),
  ]);
  return row;
}

/** Replaces a segment's definition; `false` when it is not the workspace's (and then nothing is audited). */
export async function update(db: Db, workspaceId: string, id: string, input: SegmentInput, { actor, now }: Actor) {
  const existing = await get(db, workspaceId, id);
  if (!existing) return false;
  const redefined = JSON.stringify(existing.filter) !== JSON.stringify(input.filter);
  await runBatch(db, [
    // Its built days counted other items: a new definition starts from the items until the cron builds it again.
    ...(redefined ? segmentDays.forget(db, workspaceId, id) : []),
    db
      .update(segments)
      .set(input)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: `${input.kind}.update`,
      targetType: "segment",
      targetId: id,
      details: { name: input.name, filter: input.filter },
      at: now,
    }),
  ]);
  return true;
}

/** Deletes a segment; `false` when it is not the workspace's (and then nothing is audited). */
export async function remove(db: Db, workspaceId: string, id: string, { actor, now }: Actor): Promise<boolean> {
  const existing = await get(db, workspaceId, id);
  if (!existing) return false;
  await runBatch(db, [
    ...segmentDays.forget(db, workspaceId, id),
    db.delete(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: `${existing.kind}.delete`,
      targetType: "segment",
      targetId: id,
      details: { name: existing.name },
      at: now,
    }),
  ]);
  return true;
}

/** Every customer attribute in the workspace with its values and how many customers have each, for the editor. */
export async function attributeValues(
  db: Db,
  workspaceId: string,
): Promise<Record<string, { value: string; customers: number }[]>> {
  const rows = await db
    .select({
      key: sql<string>`attribute.key`,
      value: sql<string>`attribute.value`,
      customers: sql<number>`count(*)`.mapWith(Number),
    })
    .from(sql`${customers}, json_each(${customers.attributes}) as attribute`)
    .where(and(eq(customers.workspaceId, workspaceId), sql`attribute.type = 'text'`))
    .groupBy(sql`attribute.key`, sql`attribute.value`)
    .orderBy(sql`attribute.key`, sql`count(*) desc`, sql`attribute.value`);
  const byKey = new Map<string, { value: string; customers: number }[]>();
  for (const { key, value, customers: count } of rows)
    getOrCreate(byKey, key, () => []).push({ value, customers: count });
  return Object.fromEntries(byKey);
}
