/**
 * The per-source field mapping of a generic JSON webhook: normalized field → RFC 6901 JSON pointer (`/data/comment`)
 * or, for a value not starting with "/", a literal (`"nps"`, `"survey"`).
 * @module
 */
import { z } from "zod";

/** Fields a mapping may set. `items` points at the array of records in a batched body. */
export const MAPPED_FIELDS = [
  "externalId",
  "text",
  "title",
  "score",
  "scale",
  "scaleMin",
  "scaleMax",
  "occurredAt",
  "customerId",
  "customerEmail",
  "channel",
  "tags",
  "touchpointHint",
  "url",
  "language",
  "kind",
  "handledBy",
  "items",
] as const;

export type MappedField = (typeof MAPPED_FIELDS)[number];

const ZTarget = z.string().max(1000);

/** Unknown field names are refused so a typo (`extrenalId`) is reported instead of silently ignored. */
export const ZFieldMapping = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((field) => [field, ZTarget.optional()])) as Record<
    MappedField,
    z.ZodOptional<typeof ZTarget>
  >,
);

/** Normalized field → JSON pointer or literal. `externalId` is required; an empty string counts as not mapped. */
export type FieldMapping = Readonly<Partial<Record<MappedField, string>>>;

/** Something wrong with a mapping or with the value it found, tied to the field and pointer the admin wrote. */
export interface MappingProblem {
  field: string;
  pointer: string;
  message: string;
  /** Index of the record in a batched body, when the problem is in one record. */
  record?: number;
}
