/** @module Sources: one provider connection each, with its encrypted secret. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { sources } from "../schema/index.ts";

export type SourceRow = typeof sources.$inferSelect;

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
