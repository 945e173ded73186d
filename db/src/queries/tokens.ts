/**
 * API tokens: looked up by hash, never by value. Creating and revoking are audited in the same batch as the change;
 * the audit entry names the token and its display prefix, never the value.
 * @module
 */
import type { ApiTokenScope } from "@firebreak/core";
import { newId } from "@firebreak/core";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { apiTokens, users } from "../schema/index.ts";
import * as audit from "./audit.ts";
import type { Actor } from "./themes.ts";

/** What the API needs to decide on a request; revoked and expired tokens are found too, so the 401 can say which. */
export function findByHash(db: Db, tokenHash: string) {
  return db.query.apiTokens.findFirst({
    columns: { id: true, workspaceId: true, scopes: true, lastUsedAt: true, revokedAt: true, expiresAt: true },
    where: eq(apiTokens.tokenHash, tokenHash),
  });
}

export function touch(db: Db, id: string, at: number) {
  return db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export interface NewToken {
  name: string;
  scopes: ApiTokenScope[];
  /** Display prefix and SHA-256 from core's `generateApiToken`; the value itself never reaches the database. */
  prefix: string;
  tokenHash: string;
  expiresAt: number | null;
}

/**
 * The user behind `user:<id>`, when that user exists: `created_by` references users, and until sign-in lands the
 * web app acts as `user:web`, which is nobody. A subquery rather than a read, so a missing user is simply null.
 */
export function createdByOf(actor: string) {
  if (!actor.startsWith("user:")) return null;
  return sql<string | null>`(SELECT ${users.id} FROM ${users} WHERE ${users.id} = ${actor.slice("user:".length)})`;
}

/** Creates a token in the workspace, audited as `api_token.created`; returns its id. */
export async function create(db: Db, workspaceId: string, token: NewToken, by: Actor): Promise<string> {
  const id = newId("tok", by.now);
  await runBatch(db, [
    db.insert(apiTokens).values({
      id,
      workspaceId,
      name: token.name,
      prefix: token.prefix,
      tokenHash: token.tokenHash,
      scopes: token.scopes,
      expiresAt: token.expiresAt,
      createdBy: createdByOf(by.actor),
      createdAt: by.now,
    }),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "api_token.created",
      targetType: "api_token",
      targetId: id,
      details: { name: token.name, prefix: token.prefix, scopes: token.scopes, expiresAt: token.expiresAt },
      at: by.now,
    }),
  ]);
  return id;
}

/** The workspace's tokens, newest first, with the name of the person who created each (when recorded). */
export function list(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export type RevokeOutcome = "revoked" | "already_revoked" | "not_found";

/**
 * Revokes a token of the workspace, audited as `api_token.revoked`. The API reads the token on every request, so the
 * next request with it is refused.
 */
export async function revoke(db: Db, workspaceId: string, id: string, by: Actor): Promise<RevokeOutcome> {
  const token = await db.query.apiTokens.findFirst({
    columns: { name: true, prefix: true, revokedAt: true },
    where: and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id)),
  });
  if (!token) return "not_found";
  if (token.revokedAt !== null) return "already_revoked";
  await runBatch(db, [
    db
      .update(apiTokens)
      .set({ revokedAt: by.now })
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt))),
    audit.entry(db, {
      workspaceId,
      actor: by.actor,
      action: "api_token.revoked",
      targetType: "api_token",
      targetId: id,
      details: { name: token.name, prefix: token.prefix },
      at: by.now,
    }),
  ]);
  return "revoked";
}
