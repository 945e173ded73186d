/**
 * CSV/JSONL backfills: a column mapping turns each exported row into normalized feedback, so imported rows take
 * exactly the path webhook items take (normalization, deduplication by external id, analysis).
 * @module
 */
import { z } from "zod";
import { detectAutomation, handledByValue } from "../analysis/automation.ts";
import { type ItemKind, type NormalizedFeedback, type Scale, ZItemKind, ZScale } from "../model.ts";
import { parseProviderTime } from "../providers/time.ts";

export const MAPPED_FIELDS = [
  "externalId",
  "parentExternalId",
  "title",
  "text",
  "score",
  "occurredAt",
  "updatedAt",
  "customerId",
  "customerEmail",
  "channel",
  "tags",
  "status",
  "url",
  "touchpoint",
  "language",
  "handledBy",
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const ZColumnMapping = z.object({
  /** Normalized field → the column (CSV header or JSONL key) it comes from. */
  columns: z.partialRecord(z.enum(MAPPED_FIELDS), z.string().min(1).max(200)),
  kind: ZItemKind.default("ticket"),
  channel: z.string().min(1).max(50).default("email"),
  scale: ZScale.default("none"),
  /**
   * Words some exports use for scores (Zendesk "Good"/"Bad"), matched case-insensitively; `null` marks a word that
   * means "not rated" (Zendesk "Offered"), so the row is kept without a score instead of refused.
   */
  scoreWords: z.record(z.string().max(50), z.number().nullable()).optional(),
  tagSeparator: z.string().min(1).max(5).default(","),
});
export type ColumnMapping = z.infer<typeof ZColumnMapping>;

export type RowResult = { ok: true; feedback: NormalizedFeedback } | { ok: false; reason: string };

const cell = (row: Record<string, unknown>, column: string | undefined): string | undefined => {
  if (!column) return undefined;
  const value = row[column];
  if (value === null || value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : String(value);
  return text === "" ? undefined : text;
};

function readScore(raw: string | undefined, mapping: ColumnMapping): number | undefined | "invalid" {
  if (raw === undefined) return undefined;
  const words = mapping.scoreWords ?? {};
  const lower = raw.toLowerCase();
  const word = Object.hasOwn(words, lower) ? words[lower] : findWord(lower, words);
  if (word === null) return undefined;
  if (word !== undefined) return word;
  const number = Number(raw.replace(",", "."));
  return Number.isFinite(number) ? number : "invalid";
}

function findWord(lower: string, words: Record<string, number | null>) {
  for (const [word, score] of Object.entries(words)) if (lower.startsWith(word.toLowerCase())) return score;
  return undefined;
}

/**
 * Maps one exported row. Rows without an id, or with neither text nor a score, are refused with a reason; a row
 * without a usable date takes `fallbackTime` (the import's start), so a re-import dedupes instead of drifting.
 */
export function mapRow(row: Record<string, unknown>, mapping: ColumnMapping, fallbackTime: number): RowResult {
  const { columns } = mapping;
  const externalId = cell(row, columns.externalId);
  if (!externalId) return { ok: false, reason: `missing id (column "${columns.externalId ?? "?"}")` };
  const text = cell(row, columns.text) ?? "";
  const score = readScore(cell(row, columns.score), mapping);
  if (score === "invalid") return { ok: false, reason: `score is not a number (column "${columns.score}")` };
  if (!text && score === undefined) return { ok: false, reason: "row has neither text nor a score" };
  const scale: Scale = score === undefined ? "none" : mapping.scale;
  const occurredAt = parseProviderTime(cell(row, columns.occurredAt)) ?? fallbackTime;
  const tags = cell(row, columns.tags)
    ?.split(mapping.tagSeparator)
    .map((t) => t.trim())
    .filter(Boolean);
  const handler = cell(row, columns.handledBy);
  const handledBy = handler === undefined ? undefined : handledByValue("Import", columns.handledBy ?? "", handler);
  if (handledBy === undefined && handler !== undefined) {
    return {
      ok: false,
      reason: `"${handler.slice(0, 40)}" is not bot, macro, automation or human (column "${columns.handledBy}")`,
    };
  }
  return {
    ok: true,
    feedback: {
      externalId,
      parentExternalId: cell(row, columns.parentExternalId),
      kind: mapping.kind as ItemKind,
      channel: cell(row, columns.channel)?.toLowerCase() ?? mapping.channel,
      title: cell(row, columns.title),
      text,
      score,
      scale,
      customerId: cell(row, columns.customerId),
      customerEmail: cell(row, columns.customerEmail),
      tags: tags ?? [],
      status: cell(row, columns.status)?.toLowerCase(),
      url: cell(row, columns.url),
      touchpointHint: cell(row, columns.touchpoint),
      language: cell(row, columns.language),
      // The export's own column decides when mapped (`human` clears it); otherwise its tags may show automation.
      handledBy: handledBy === null ? undefined : (handledBy ?? detectAutomation({ provider: "Import", tags })),
      occurredAt,
      revisionAt: parseProviderTime(cell(row, columns.updatedAt)) ?? occurredAt,
    },
  };
}
