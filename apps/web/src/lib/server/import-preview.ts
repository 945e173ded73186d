/**
 * The upload page's preview: which export a header row is, a starting column mapping for files that match none, and
 * the first rows as Firebreak will store them (mapped by core `mapRow`, redacted and analysed by core `analyzeItem`).
 * Pure: the endpoint passes the workspace's analysis context in.
 * @module
 */

import { type AnalysisContext, analyzeItem } from "@firebreak/core/analysis/analyze";
import { type ColumnMapping, MAPPED_FIELDS, type MappedField, mapRow } from "@firebreak/core/backfill/mapping";
import { detectPreset, PRESETS } from "@firebreak/core/backfill/presets";
import { customerKeyHash } from "@firebreak/core/crypto";
import type { Scale } from "@firebreak/core/model";
import type { PresetName, PreviewRow, WireRow } from "../import/types.ts";

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Points a mapping at the file's own spelling of each column: presets name columns as the help desk exports them,
 * files differ in case and stray spaces, and `mapRow` reads cells by exact key.
 */
export function alignToHeaders(mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const byLower = new Map(headers.map((h) => [h.trim().toLowerCase(), h]));
  const columns: ColumnMapping["columns"] = {};
  for (const [field, column] of Object.entries(mapping.columns) as Array<[MappedField, string | undefined]>) {
    if (column)
      columns[field] = headers.includes(column) ? column : (byLower.get(column.trim().toLowerCase()) ?? column);
  }
  return { ...mapping, columns };
}

/** Header names (squashed: lower case, letters and digits) each field is commonly exported under, best first. */
const ALIASES: Record<MappedField, readonly string[]> = {
  externalId: [
    "id",
    "externalid",
    "ticketid",
    "ticket",
    "ticketnumber",
    "responseid",
    "reviewid",
    "conversationid",
    "feedbackid",
    "uuid",
    "key",
  ],
  parentExternalId: ["parentid", "threadid", "parentexternalid"],
  title: ["title", "subject", "headline", "summary"],
  text: [
    "text",
    "comment",
    "comments",
    "feedback",
    "message",
    "body",
    "description",
    "review",
    "content",
    "answer",
    "note",
    "notes",
    "remark",
    "verbatim",
  ],
  score: ["score", "rating", "nps", "npsscore", "csat", "csatscore", "stars", "satisfaction", "satisfactionscore"],
  occurredAt: [
    "createdat",
    "created",
    "occurredat",
    "submittedat",
    "submitted",
    "date",
    "datetime",
    "timestamp",
    "time",
  ],
  updatedAt: ["updatedat", "updated", "modifiedat", "lastupdated", "lastupdatedat"],
  customerId: ["customerid", "userid", "contactid", "requesterid", "clientid", "accountid"],
  customerEmail: ["email", "customeremail", "useremail", "requesteremail", "emailaddress", "contactemail"],
  channel: ["channel", "via", "medium"],
  tags: ["tags", "tag", "labels"],
  status: ["status", "state"],
  url: ["url", "link", "permalink"],
  touchpoint: ["touchpoint", "touchpointkey", "touchpointid"],
  language: ["language", "lang", "locale"],
  handledBy: ["handledby", "answeredby", "automation"],
};

/** A first mapping for a file that matches no preset, from common header names; each column is used once. */
export function guessColumns(headers: readonly string[]): ColumnMapping["columns"] {
  const bySquashed = new Map<string, string>();
  for (const header of headers) if (!bySquashed.has(squash(header))) bySquashed.set(squash(header), header);
  const used = new Set<string>();
  const columns: ColumnMapping["columns"] = {};
  for (const field of MAPPED_FIELDS) {
    const header = ALIASES[field].map((alias) => bySquashed.get(alias)).find((h) => h !== undefined && !used.has(h));
    if (header) {
      columns[field] = header;
      used.add(header);
    }
  }
  return columns;
}

