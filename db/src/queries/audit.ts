/** @module The audit log: who did what to which object, per workspace. */
import { newId } from "@firebreak/core";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { auditLog } from "../schema/index.ts";

export interface AuditEntry {
  workspaceId: string;
  /** `user:<id>`, `token:<id>` or `system`. */
  actor: string;
  action: string;
  targetType: string;
  targetId?: string;
  details?: Record<string, unknown>;
  at: number;
}

/** The insert statement, so callers can put it in the same batch as the change it records. */
export function entry(db: Db, { at, targetId, details, ...rest }: AuditEntry) {
  return db
    .insert(auditLog)
    .values({ id: newId("aud", at), ...rest, targetId: targetId ?? null, details: details ?? {}, createdAt: at });
}

/** The workspace's latest entries of `actions`, newest first. */
export function latest(db: Db, workspaceId: string, actions: readonly string[], limit = 10) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), inArray(auditLog.action, [...actions])))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
