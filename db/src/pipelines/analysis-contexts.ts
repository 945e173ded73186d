/**
 * Compiled analysis contexts, kept in the isolate for the queue consumer and the CSV backfill alike: loading a
 * workspace's rules, profiles and theme centroids and compiling them costs more than analysing a batch (a backfill
 * reloaded them for every chunk of 1,000 rows). A cached context is used while the workspace's analysis fingerprint
 * (one small read) is unchanged and it is under a minute old, so a new touchpoint, rule, theme model or language
 * reaches the next batch or chunk, and anything else within the minute.
 * @module
 */
import { type AnalysisContext, createAnalysisContext } from "@firebreak/core";
import type { Db } from "../client.ts";
import * as workspaces from "../queries/workspaces.ts";

const CONTEXT_TTL_MS = 60_000;
const cached = new Map<string, { at: number; fingerprint: string; context: AnalysisContext | undefined }>();

/** The workspace's compiled analysis context, or undefined when the workspace is gone. */
export async function compiledAnalysisContext(db: Db, workspaceId: string): Promise<AnalysisContext | undefined> {
  const fingerprint = await workspaces.analysisFingerprint(db, workspaceId);
  const hit = cached.get(workspaceId);
  if (hit && hit.fingerprint === fingerprint && Date.now() - hit.at < CONTEXT_TTL_MS) return hit.context;
  const loaded = await workspaces.analysisContext(db, workspaceId);
  const context = loaded && createAnalysisContext(loaded);
  cached.set(workspaceId, { at: Date.now(), fingerprint, context });
  return context;
}

/** Drops cached contexts (tests that change a workspace's rules or themes between deliveries). */
export function forgetAnalysisContexts(): void {
  cached.clear();
}