/** The rating scale the sample scores fit, or `none` when there are no numeric scores. */
export function guessScale(values: ReadonlyArray<unknown>): Scale {
  const numbers = values
    .map((v) => (typeof v === "number" ? v : typeof v === "string" && v.trim() ? Number(v.replace(",", ".")) : NaN))
    .filter((n) => Number.isFinite(n));
  if (numbers.length === 0) return "none";
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const integers = numbers.every(Number.isInteger);
  if (integers && min >= 0 && max <= 1) return "thumbs";
  if (integers && min >= 1 && max <= 5) return "csat5";
  if (integers && min >= 1 && max <= 7) return "ces7";
  if (integers && min >= 0 && max <= 10) return "nps";
  return "none";
}

/** The preset the header row matches, aligned to the file's spelling; else a guess from common header names. */
export function suggestMapping(
  headers: readonly string[],
  sample: readonly WireRow[],
): { preset: PresetName | null; mapping: ColumnMapping } {
  const preset = detectPreset(headers);
  if (preset) {
    // Columns this export lacks (exports vary with the account's fields) start unmapped instead of "missing".
    const aligned = alignToHeaders(PRESETS[preset], headers);
    const columns = Object.fromEntries(Object.entries(aligned.columns).filter(([, c]) => c && headers.includes(c)));
    return { preset, mapping: { ...aligned, columns } };
  }
  const columns = guessColumns(headers);
  const scale = columns.score ? guessScale(sample.map((row) => row[columns.score as string])) : "none";
  return { preset: null, mapping: { columns, kind: "survey", channel: "web", scale, tagSeparator: "," } };
}

/** Mapped columns that the header row does not have (a typo, or a mapping made for another export). */
export function missingColumns(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const present = new Set(headers);
  return [...new Set(Object.values(mapping.columns))].filter((c): c is string => !!c && !present.has(c));
}

export interface PreviewContext {
  analysis: AnalysisContext;
  /** Touchpoint id → key, to name where an item would land. */
  touchpointKeys: ReadonlyMap<string, string>;
  secretsKey: string;
  workspaceId: string;
  /** Stands in for the import's start time, which undated rows take. */
  now: number;
}

/**
 * The rows as they would be stored: `mapRow`, then the analysis every item goes through (redaction first). Customer
 * identifiers are shown only as the start of their keyed hash, which is all Firebreak keeps of them.
 */
export function previewRows(
  rows: readonly WireRow[],
  mapping: ColumnMapping,
  context: PreviewContext,
  firstRow = 1,
): PreviewRow[] {
  return rows.map((raw, index) => {
    const row = firstRow + index;
    const mapped = mapRow(raw, mapping, context.now);
    if (!mapped.ok) return { ok: false, row, reason: mapped.reason };
    const { feedback } = mapped;
    const analyzed = analyzeItem(feedback, context.analysis);
    const identifier = feedback.customerId ?? feedback.customerEmail;
    const touchpointId = analyzed.placement.touchpointId;
    return {
      ok: true,
      row,
      externalId: feedback.externalId,
      title: analyzed.title ?? null,
      text: analyzed.text,
      textTruncated: analyzed.textTruncated,
      redactions: analyzed.redactions as Record<string, number>,
      score: feedback.score ?? null,
      scale: feedback.scale,
      occurredAt: feedback.occurredAt,
      undated: feedback.occurredAt === context.now,
      customer: feedback.customerId ? "id" : feedback.customerEmail ? "email" : null,
      customerRef: identifier ? customerKeyHash(context.secretsKey, context.workspaceId, identifier).slice(0, 8) : null,
      channel: feedback.channel,
      language: analyzed.language,
      sentiment: Math.round(analyzed.sentiment.score * 100) / 100,
      touchpoint: touchpointId ? (context.touchpointKeys.get(touchpointId) ?? touchpointId) : null,
      tags: feedback.tags.slice(0, 8),
    };
  });
}
