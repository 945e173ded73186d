/**
 * Rows for the map query tests, written straight into D1: two workspaces with the same shape (ids prefixed `d_` for
 * `ws_demo`, `o_` for `ws_other`), each with one journey of two stages and three touchpoints (a, b in s1; c in s2).
 */
import { env } from "cloudflare:test";
import { createDb, type Db } from "../../db/src/client.ts";

export const RANGE = { from: "2026-08-26", to: "2026-11-23" }; // 90 days
export const DAY_MS = 86_400_000;

const db: Db = createDb(env.DB);
let pending: D1PreparedStatement[] = [];

type Row = Record<string, string | number | null>;

/** Rows are queued and written in one batch right before a query reads them. */
export async function ready(): Promise<Db> {
  if (pending.length > 0) await env.DB.batch(pending);
  pending = [];
  return db;
}

export function insert(table: string, row: Row) {
  const columns = Object.keys(row);
  pending.push(
    env.DB.prepare(`insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`).bind(
      ...Object.values(row),
    ),
  );
}

/** `YYYY-MM-DD` of `day` plus `offset` days. */
export function addDays(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Noon UTC of a day, in epoch ms. */
export function noon(day: string): number {
  return Date.parse(`${day}T12:00:00Z`);
}

export function rollup(workspaceId: string, touchpointId: string, day: string, itemCount: number, extra: Row = {}) {
  insert("daily_rollups", {
    workspace_id: workspaceId,
    day,
    touchpoint_id: touchpointId,
    theme_id: "",
    source_id: `src_${workspaceId}`,
    item_count: itemCount,
    negative_count: Math.floor(itemCount / 2),
    sentiment_sum: -0.25 * itemCount,
    ...extra,
  });
}

export function item(id: string, touchpointId: string, occurredAt: number, extra: Row = {}) {
  const workspaceId = (extra.workspace_id as string | undefined) ?? "ws_demo";
  insert("feedback_items", {
    id,
    workspace_id: workspaceId,
    source_id: `src_${workspaceId}`,
    external_id: id,
    kind: "ticket",
    channel: "chat",
    text: `text of ${id}`,
    sentiment: -0.8,
    sentiment_label: "negative",
    touchpoint_id: touchpointId,
    occurred_at: occurredAt,
    revision_at: occurredAt,
    received_at: occurredAt,
    ...extra,
  });
}

export function theme(workspaceId: string, id: string, label: string, status = "active") {
  insert("themes", { id, workspace_id: workspaceId, label, status, created_at: 0, updated_at: 0 });
}

export function customer(workspaceId: string, id: string) {
  insert("customers", { id, workspace_id: workspaceId, key_hash: `hash-${id}`, first_seen_at: 0, last_seen_at: 0 });
}

function seedWorkspace(workspaceId: string, prefix: string) {
  insert("workspaces", { id: workspaceId, name: `Workspace ${prefix}`, slug: prefix });
  insert("sources", {
    id: `src_${workspaceId}`,
    workspace_id: workspaceId,
    provider: "zendesk",
    name: `Support ${prefix}`,
    secret_ciphertext: "x",
    secret_hint: "x",
    created_at: 0,
  });
  insert("journeys", {
    id: `${prefix}_j`,
    workspace_id: workspaceId,
    name: "Journey",
    position: 0,
    created_at: 0,
    updated_at: 0,
  });
  // Inserted out of order to prove the query sorts by position.
  for (const [id, position] of [
    ["s2", 1],
    ["s1", 0],
  ] as const) {
    insert("stages", {
      id: `${prefix}_${id}`,
      workspace_id: workspaceId,
      journey_id: `${prefix}_j`,
      name: id,
      position,
    });
  }
  for (const [id, stage, position] of [
    ["b", "s1", 1],
    ["a", "s1", 0],
    ["c", "s2", 0],
  ] as const) {
    insert("touchpoints", {
      id: `${prefix}_${id}`,
      workspace_id: workspaceId,
      journey_id: `${prefix}_j`,
      stage_id: `${prefix}_${stage}`,
      key: id,
      name: `Touchpoint ${id}`,
      position,
      is_human_moment: id === "c" ? 1 : 0,
      human_moment_suggested: id === "b" ? 1 : 0,
      created_at: 0,
      updated_at: 0,
    });
  }
}

const TABLES = [
  "daily_rollups",
  // After `daily_rollups`, whose delete triggers leave these at zero rather than empty.
  "touchpoint_days",
  "touchpoint_theme_days",
  "journey_theme_days",
  "journey_channel_days",
  "rollup_changed_days",
  "segment_days",
  "segment_day_builds",
  "segments",
  "feedback_items",
  "customers",
  "themes",
  "touchpoints",
  "stages",
  "journeys",
  "sources",
  "workspaces",
];

/** Empties the tables the map reads and seeds both workspaces; call in `beforeEach`. */
export async function resetWorkspaces() {
  pending = [];
  await env.DB.batch(TABLES.map((table) => env.DB.prepare(`delete from ${table}`)));
  seedWorkspace("ws_other", "o");
  seedWorkspace("ws_demo", "d");
}
