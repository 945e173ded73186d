/**
 * The words the upload page uses for the column mapping: each normalized field with a label and a hint, the scales
 * and kinds, and which fields a usable mapping needs (the rules of core `mapRow`).
 * @module
 */
import type { ColumnMapping, ItemKind, MappedField, PresetName, Scale } from "./types.ts";

export interface FieldInfo {
  field: MappedField;
  label: string;
  hint: string;
  /** Shown first; the rest sit under "More fields". */
  primary: boolean;
}

export const FIELDS: readonly FieldInfo[] = [
  { field: "externalId", label: "Row id", hint: "Required. Unique per row; re-uploads match on it.", primary: true },
  {
    field: "text",
    label: "Feedback text",
    hint: "The comment or ticket body. Redacted before it is stored.",
    primary: true,
  },
  { field: "score", label: "Score", hint: "A rating; read with the scale below.", primary: true },
  { field: "occurredAt", label: "Created at", hint: "Rows without a date get the import's start time.", primary: true },
  { field: "title", label: "Subject", hint: "Redacted like the text.", primary: true },
  { field: "customerEmail", label: "Customer email", hint: "Only a keyed hash is stored.", primary: true },
  { field: "customerId", label: "Customer id", hint: "Only a keyed hash is stored.", primary: true },
  { field: "tags", label: "Tags", hint: "Split on the separator of the export.", primary: true },
  {
    field: "updatedAt",
    label: "Updated at",
    hint: "A newer version of a row replaces the stored one.",
    primary: false,
  },
  { field: "channel", label: "Channel", hint: "email, chat, phone, web…", primary: false },
  { field: "status", label: "Status", hint: "open, solved…", primary: false },
  {
    field: "touchpoint",
    label: "Touchpoint",
    hint: "A touchpoint id or key; else the source's default.",
    primary: false,
  },
  { field: "language", label: "Language", hint: "An ISO code; else it is detected.", primary: false },
  { field: "url", label: "Link", hint: "Where the original lives.", primary: false },
  {
    field: "handledBy",
    label: "Handled by",
    hint: "bot, macro, automation or human; a bot or macro at a human moment raises an alert.",
    primary: false,
  },
  {
    field: "parentExternalId",
    label: "Parent id",
    hint: "The conversation or ticket a row belongs to.",
    primary: false,
  },
];

export const SCALES: ReadonlyArray<{ value: Scale; label: string }> = [
  { value: "none", label: "No score" },
  { value: "nps", label: "NPS (0–10)" },
  { value: "csat5", label: "CSAT (1–5)" },
  { value: "csat3", label: "CSAT (1–3)" },
  { value: "stars5", label: "Stars (1–5)" },
  { value: "ces7", label: "Effort score (1–7)" },
  { value: "thumbs", label: "Thumbs (0/1, Good/Bad)" },
];

export const KINDS: ReadonlyArray<{ value: ItemKind; label: string }> = [
  { value: "ticket", label: "Support tickets" },
  { value: "survey", label: "Survey responses" },
  { value: "review", label: "Reviews" },
  { value: "message", label: "Chat conversations" },
];

export const PRESET_LABELS: Record<PresetName, string> = {
  zendesk: "Zendesk",
  freshdesk: "Freshdesk",
  intercom: "Intercom",
};

/** Why the mapping cannot be imported yet, or `null` when it can. */
export function mappingProblem(mapping: Pick<ColumnMapping, "columns">): string | null {
  if (!mapping.columns.externalId) return "Choose the column with each row's id.";
  if (!mapping.columns.text && !mapping.columns.score) return "Choose a text column, a score column, or both.";
  return null;
}
