/**
 * The monthly friction review, stakeholder share links, and the audit log.
 * @module
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaceRef } from "./auth.ts";

export const reviewSessions = sqliteTable(
  "review_sessions",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    title: text("title").notNull(),
    journeyId: text("journey_id"),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    status: text("status", { enum: ["draft", "in_progress", "closed"] }).notNull(),
    previousSessionId: text("previous_session_id"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    closedAt: integer("closed_at"),
    /** "Progress since last session", frozen with the agenda when the session starts. */
    progress: text("progress", { mode: "json" }).$type<Record<string, unknown>>(),
    updatedAt: integer("updated_at").notNull().default(0),
  },
  (t) => [
    index("review_sessions_ws_idx").on(t.workspaceId, t.periodStart),
    // The sessions list, newest first, and "the session before this one".
    index("review_sessions_ws_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** Agenda rows frozen when the session starts: `snapshot` holds the figures as they were discussed. */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    sessionId: text("session_id")
      .notNull()
      .references(() => reviewSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", {
      enum: ["theme", "touchpoint_worse", "human_moment", "shipped_fix", "carried_action"],
    }).notNull(),
    refId: text("ref_id").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    notes: text("notes").notNull().default(""),
    decision: text("decision").notNull().default(""),
  },
  (t) => [index("agenda_items_session_idx").on(t.workspaceId, t.sessionId, t.position)],
);

export const actionItems = sqliteTable(
  "action_items",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    sessionId: text("session_id").references(() => reviewSessions.id, { onDelete: "set null" }),
    agendaItemId: text("agenda_item_id"),
    title: text("title").notNull(),
    /** The user id of the workspace member who owns it. */
    owner: text("owner"),
    /** `YYYY-MM-DD`. */
    dueDate: text("due_date"),
    themeId: text("theme_id"),
    touchpointId: text("touchpoint_id"),
    status: text("status", { enum: ["open", "in_progress", "done", "dropped"] }).notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull().default(0),
    doneAt: integer("done_at"),
  },
  (t) => [
    index("action_items_ws_idx").on(t.workspaceId, t.status),
    index("action_items_session_idx").on(t.workspaceId, t.sessionId),
    index("action_items_owner_idx").on(t.workspaceId, t.owner, t.status),
  ],
);

/** Read-only links for stakeholders. Only the SHA-256 of the token is stored. */
export const shareLinks = sqliteTable(
  "share_links",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ["journey", "session"] }).notNull(),
    targetId: text("target_id").notNull(),
    /** What the link is for, in the sender's words ("Board pack, November"); shown in lists, never to the viewer. */
    label: text("label").notNull().default(""),
    tokenHash: text("token_hash").notNull().unique(),
    /** `pbkdf2-sha256$<iterations>$<salt>$<hash>` (core `hashSharePassword`); null when the link has none. */
    passwordHash: text("password_hash"),
    /** Wrong passwords since the last right one or lock-out; at `MAX_FAILED_PASSWORDS` the link locks. */
    failedPasswords: integer("failed_passwords").notNull().default(0),
    /** Until when the link refuses passwords after too many wrong ones. */
    lockedUntil: integer("locked_until"),
    /** The UTC days a journey link shows, as made; null for the 90 days ending on the day it is viewed. */
    rangeFrom: text("range_from"),
    rangeTo: text("range_to"),
    /** Origins allowed to embed the link in an iframe. */
    embedOrigins: text("embed_origins", { mode: "json" }).$type<string[]>().notNull().default([]),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    viewCount: integer("view_count").notNull().default(0),
    lastViewedAt: integer("last_viewed_at"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("share_links_ws_idx").on(t.workspaceId, t.targetId),
    index("share_links_ws_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    /** `user:<id>`, `token:<id>` or `system`. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("audit_log_ws_time_idx").on(t.workspaceId, t.createdAt),
    // The audit viewer's filters: newest first within one action, or one actor.
    index("audit_log_ws_action_time_idx").on(t.workspaceId, t.action, t.createdAt),
    index("audit_log_ws_actor_time_idx").on(t.workspaceId, t.actor, t.createdAt),
  ],
);
