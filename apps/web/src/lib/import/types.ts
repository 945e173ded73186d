/**
 * What the import endpoints answer, shared by the server and the upload page. Types only, so the page bundles no
 * zod and no core code.
 * @module
 */
import type { ColumnMapping, MappedField } from "@firebreak/core/backfill/mapping";
import type { PresetName } from "@firebreak/core/backfill/presets";
import type { ItemKind, Scale } from "@firebreak/core/model";

export type { ColumnMapping, ItemKind, MappedField, PresetName, Scale };

/** One exported row as it travels to the server: column → cell. */
export type WireRow = Record<string, string | number | boolean | null>;

export type FileFormat = "csv" | "jsonl";

/** One row of the preview, as Firebreak will store it (text and title already redacted). */
export type PreviewRow =
  | {
      ok: true;
      /** 1-based position among the file's data rows. */
      row: number;
      externalId: string;
      title: string | null;
      text: string;
      textTruncated: boolean;
      /** What redaction replaced, by kind (`email: 1`). */
      redactions: Record<string, number>;
      score: number | null;
      scale: Scale;
      occurredAt: number;
      /** The row had no usable date: the import's start time is used. */
      undated: boolean;
      /** How the customer is linked. Only a keyed hash is stored; `customerRef` is its first characters. */
      customer: "id" | "email" | null;
      customerRef: string | null;
      channel: string;
      language: string;
      sentiment: number;
      touchpoint: string | null;
      tags: string[];
    }
  | { ok: false; row: number; reason: string };

export interface PreviewResponse {
  /** The export the header row matches, or `null` for a custom file. */
  preset: PresetName | null;
  mapping: ColumnMapping;
  rows: PreviewRow[];
  /** Mapped columns that are not in the file's header row. */
  missingColumns: string[];
}

export interface ImportJob {
  id: string;
  sourceId: string;
  fileName: string;
  format: FileFormat;
  status: "pending" | "running" | "done" | "failed";
  totalRows: number;
  processedRows: number;
  failedRows: number;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

/** The answer to one chunk of rows. */
export interface ChunkResponse {
  inserted: number;
  updated: number;
  skipped: number;
  failed: number;
  /** The first rows that could not be mapped, by index within the chunk. */
  failures: Array<{ index: number; reason: string }>;
}

export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string };
}
