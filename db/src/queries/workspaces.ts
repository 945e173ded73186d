/** @module Workspaces and the analysis context of one. */
import { ASSIGN_THRESHOLD, type Retention, type WorkspaceAnalysisData } from "@firebreak/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import {
  journeys,
  themeModels,
  themes,
  touchpointProfiles,
  touchpointRules,
  touchpoints,
  workspaces,
} from "../schema/index.ts";
import * as audit from "./audit.ts";
import { RULE_FIELDS, takesFeedback } from "./placement.ts";
import type { Actor } from "./themes.ts";

export function get(db: Db, workspaceId: string) {
  return db.query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId) });
}

/** How long the workspace keeps raw payloads and feedback items. */
export async function retention(db: Db, workspaceId: string): Promise<Retention | undefined> {
  const [row] = await db
    .select({ rawPayloadDays: workspaces.rawPayloadRetentionDays, itemDays: workspaces.itemRetentionDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row;
}

/**
 * Changes the workspace's retention (already checked against `RETENTION_LIMITS`), audited as
 * `workspace.retention_updated` with the old and new values; the cron applies it from its next tick. False when
 * there is no such workspace.
 */
export async function setRetention(db: Db, workspaceId: string, next: Retention, { actor, now }: Actor) {
  const before = await retention(db, workspaceId);
  if (!before) return false;
  await runBatch(db, [
    db
      .update(workspaces)
      .set({ rawPayloadRetentionDays: next.rawPayloadDays, itemRetentionDays: next.itemDays })
      .where(eq(workspaces.id, workspaceId)),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "workspace.retention_updated",
      targetType: "workspace",
      targetId: workspaceId,
      details: { from: before, to: next },
      at: now,
    }),
  ]);
  return true;
}

export function first(db: Db) {
  return db.query.workspaces.findFirst({ orderBy: asc(workspaces.createdAt) });
}

/**
 * A cheap fingerprint of what analysis reads that a person changes: touchpoints (added, edited, deleted, human
 * moments), journeys archived or restored (their touchpoints leave or rejoin placement), placement rules (added,
 * removed, switched), the theme model and the workspace's languages, country and AI setting. The consumer and the
 * backfill keep a compiled context while this stays the same (`pipelines/analysis-contexts.ts`), so a new touchpoint
 * or rule reaches the very next delivery. (A rule's match edited in place changes none of it; that waits for the
 * context's minute.)
 */
export async function analysisFingerprint(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({
      touchpoints: sql<string>`(select count(*) || ':' || coalesce(max(${touchpoints.updatedAt}), 0) from ${touchpoints} where ${touchpoints.workspaceId} = ${workspaceId})`,
      // Archiving stamps `archived_at` and restoring clears it, so the sum moves either way.
      archived: sql<string>`(select count(${journeys.archivedAt}) || ':' || coalesce(sum(${journeys.archivedAt}), 0) from ${journeys} where ${journeys.workspaceId} = ${workspaceId})`,
      rules: sql<string>`(select count(*) || ':' || coalesce(max(${touchpointRules.createdAt}), 0) || ':' || coalesce(sum(${touchpointRules.enabled}), 0) from ${touchpointRules} where ${touchpointRules.workspaceId} = ${workspaceId})`,
      model: sql<string>`(select coalesce(max(${themeModels.builtAt}), 0) from ${themeModels} where ${themeModels.workspaceId} = ${workspaceId})`,
      settings: sql<string>`${workspaces.languages} || ':' || ${workspaces.country} || ':' || ${workspaces.aiEnabled}`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ? `${row.touchpoints}|${row.archived}|${row.rules}|${row.model}|${row.settings}` : "";
}

/**
 * What analysis needs to know about a workspace, in one round trip: languages and country, touchpoints, the enabled
 * placement rules, the learned touchpoint profiles, and the theme model of the last re-clustering.
 */
export async function analysisContext(db: Db, workspaceId: string): Promise<WorkspaceAnalysisData | undefined> {
  const [workspace, refs, rules, profiles, [model], themeRows] = await db.batch([
    db.query.workspaces.findFirst({
      columns: { languages: true, country: true, aiEnabled: true },
      where: eq(workspaces.id, workspaceId),
    }),
    db
      .select({
        id: touchpoints.id,
        key: touchpoints.key,
        isHumanMoment: touchpoints.isHumanMoment,
        sentimentThreshold: touchpoints.sentimentThreshold,
      })
      .from(touchpoints)
      // Only active current-state journeys take feedback: a future state is a redesign with none of its own, and an
      // archived journey is put away (its items stay; rules and source defaults pointing there place nothing).
      .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), takesFeedback()))
      .where(eq(touchpoints.workspaceId, workspaceId)),
    db
      .select(RULE_FIELDS)
      .from(touchpointRules)
      .where(and(eq(touchpointRules.workspaceId, workspaceId), eq(touchpointRules.enabled, true))),
    db
      .select({
        touchpointId: touchpointProfiles.touchpointId,
        language: touchpointProfiles.language,
        terms: touchpointProfiles.terms,
        sampleCount: touchpointProfiles.sampleCount,
      })
      .from(touchpointProfiles)
      .where(eq(touchpointProfiles.workspaceId, workspaceId)),
    // A plain select: Drizzle's relational `findFirst` fails inside a batch when no row matches.
    db
      .select({
        idf: themeModels.idf,
        unseenIdf: themeModels.unseenIdf,
        threshold: themeModels.threshold,
        backend: themeModels.backend,
        modelId: themeModels.modelId,
      })
      .from(themeModels)
      .where(eq(themeModels.workspaceId, workspaceId)),
    db
      .select({
        id: themes.id,
        centroid: themes.centroid,
        pinned: themes.pinned,
        keywords: themes.keywords,
        negativeShare: themes.negativeShare,
      })
      .from(themes)
      .where(and(eq(themes.workspaceId, workspaceId), eq(themes.status, "active"))),
  ]);
  if (!workspace) return undefined;
  return {
    languages: workspace.languages,
    country: workspace.country,
    touchpoints: refs,
    rules,
    profiles,
    // Pinned themes classify by keywords alone, so they work before the first re-clustering has built a model.
    themeModel:
      model || themeRows.some((t) => t.pinned)
        ? {
            idf: model?.idf ?? {},
            unseenIdf: model?.unseenIdf ?? 1,
            threshold: model?.threshold ?? ASSIGN_THRESHOLD,
            themes: themeRows,
            backend: model?.backend,
            modelId: model?.modelId,
          }
        : undefined,
    aiEnabled: workspace.aiEnabled,
  };
}
