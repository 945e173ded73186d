/** @module Sources: one provider connection each, with its encrypted secret. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { journeys, sources, touchpoints } from "../schema/index.ts";
import { takesFeedback } from "./placement.ts";

export type SourceRow = typeof sources.$inferSelect;

/** Every change that affects how deliveries are checked bumps the version (see the column's note). */
const nextVersion = sql`${sources.version} + 1`;

/** Public view of a source: never includes the secret ciphertext. */
export type SourceView = Omit<SourceRow, "secretCiphertext" | "deletedAt">;

export function toView({ secretCiphertext: _secret, deletedAt: _deleted, ...view }: SourceRow): SourceView {
  return view;
}

export async function create(db: Db, row: typeof sources.$inferInsert): Promise<SourceRow> {
  const [created] = await db.insert(sources).values(row).returning();
  if (!created) throw new Error("source insert returned no row");
  return created;
}

export function get(db: Db, workspaceId: string, id: string) {
  return db.query.sources.findFirst({
    where: and(eq(sources.workspaceId, workspaceId), eq(sources.id, id), isNull(sources.deletedAt)),
  });
}

export function list(db: Db, workspaceId: string) {
  return db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt)))
    .orderBy(desc(sources.createdAt));
}

/**
 * Looks a source up by id alone, for the webhook endpoint, where the id in the URL is the only tenant hint.
 * The provider must match too, so a URL for one provider cannot be replayed against another adapter.
 */
export function findForWebhook(db: Db, provider: string, id: string) {
  return db.query.sources.findFirst({
    where: and(eq(sources.id, id), eq(sources.provider, provider), isNull(sources.deletedAt)),
  });
}

export type SourcePatch = Partial<
  Pick<SourceRow, "name" | "journeyId" | "defaultTouchpointId" | "status" | "settings" | "fieldMapping">
>;

/** Updates a source of the workspace; `undefined` when there is no such source. */
export async function update(db: Db, workspaceId: string, id: string, patch: SourcePatch) {
  const [row] = await db
    .update(sources)
    .set({ ...patch, version: nextVersion })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id), isNull(sources.deletedAt)))
    .returning();
  return row;
}

/**
 * Whether the journey and touchpoint a source change names belong to the workspace (the touchpoint to one of its
 * current journeys, as the placement choices offer); an unnamed or cleared one is fine.
 */
export async function ownsReferences(
  db: Db,
  workspaceId: string,
  { journeyId, defaultTouchpointId }: Pick<SourcePatch, "journeyId" | "defaultTouchpointId">,
) {
  const [journey, touchpoint] = await Promise.all([
    journeyId
      ? db
          .select({ id: journeys.id })
          .from(journeys)
          .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId)))
      : [true],
    defaultTouchpointId
      ? db
          .select({ id: touchpoints.id })
          .from(touchpoints)
          .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
          .where(
            and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, defaultTouchpointId), takesFeedback()),
          )
      : [true],
  ]);
  return { journey: journey.length > 0, touchpoint: touchpoint.length > 0 };
}

export async function rotateSecret(
  db: Db,
  workspaceId: string,
  id: string,
  secretCiphertext: string,
  hint: string,
  at: number,
) {
  const [row] = await db
    .update(sources)
    .set({ secretCiphertext, secretHint: hint, secretRotatedAt: at, version: nextVersion })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id), isNull(sources.deletedAt)))
    .returning();
  return row;
}

/** Soft-deletes: the webhook URL stops answering at once, while items and the delivery log stay. */
export async function remove(db: Db, workspaceId: string, id: string, at: number): Promise<boolean> {
  const rows = await db
    .update(sources)
    .set({ deletedAt: at, status: "paused", version: nextVersion })
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id), isNull(sources.deletedAt)))
    .returning({ id: sources.id });
  return rows.length > 0;
}
