/**
 * Feedback after analysis: customers, items, themes and the daily rollups the map reads.
 * @module
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaceRef } from "./auth.ts";
import { deliveries, sources } from "./ingestion.ts";
import { touchpoints } from "./journeys.ts";

/**
 * One row per customer per workspace. Only keyed hashes of identifiers are kept, so items can be joined into
 * repeat-contact chains and erased on request without storing who the customer is.
 */
export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    /** HMAC-SHA-256 of the provider's customer id or email, keyed per workspace. */
    keyHash: text("key_hash").notNull(),
    /** HMAC-SHA-256 of the lower-cased email, so "erase alice@example.com" finds her. */
    emailHash: text("email_hash"),
    /** Non-identifying attributes used by segments (plan, tier, market). */
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    itemCount: integer("item_count").notNull().default(0),
  },
  (t) => [
    uniqueIndex("customers_key_uq").on(t.workspaceId, t.keyHash),
    index("customers_email_idx").on(t.workspaceId, t.emailHash),
  ],
);

export const SCALES = ["nps", "csat5", "csat3", "stars5", "ces7", "thumbs", "custom", "none"] as const;
export const TOUCHPOINT_METHODS = ["rule", "fallback", "manual", "hint", "default", "unassigned"] as const;

/** A normalized, redacted, analysed piece of feedback: a survey response, a review, a ticket or a message. */
export const feedbackItems = sqliteTable(
  "feedback_items",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    deliveryId: text("delivery_id").references(() => deliveries.id, { onDelete: "set null" }),
    /** The provider's id for the response/review/ticket; unique per source so replays update, not duplicate. */
    externalId: text("external_id").notNull(),
    parentExternalId: text("parent_external_id"),
    kind: text("kind", { enum: ["survey", "review", "ticket", "message"] }).notNull(),
    channel: text("channel").notNull(),
    title: text("title"),
    /** Redacted before it is stored: the original text never reaches D1. */
    text: text("text").notNull(),
    /** The text was longer than the stored cap (`TEXT_CAP`) and was cut. */
    textTruncated: integer("text_truncated", { mode: "boolean" }).notNull().default(false),
    redactions: text("redactions", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
    score: real("score"),
    scale: text("scale", { enum: SCALES }).notNull().default("none"),
    /** Bounds of a `custom` scale. */
    scaleMin: real("scale_min"),
    scaleMax: real("scale_max"),
    customerId: text("customer_id").references(() => customers.id, { onDelete: "set null" }),
    language: text("language").notNull().default("und"),
    sentiment: real("sentiment").notNull().default(0),
    sentimentLabel: text("sentiment_label", { enum: ["negative", "neutral", "positive"] })
      .notNull()
      .default("neutral"),
    sentimentConfidence: real("sentiment_confidence").notNull().default(0),
    touchpointId: text("touchpoint_id").references(() => touchpoints.id, { onDelete: "set null" }),
    touchpointConfidence: real("touchpoint_confidence").notNull().default(0),
    touchpointMethod: text("touchpoint_method", { enum: TOUCHPOINT_METHODS }).notNull().default("unassigned"),
    /** Primary theme; secondary links live in `item_themes`. Rollups count an item once, under this theme. */
    themeId: text("theme_id"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    status: text("status"),
    /** Link to the original ticket, review or response. */
    url: text("url"),
    /** Escalation rules that fired (ids); empty when none. */
    escalations: text("escalations", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** A bot, macro or automation handled this ticket, as the provider's fields show (`{ kind, evidence }`). */
    handledBy: text("handled_by", { mode: "json" }).$type<{ kind: "bot" | "macro" | "automation"; evidence: string }>(),
    /** Set when the same customer contacted about the same touchpoint within the repeat window. */
    repeatOfItemId: text("repeat_of_item_id"),
    /** Friction this item contributes to its touchpoint, in [0, 1]. */
    friction: real("friction").notNull().default(0),
    analysisVersion: integer("analysis_version").notNull().default(1),
    /** The provider's event id for the latest revision. */
    eventId: text("event_id"),
    /** The provider sent ids or a preview only; the enrichment job fills in the details. */
    needsEnrichment: integer("needs_enrichment", { mode: "boolean" }).notNull().default(false),
    /** Fetches of the details that failed and will be retried (rate limits do not count). */
    enrichmentAttempts: integer("enrichment_attempts").notNull().default(0),
    /** Not to be fetched before this time: a retry's backoff, or a running job's lease. */
    enrichmentNextAt: integer("enrichment_next_at"),
    /** Why the last fetch of the details failed. */
    enrichmentError: text("enrichment_error"),
    /** The provider no longer has the details (deleted, 404) or they could not be fetched: never retried. */
    enrichmentUnavailableAt: integer("enrichment_unavailable_at"),
    occurredAt: integer("occurred_at").notNull(),
    /** When the stored revision was produced; a later revision of the same external id replaces it. */
    revisionAt: integer("revision_at").notNull(),
    receivedAt: integer("received_at").notNull(),
    erasedAt: integer("erased_at"),
    /**
     * A "Send a test event" sample: stored and analysed like any item, shown on its source's page, but never counted
     * (no rollups, theme or repeat link) and left out of the lists people work from.
     */
    isTest: integer("is_test", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("feedback_items_external_uq").on(t.sourceId, t.externalId),
    index("feedback_items_touchpoint_time_idx").on(t.workspaceId, t.touchpointId, t.occurredAt),
    index("feedback_items_time_idx").on(t.workspaceId, t.occurredAt),
    index("feedback_items_customer_idx").on(t.workspaceId, t.customerId, t.occurredAt),
    // What SQLite's foreign key reads when a customer row is deleted (erasure, retention): without it, every deleted
    // customer scans every item. Partial, so items without a customer cost nothing.
    index("feedback_items_customer_fk_idx").on(t.customerId).where(sql`customer_id IS NOT NULL`),
    // Removing an item (erasure, retention) finds the later contacts that repeated it; only repeats are indexed.
    index("feedback_items_repeat_of_idx").on(t.repeatOfItemId).where(sql`repeat_of_item_id IS NOT NULL`),
    index("feedback_items_theme_idx").on(t.workspaceId, t.themeId, t.occurredAt),
    // Only the items still waiting for their details: the enrichment job's queue, small however many items exist.
    index("feedback_items_enrichment_idx")
      .on(t.workspaceId, t.sourceId, t.enrichmentNextAt)
      .where(sql`needs_enrichment = 1 AND enrichment_unavailable_at IS NULL`),
    // Only repeat contacts: the map's active-chain badge reads the last 14 days of them without the other ~90%.
    // Covering (every column the badge and the repeat counts read) so those reads never visit the table itself:
    // at a million items that was 3 µs per repeat contact, the map's slowest statement.
    index("feedback_items_repeat_idx")
      .on(
        t.workspaceId,
        t.touchpointId,
        t.occurredAt,
        t.customerId,
        t.themeId,
        t.id,
        t.erasedAt,
        t.isTest,
        t.repeatOfItemId,
      )
      .where(sql`repeat_of_item_id IS NOT NULL`),
    // Only escalated items, and only items still waiting for their details: a touchpoint page lists the newest of
    // each, and without these it read every item of the touchpoint in range to find the few (or none).
    index("feedback_items_escalated_idx")
      .on(t.workspaceId, t.touchpointId, t.occurredAt)
      .where(sql`json_array_length(escalations) > 0`),
    index("feedback_items_awaiting_idx")
      .on(t.workspaceId, t.touchpointId, t.occurredAt)
      .where(sql`needs_enrichment = 1`),
    // Only test items: a source page's latest test results, without touching the real items.
    index("feedback_items_test_idx").on(t.workspaceId, t.sourceId, t.receivedAt).where(sql`is_test = 1`),
  ],
);

/** Earlier revisions of an item (an edited review, an updated ticket): what was replaced, already redacted. */
export const itemRevisions = sqliteTable(
  "item_revisions",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    itemId: text("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    revisionAt: integer("revision_at").notNull(),
    title: text("title"),
    text: text("text").notNull(),
    score: real("score"),
    sentiment: real("sentiment").notNull(),
    status: text("status"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    replacedAt: integer("replaced_at").notNull(),
  },
  (t) => [
    index("item_revisions_item_idx").on(t.workspaceId, t.itemId, t.revisionAt),
    // What SQLite's foreign key reads when an item is deleted; without it, every deleted item scans every revision.
    index("item_revisions_item_fk_idx").on(t.itemId),
  ],
);

/**
 * Deliveries that carried a version of an item other than the one `feedback_items.delivery_id` names: the delivery
 * of every version a revision replaced, and of versions that changed nothing (older or repeated). Written only when
 * an item is seen again, so most items have no row here. Erasing a customer deletes the raw payloads of all of them.
 */
export const itemDeliveries = sqliteTable(
  "item_deliveries",
  {
    itemId: text("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    deliveryId: text("delivery_id").notNull(),
    workspaceId: text("workspace_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.deliveryId] })],
);

/** A recurring issue. Ids are stable across re-clustering; merges point at the surviving theme. */
export const themes = sqliteTable(
  "themes",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: ["candidate", "active", "merged", "archived"] })
      .notNull()
      .default("active"),
    /** A pinned theme is a stable classifier: its keywords per language decide membership. */
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    /** A person named this theme: re-clustering keeps the label instead of relabelling it. */
    labelLocked: integer("label_locked", { mode: "boolean" }).notNull().default(false),
    /** The most distinctive phrases of its items, as customers wrote them, most distinctive first. */
    phrases: text("phrases", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Negative share of its opinionated items at the last re-clustering: a complaint theme informs sentiment. */
    negativeShare: real("negative_share").notNull().default(0),
    /** Items per language in the last re-clustering window. */
    languages: text("languages", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
    mergedIntoId: text("merged_into_id"),
    keywords: text("keywords", { mode: "json" }).$type<Record<string, string[]>>().notNull().default({}),
    /** Top terms with weights: the centroid items are compared with at ingest. */
    centroid: text("centroid", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
    itemCount: integer("item_count").notNull().default(0),
    firstSeenAt: integer("first_seen_at"),
    lastSeenAt: integer("last_seen_at"),
    /** When a fix for this issue shipped; review sessions compare before and after it. */
    fixShippedAt: integer("fix_shipped_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("themes_ws_idx").on(t.workspaceId, t.status)],
);

/**
 * What a workspace's last re-clustering left for ingest: the term weights (IDF) its theme centroids were built with.
 * One row per workspace; the centroids themselves live on `themes`.
 */
export const themeModels = sqliteTable("theme_models", {
  workspaceId: workspaceRef().primaryKey(),
  /** `local` (TF-IDF over stemmed terms) or `workers-ai`; vectors of different backends are never compared. */
  backend: text("backend").notNull().default("local"),
  modelId: text("model_id").notNull().default("tfidf-stem-v1"),
  idf: text("idf", { mode: "json" }).$type<Record<string, number>>().notNull(),
  unseenIdf: real("unseen_idf").notNull(),
  threshold: real("threshold").notNull(),
  /** Items the model was built from, and when. */
  itemCount: integer("item_count").notNull(),
  builtAt: integer("built_at").notNull(),
  /** How long the last re-clustering took, for the operations page. */
  buildMs: integer("build_ms").notNull().default(0),
});

export const itemThemes = sqliteTable(
  "item_themes",
  {
    itemId: text("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    themeId: text("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    similarity: real("similarity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.themeId] }), index("item_themes_theme_idx").on(t.workspaceId, t.themeId)],
);

/** The counters every rollup grain keeps; `daily_rollups` and `touchpoint_days` share them. */
const rollupCounters = () => ({
  itemCount: integer("item_count").notNull().default(0),
  negativeCount: integer("negative_count").notNull().default(0),
  sentimentSum: real("sentiment_sum").notNull().default(0),
  frictionSum: real("friction_sum").notNull().default(0),
  /** Score normalized to [0, 1], summed over items that carry a score. */
  scoreSum: real("score_sum").notNull().default(0),
  scoreCount: integer("score_count").notNull().default(0),
  detractorCount: integer("detractor_count").notNull().default(0),
  escalationCount: integer("escalation_count").notNull().default(0),
  repeatCount: integer("repeat_count").notNull().default(0),
});

/** The counters a recurring-issues read needs. */
const issueCounters = () => ({
  itemCount: integer("item_count").notNull().default(0),
  negativeCount: integer("negative_count").notNull().default(0),
  frictionSum: real("friction_sum").notNull().default(0),
});

/**
 * Per day × touchpoint × theme × source × channel × language counters: the map, the spike detector and review
 * sessions read these (or the coarser tables below), never the items, so a million items draw as fast as a
 * thousand. Empty string stands for "none" in the key.
 *
 * Migration 0007's triggers keep the coarser grains below equal to sums of these rows on every insert, update and
 * delete, whoever writes. A migration that rebuilds this table (create new, copy, drop, rename) drops the triggers
 * with it and must create them again; `test/worker/coarse-rollups.test.ts` fails if they are missing.
 */
export const dailyRollups = sqliteTable(
  "daily_rollups",
  {
    workspaceId: text("workspace_id").notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    touchpointId: text("touchpoint_id").notNull(),
    themeId: text("theme_id").notNull(),
    sourceId: text("source_id").notNull(),
    /** The items' channel and language, so the map filters on them from rollups too. */
    channel: text("channel").notNull().default(""),
    language: text("language").notNull().default(""),
    ...rollupCounters(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.day, t.touchpointId, t.themeId, t.sourceId, t.channel, t.language] }),
    index("daily_rollups_touchpoint_idx").on(t.workspaceId, t.touchpointId, t.day),
  ],
);

/**
 * `daily_rollups` summed per touchpoint × day (kept by triggers): what an unfiltered map reads, about 1/16 of the
 * rows at scale.
 */
export const touchpointDays = sqliteTable(
  "touchpoint_days",
  {
    workspaceId: text("workspace_id").notNull(),
    touchpointId: text("touchpoint_id").notNull(),
    day: text("day").notNull(),
    ...rollupCounters(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.touchpointId, t.day] })],
);

/** `daily_rollups` summed per touchpoint × theme × day (kept by triggers): a touchpoint's recurring issues. */
export const touchpointThemeDays = sqliteTable(
  "touchpoint_theme_days",
  {
    workspaceId: text("workspace_id").notNull(),
    touchpointId: text("touchpoint_id").notNull(),
    themeId: text("theme_id").notNull(),
    day: text("day").notNull(),
    ...issueCounters(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.touchpointId, t.themeId, t.day] })],
);

/**
 * `daily_rollups` summed per journey × theme × day (kept by triggers, the journey looked up from the touchpoint):
 * ranking a journey's recurring issues reads at most themes × 90 rows. `journey_id` is `''` for unassigned items.
 */
export const journeyThemeDays = sqliteTable(
  "journey_theme_days",
  {
    workspaceId: text("workspace_id").notNull(),
    journeyId: text("journey_id").notNull(),
    themeId: text("theme_id").notNull(),
    day: text("day").notNull(),
    ...issueCounters(),
  },
  // Day before theme: ranking a journey's themes reads just the window's days.
  (t) => [primaryKey({ columns: [t.workspaceId, t.journeyId, t.day, t.themeId] })],
);

/** Items per journey × channel × day (kept by triggers): the channels a map's filter offers. */
export const journeyChannelDays = sqliteTable(
  "journey_channel_days",
  {
    workspaceId: text("workspace_id").notNull(),
    journeyId: text("journey_id").notNull(),
    channel: text("channel").notNull(),
    day: text("day").notNull(),
    itemCount: integer("item_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.journeyId, t.channel, t.day] })],
);

/**
 * A saved segment's rollups per touchpoint × theme × day, built from the items (a segment is about customers and
 * tags, which rollups do not keep) by `pipelines/segment-days.ts` and read by the map for the days whose build is
 * still valid: a segment view at a million items then sums these instead of grouping every item in range.
 */
export const segmentDays = sqliteTable(
  "segment_days",
  {
    workspaceId: text("workspace_id").notNull(),
    segmentId: text("segment_id").notNull(),
    touchpointId: text("touchpoint_id").notNull(),
    day: text("day").notNull(),
    themeId: text("theme_id").notNull(),
    ...rollupCounters(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.touchpointId, t.day, t.themeId] })],
);

/** When a segment's day was last built; the build is valid while the day has not changed since (`rollup_changed_days`). */
export const segmentDayBuilds = sqliteTable(
  "segment_day_builds",
  {
    workspaceId: text("workspace_id").notNull(),
    segmentId: text("segment_id").notNull(),
    day: text("day").notNull(),
    /** Epoch ms, from SQLite's clock in the build's own transaction, so it orders against the triggers' stamps. */
    builtAt: integer("built_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.day] })],
);

/**
 * When each day's rollups last changed (stamped by triggers on `daily_rollups`, migration 0009): any new, revised,
 * moved or erased item changes its day's rollups, so a segment's build of that day is stale from then on.
 */
export const rollupChangedDays = sqliteTable(
  "rollup_changed_days",
  {
    workspaceId: text("workspace_id").notNull(),
    day: text("day").notNull(),
    /** Epoch ms, SQLite's clock. */
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);
