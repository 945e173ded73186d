/**
 * Journey maps: journeys → stages → touchpoints, the rules that place feedback on a touchpoint, and saved segments.
 * @module
 */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaceRef } from "./auth.ts";

export const journeys = sqliteTable(
  "journeys",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** A future-state journey is a copy of a current one (`basedOnJourneyId`) that the team redesigns. */
    state: text("state", { enum: ["current", "future"] })
      .notNull()
      .default("current"),
    basedOnJourneyId: text("based_on_journey_id"),
    position: integer("position").notNull().default(0),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("journeys_ws_idx").on(t.workspaceId, t.position)],
);

export const stages = sqliteTable(
  "stages",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    journeyId: text("journey_id")
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull(),
    /** In a future-state journey: the current-state stage this one was copied from (the compare page matches on it). */
    basedOnStageId: text("based_on_stage_id"),
  },
  (t) => [index("stages_journey_idx").on(t.workspaceId, t.journeyId, t.position)],
);

export const touchpoints = sqliteTable(
  "touchpoints",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    journeyId: text("journey_id")
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    stageId: text("stage_id")
      .notNull()
      .references(() => stages.id, { onDelete: "cascade" }),
    /** Stable, human-readable key within the workspace (`checkout-payment`); integrations may route on it. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    channel: text("channel").notNull().default("web"),
    owner: text("owner"),
    position: integer("position").notNull(),
    /** Human moment: a touchpoint that must never be automated. Reason and owner are required when set. */
    isHumanMoment: integer("is_human_moment", { mode: "boolean" }).notNull().default(false),
    humanMomentReason: text("human_moment_reason"),
    humanMomentOwner: text("human_moment_owner"),
    humanMomentSetAt: integer("human_moment_set_at"),
    humanMomentSetBy: text("human_moment_set_by"),
    /** Suggested by Firebreak (escalations, renewals, onboarding, social complaints) until a lead confirms it. */
    humanMomentSuggested: integer("human_moment_suggested", { mode: "boolean" }).notNull().default(false),
    /** Items at or below this sentiment at a human moment create a human follow-up. */
    sentimentThreshold: real("sentiment_threshold").notNull().default(-0.5),
    /**
     * In a future-state journey: the current-state touchpoint this one was copied from. No foreign key, like
     * `basedOnJourneyId`: when the origin is deleted the copy simply reads as added.
     */
    basedOnTouchpointId: text("based_on_touchpoint_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("touchpoints_journey_idx").on(t.workspaceId, t.journeyId, t.stageId, t.position),
    uniqueIndex("touchpoints_key_idx").on(t.workspaceId, t.key),
  ],
);

/** User rules that place an item on a touchpoint, evaluated in `priority` order before the learned fallback. */
export const touchpointRules = sqliteTable(
  "touchpoint_rules",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    touchpointId: text("touchpoint_id")
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    priority: integer("priority").notNull(),
    kind: text("kind", { enum: ["source", "tag", "question", "keyword", "channel"] }).notNull(),
    /** Language the keyword stems belong to; null = any. */
    language: text("language"),
    /** Kind-specific match: source id, tag, question id, or a list of keyword stems. */
    match: text("match", { mode: "json" }).$type<string[]>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("touchpoint_rules_ws_idx").on(t.workspaceId, t.priority)],
);

/** Learned fallback for touchpoint assignment: term weights per touchpoint and language, fed by rule hits. */
export const touchpointProfiles = sqliteTable(
  "touchpoint_profiles",
  {
    workspaceId: workspaceRef(),
    touchpointId: text("touchpoint_id")
      .notNull()
      .references(() => touchpoints.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    terms: text("terms", { mode: "json" }).$type<Record<string, number>>().notNull(),
    sampleCount: integer("sample_count").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.touchpointId, t.language] })],
);

/** Saved filters: customer segments and personas. */
export const segments = sqliteTable(
  "segments",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ["segment", "persona"] }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    filter: text("filter", { mode: "json" })
      .$type<{ attributes?: Record<string, string[]>; tags?: string[] }>()
      .notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("segments_ws_idx").on(t.workspaceId)],
);
