/**
 * Where feedback comes from: sources (one per provider connection), every webhook receipt (deliveries) with its raw
 * payload, and CSV/JSONL backfills.
 * @module
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaceRef } from "./auth.ts";
import { journeys, touchpoints } from "./journeys.ts";

export const sources = sqliteTable(
  "sources",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    provider: text("provider").notNull(),
    name: text("name").notNull(),
    journeyId: text("journey_id").references(() => journeys.id, { onDelete: "set null" }),
    /** Where items land when no rule places them. */
    defaultTouchpointId: text("default_touchpoint_id").references(() => touchpoints.id, { onDelete: "set null" }),
    /** AES-GCM ciphertext (`iv.ciphertext`, base64url) under the Worker's SECRETS_KEY; never returned by the API. */
    secretCiphertext: text("secret_ciphertext").notNull(),
    /** Last four characters, so a user can tell which secret is configured. */
    secretHint: text("secret_hint").notNull(),
    /** Provider-specific settings (canonical URL for HubSpot, Google audience and service account, …). */
    settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    /** Generic JSON sources: normalized field → JSON pointer into the payload. */
    fieldMapping: text("field_mapping", { mode: "json" }).$type<Record<string, string>>(),
    status: text("status", { enum: ["active", "paused"] })
      .notNull()
      .default("active"),
    lastDeliveryAt: integer("last_delivery_at"),
    /**
     * Bumped by every change that affects how deliveries are checked (secret, status, settings, mapping, deletion).
     * Webhook receipts are written only if the version the Worker verified against is still current, which is what
     * lets the Worker cache sources without a rotation or pause ever arriving late.
     */
    version: integer("version").notNull().default(1),
    secretRotatedAt: integer("secret_rotated_at"),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("sources_ws_idx").on(t.workspaceId)],
);

/**
 * The API credential a source's enrichment job fetches details with (SurveyMonkey, Qualtrics, HubSpot, Google Business
 * Profile, Front). A table of its own rather than columns on `sources`: source rows are cached by the webhook path and
 * returned by the API, and a credential should travel with neither. Changing it never bumps the source's version.
 */
export const enrichmentCredentials = sqliteTable("enrichment_credentials", {
  sourceId: text("source_id")
    .primaryKey()
    .references(() => sources.id, { onDelete: "cascade" }),
  workspaceId: workspaceRef(),
  /** AES-GCM ciphertext under SECRETS_KEY, as for `sources.secret_ciphertext`; never returned by the API. */
  tokenCiphertext: text("token_ciphertext").notNull(),
  /** Last four characters, so a user can tell which token is configured. */
  tokenHint: text("token_hint").notNull(),
  /** Provider-specific options (Qualtrics datacenter, SurveyMonkey API host, score question, …). */
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  /** `failing` once the provider refused the credential (401/403): nothing is fetched until it is replaced. */
  status: text("status", { enum: ["active", "failing"] })
    .notNull()
    .default("active"),
  lastError: text("last_error"),
  lastErrorAt: integer("last_error_at"),
  /** The provider asked to slow down (429): no fetches for this source before this time. */
  retryAt: integer("retry_at"),
  lastRunAt: integer("last_run_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const DELIVERY_STATUSES = [
  "queued",
  "processing",
  "processed",
  "duplicate",
  "rejected",
  "failed",
  "dead_lettered",
] as const;

/** Every webhook receipt, accepted or not. `(source_id, dedupe_key)` is what makes redeliveries harmless. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    /** The provider's own event id, when it sends one. */
    providerEventId: text("provider_event_id"),
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    reason: text("reason"),
    httpStatus: integer("http_status").notNull(),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
    /** When a consumer claimed it; a claim older than a minute is considered abandoned. */
    claimedAt: integer("claimed_at"),
    /** Milliseconds from receipt to the 2xx (ack) and to the end of processing. */
    ackMs: integer("ack_ms"),
    processMs: integer("process_ms"),
    attempts: integer("attempts").notNull().default(0),
    itemCount: integer("item_count").notNull().default(0),
    rawPayloadId: text("raw_payload_id"),
    /** Set when this receipt repeats an earlier one. */
    duplicateOf: text("duplicate_of"),
  },
  (t) => [
    // Only the first accepted receipt of an event holds the key; duplicates and rejections are logged beside it.
    uniqueIndex("deliveries_dedupe_uq").on(t.sourceId, t.dedupeKey).where(sql`status NOT IN ('duplicate', 'rejected')`),
    index("deliveries_source_time_idx").on(t.workspaceId, t.sourceId, t.receivedAt),
    // Only repeats: erasing a customer finds the repeated receipts of their deliveries, which keep payloads too.
    index("deliveries_duplicate_idx").on(t.duplicateOf).where(sql`duplicate_of IS NOT NULL`),
  ],
);

/** The bytes exactly as received, kept for replay until the workspace's retention ends or the customer is erased. */
export const rawPayloads = sqliteTable(
  "raw_payloads",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    contentType: text("content_type").notNull(),
    /** Headers needed to re-verify or replay (signature headers, event ids); never cookies or authorization. */
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    body: text("body"),
    sizeBytes: integer("size_bytes").notNull(),
    receivedAt: integer("received_at").notNull(),
    erasedAt: integer("erased_at"),
  },
  (t) => [index("raw_payloads_ws_time_idx").on(t.workspaceId, t.receivedAt)],
);

/** CSV/JSONL backfills, processed in chunks with progress. */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    format: text("format", { enum: ["csv", "jsonl"] }).notNull(),
    fileName: text("file_name").notNull(),
    /** The column mapping the rows are read with (a `ColumnMapping` from the core). */
    mapping: text("mapping", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "running", "done", "failed"] }).notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    failedRows: integer("failed_rows").notNull().default(0),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("imports_ws_idx").on(t.workspaceId, t.createdAt)],
);
