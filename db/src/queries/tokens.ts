/** @module API tokens: looked up by hash, never by value. */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { apiTokens } from "../schema/index.ts";

export function findActiveByHash(db: Db, tokenHash: string) {
  return db.query.apiTokens.findFirst({
    columns: { id: true, workspaceId: true, scopes: true, lastUsedAt: true },
    where: and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)),
  });
}

export function touch(db: Db, id: string, at: number) {
  return db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function create(db: Db, row: typeof apiTokens.$inferInsert) {
  await db.insert(apiTokens).values(row);
}
