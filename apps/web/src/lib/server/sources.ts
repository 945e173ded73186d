/**
 * Sources as the web app lists them: provider label and webhook URL added, secrets left out.
 * @module
 */
import { FILE_SOURCE, providerLabel } from "@firebreak/core/providers/connect";
import { getProvider } from "@firebreak/core/providers/index";
import type { Db } from "@firebreak/db/client";
import * as sources from "@firebreak/db/queries/sources";

export interface SourceSummary {
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  status: "active" | "paused";
  lastDeliveryAt: number | null;
  createdAt: number;
  webhookUrl: string;
  /** False for file sources (CSV/JSONL uploads only): their URL answers nothing. */
  hasWebhook: boolean;
  /** Whether Firebreak can sign a sample delivery for this provider ("Send a test event"). */
  testable: boolean;
  /** Why it cannot, where only the provider can sign. */
  noTestEvent: string | null;
  /** Who issues the signing secret: rotation generates one (firebreak) or takes the pasted one (provider). */
  secretIssuedBy: "provider" | "firebreak" | null;
  secretHint: string;
  secretRotatedAt: number | null;
  defaultTouchpointId: string | null;
  /** Provider-specific settings; never secrets (the signing secret is its own, encrypted column). */
  settings: Record<string, unknown>;
  fieldMapping: Record<string, string> | null;
}

/** The URL a provider posts to; the same one the ingest API shows. Never carries a secret. */
export function webhookUrl(ingestUrl: string, source: { provider: string; id: string }): string {
  return `${ingestUrl.replace(/\/$/, "")}/webhooks/${encodeURIComponent(source.provider)}/${encodeURIComponent(source.id)}`;
}

export function summarize(row: sources.SourceRow, ingestUrl: string): SourceSummary {
  // toView drops the ciphertext; only the secret's last four characters ever reach a page.
  const view = sources.toView(row);
  const adapter = getProvider(view.provider);
  return {
    id: view.id,
    name: view.name,
    provider: view.provider,
    providerLabel: providerLabel(view.provider),
    status: view.status,
    lastDeliveryAt: view.lastDeliveryAt,
    createdAt: view.createdAt,
    webhookUrl: webhookUrl(ingestUrl, view),
    hasWebhook: view.provider !== FILE_SOURCE.id,
    testable: adapter?.testEvent !== undefined,
    noTestEvent: adapter?.noTestEvent ?? null,
    secretIssuedBy: adapter?.secretIssuedBy ?? null,
    secretHint: view.secretHint,
    secretRotatedAt: view.secretRotatedAt,
    defaultTouchpointId: view.defaultTouchpointId,
    settings: view.settings,
    fieldMapping: view.fieldMapping,
  };
}

/** The workspace's sources, newest first. */
export async function listSources(db: Db, workspaceId: string, ingestUrl: string): Promise<SourceSummary[]> {
  const rows = await sources.list(db, workspaceId);
  return rows.map((row) => summarize(row, ingestUrl));
}

/** One source of the workspace, or `undefined` (another workspace's id included). */
export async function findSource(
  db: Db,
  workspaceId: string,
  id: string,
  ingestUrl: string,
): Promise<SourceSummary | undefined> {
  const row = await sources.get(db, workspaceId, id);
  return row ? summarize(row, ingestUrl) : undefined;
}
