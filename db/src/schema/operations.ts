/**
 * Acting on friction: alert rules and alerts, notification destinations and their outbound log, human follow-ups,
 * proactive playbooks.
 * @module
 */
import { ALERT_RULE_KINDS, ALERT_SEVERITIES } from "@firebreak/core/alerts/rules";
import { STORED_DESTINATION_KINDS } from "@firebreak/core/outbound/destination";
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaceRef } from "./auth.ts";
import { feedbackItems } from "./feedback.ts";
import { touchpoints } from "./journeys.ts";

export const ALERT_KINDS = ALERT_RULE_KINDS;

export const alertRules = sqliteTable(
  "alert_rules",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Optional scope: a touchpoint or theme id; null means the whole workspace. */
    touchpointId: text("touchpoint_id"),
    themeId: text("theme_id"),
    params: text("params", { mode: "json" }).$type<Record<string, number | string>>().notNull().default({}),
    destinationIds: text("destination_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull().default(0),
  },
  (t) => [index("alert_rules_ws_idx").on(t.workspaceId)],
);

export const alerts = sqliteTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    ruleId: text("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    /** Identifies the condition (`spike:tp:tp_123`); with the rule, so one condition has at most one open alert. */
    conditionKey: text("condition_key").notNull(),
    status: text("status", { enum: ["open", "acknowledged", "resolved"] }).notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    title: text("title").notNull(),
    /** The "why flagged" breakdown at the latest evaluation. */
    why: text("why", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    value: real("value").notNull().default(0),
    peakValue: real("peak_value").notNull().default(0),
    touchpointId: text("touchpoint_id"),
    themeId: text("theme_id"),
    itemId: text("item_id"),
    openedAt: integer("opened_at").notNull(),
    /** When the condition was last observed (each evaluation that still sees it). */
    lastSeenAt: integer("last_seen_at").notNull().default(0),
    lastNotifiedAt: integer("last_notified_at"),
    /** The measure and severity people were last told about: re-notification needs it to be worse than this. */
    notifiedValue: real("notified_value"),
    notifiedSeverity: text("notified_severity", { enum: ALERT_SEVERITIES }),
    notifyCount: integer("notify_count").notNull().default(0),
    acknowledgedAt: integer("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
    resolvedAt: integer("resolved_at"),
    /** Why it resolved: the condition cleared, its rule went away, or a person resolved it. */
    resolvedReason: text("resolved_reason"),
  },
  (t) => [
    uniqueIndex("alerts_open_condition_uq")
      .on(t.workspaceId, t.ruleId, t.conditionKey)
      .where(sql`status != 'resolved'`),
    index("alerts_ws_time_idx").on(t.workspaceId, t.openedAt),
    index("alerts_ws_status_idx").on(t.workspaceId, t.status, t.openedAt),
  ],
);

/** Per workspace: when its default rules were created and when the cron last evaluated its windowed rules. */
export const alertEvaluations = sqliteTable("alert_evaluations", {
  workspaceId: workspaceRef().primaryKey(),
  defaultsCreatedAt: integer("defaults_created_at"),
  evaluatedAt: integer("evaluated_at").notNull().default(0),
});

/** Where alerts and playbooks go: in-app inbox, Slack incoming webhook, signed outbound webhook, email, or Zendesk. */
export const destinations = sqliteTable(
  "destinations",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: STORED_DESTINATION_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Encrypted target URL or address (Slack URLs are secrets too); a Zendesk account's `https://{subdomain}.zendesk.com`. */
    targetCiphertext: text("target_ciphertext"),
    /** Encrypted Standard Webhooks signing secret for outbound webhooks; Zendesk's API email and token (JSON). */
    secretCiphertext: text("secret_ciphertext"),
    /** What lists show instead of the target: the host of a URL, the domain of an address; never the secret part. */
    targetHint: text("target_hint"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("destinations_ws_idx").on(t.workspaceId)],
);

export const outboundDeliveries = sqliteTable(
  "outbound_deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    destinationId: text("destination_id")
      .notNull()
      .references(() => destinations.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    alertId: text("alert_id"),
    playbookRunId: text("playbook_run_id"),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed", "refused"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("outbound_pending_idx").on(t.status, t.nextAttemptAt),
    index("outbound_destination_idx").on(t.workspaceId, t.destinationId, t.createdAt),
  ],
);

/** Every attempt to deliver an outbound message, including refusals before any request: the delivery log. */
export const outboundAttempts = sqliteTable(
  "outbound_attempts",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => outboundDeliveries.id, { onDelete: "cascade" }),
    destinationId: text("destination_id").notNull(),
    attempt: integer("attempt").notNull(),
    outcome: text("outcome", { enum: ["delivered", "retry", "failed", "refused"] }).notNull(),
    responseStatus: integer("response_status"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    nextAttemptAt: integer("next_attempt_at"),
    at: integer("at").notNull(),
  },
  (t) => [index("outbound_attempts_idx").on(t.workspaceId, t.destinationId, t.at)],
);

/** A task for a person: created when a human moment receives an escalation or very negative feedback. */
export const followUps = sqliteTable(
  "follow_ups",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    itemId: text("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    touchpointId: text("touchpoint_id").references(() => touchpoints.id, { onDelete: "set null" }),
    assignee: text("assignee"),
    reasons: text("reasons", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["open", "done", "dismissed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    /** When the assignee was told (email); null until then, so the cron retries a failed notice. */
    notifiedAt: integer("notified_at"),
    notifyAttempts: integer("notify_attempts").notNull().default(0),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by"),
    note: text("note"),
  },
  (t) => [
    uniqueIndex("follow_ups_item_uq").on(t.itemId),
    index("follow_ups_ws_idx").on(t.workspaceId, t.status),
    index("follow_ups_unnotified_idx").on(t.createdAt).where(sql`notified_at IS NULL AND status = 'open'`),
  ],
);

/** Proactive playbooks: trigger → action. Customer-facing actions are refused on human moments. */
export const playbooks = sqliteTable(
  "playbooks",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    trigger: text("trigger", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    action: text("action", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    customerFacing: integer("customer_facing", { mode: "boolean" }).notNull(),
    /** The trigger's touchpoint scope, copied out of `trigger` so the policy check can find playbooks by touchpoint. */
    touchpointId: text("touchpoint_id"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull().default(0),
  },
  (t) => [index("playbooks_ws_idx").on(t.workspaceId)],
);

export const playbookRuns = sqliteTable(
  "playbook_runs",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    playbookId: text("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
    /** The alert that triggered the run; null for a dry run on a sample. */
    alertId: text("alert_id"),
    outcome: text("outcome", { enum: ["executed", "skipped", "refused", "failed"] }).notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("playbook_runs_idx").on(t.workspaceId, t.playbookId, t.createdAt)],
);
