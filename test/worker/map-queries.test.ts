import { env } from "cloudflare:test";
import { frictionScore } from "@firebreak/core/friction";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/src/client.ts";
import { findDefaultWorkspace, getJourneyMap, getTouchpointDetail, listJourneys } from "../../db/src/queries/map.ts";

const RANGE = { from: "2026-08-26", to: "2026-11-23" }; // 90 days
const DAY_MS = 86_400_000;

const db: Db = createDb(env.DB);
let pending: D1PreparedStatement[] = [];

/** Rows are queued and written in one batch right before a query reads them. */
async function ready(): Promise<Db> {
  if (pending.length > 0) await env.DB.batch(pending);
  pending = [];
  return db;
}

function insert(table: string, row: Record<string, string | number | null>) {
  const columns = Object.keys(row);
  pending.push(
    env.DB.prepare(`insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`).bind(
      ...Object.values(row),
    ),
  );
}

function rollup(workspaceId: string, touchpointId: string, day: string, itemCount: number, extra = {}) {
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

function item(
  id: string,
  touchpointId: string,
  occurredAt: number,
  extra: Record<string, string | number | null> = {},
) {
  insert("feedback_items", {
    id,
    workspace_id: "ws_demo",
    source_id: "src_ws_demo",
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

function seedWorkspace(workspaceId: string, prefix: string) {
  insert("workspaces", { id: workspaceId, name: `Workspace ${prefix}`, slug: prefix });
  insert("sources", {
    id: `src_${workspaceId}`,
    workspace_id: workspaceId,
    provider: "generic",
    name: "Source",
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

const TABLES = ["daily_rollups", "feedback_items", "touchpoints", "stages", "journeys", "sources", "workspaces"];

beforeEach(async () => {
  pending = [];
  await env.DB.batch(TABLES.map((table) => env.DB.prepare(`delete from ${table}`)));
  seedWorkspace("ws_other", "o");
  seedWorkspace("ws_demo", "d");
});

describe("getJourneyMap", () => {
  it("returns ordered stages and touchpoints with counters summed from rollups in the range only", async () => {
    rollup("ws_demo", "d_a", "2026-09-01", 10);
    rollup("ws_demo", "d_a", "2026-11-23", 4);
    rollup("ws_demo", "d_a", "2026-08-25", 100); // the day before the range
    rollup("ws_demo", "d_c", "2026-10-10", 6, { escalation_count: 2, repeat_count: 1 });

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);

    expect(map?.stages.map((s) => s.id)).toEqual(["d_s1", "d_s2"]);
    expect(map?.stages[0]?.touchpoints.map((t) => t.key)).toEqual(["a", "b"]);
    const [a, b] = map?.stages[0]?.touchpoints ?? [];
    const c = map?.stages[1]?.touchpoints[0];
    expect(a?.counters.itemCount).toBe(14);
    expect(a?.averageSentiment).toBeCloseTo(-0.25);
    expect(b?.counters.itemCount).toBe(0);
    expect(b?.averageSentiment).toBeNull();
    expect(b?.humanMoment).toBe("suggested");
    expect(c?.humanMoment).toBe("confirmed");
    expect(c?.counters.escalationCount).toBe(2);
    expect(a?.friction).toEqual(frictionScore(a!.counters, 14));
    expect(map?.totals.counters.itemCount).toBe(20);
    expect(map?.totals.topFriction?.key).toBeDefined();
  });

  it("builds 13 weekly buckets for 90 days whose sums match the totals, newest bucket last", async () => {
    rollup("ws_demo", "d_a", "2026-08-26", 3);
    rollup("ws_demo", "d_a", "2026-11-17", 5);
    rollup("ws_demo", "d_a", "2026-11-23", 7);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const series = map?.stages[0]?.touchpoints[0]?.series ?? [];

    expect(series).toHaveLength(13);
    expect(series.reduce((n, p) => n + p.itemCount, 0)).toBe(15);
    expect(series.at(-1)).toMatchObject({ from: "2026-11-17", to: "2026-11-23", days: 7, itemCount: 12 });
    expect(series[0]).toMatchObject({ from: "2026-08-26", itemCount: 3 });
    expect(series.reduce((n, p) => n + p.days, 0)).toBe(90);
  });

  it("flags a spike when the last 7 days run far above the rest of the range", async () => {
    for (let d = 0; d < 83; d++) {
      rollup("ws_demo", "d_a", new Date(Date.parse("2026-08-26") + d * DAY_MS).toISOString().slice(0, 10), 1);
    }
    rollup("ws_demo", "d_a", "2026-11-20", 40);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const a = map?.stages[0]?.touchpoints[0];

    expect(a?.spike.spike).toBe(true);
    expect(map?.totals.spikeCount).toBe(1);
  });

  it("never reads another workspace's journey or rollups", async () => {
    rollup("ws_other", "o_a", "2026-10-01", 50);
    // A forged rollup row: right touchpoint id, wrong workspace.
    rollup("ws_other", "d_a", "2026-10-01", 70);
    rollup("ws_demo", "d_a", "2026-10-01", 1);

    expect(await getJourneyMap(await ready(), "ws_demo", "o_j", RANGE)).toBeNull();
    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    expect(map?.totals.counters.itemCount).toBe(1);
  });

  it("rejects malformed ranges", async () => {
    await expect(
      getJourneyMap(await ready(), "ws_demo", "d_j", { from: "2026-11-23", to: "2026-11-01" }),
    ).rejects.toThrow(RangeError);
    await expect(
      getJourneyMap(await ready(), "ws_demo", "d_j", { from: "yesterday", to: "2026-11-01" }),
    ).rejects.toThrow(RangeError);
  });
});

describe("getTouchpointDetail", () => {
  it("returns the touchpoint with its stage and journey names and the 20 newest negative items in range", async () => {
    rollup("ws_demo", "d_a", "2026-10-01", 10);
    rollup("ws_demo", "d_c", "2026-10-01", 30);
    const end = Date.parse("2026-11-23T12:00:00Z");
    for (let i = 0; i < 25; i++) item(`n${i}`, "d_a", end - i * DAY_MS);
    item("positive", "d_a", end, { sentiment: 0.9, sentiment_label: "positive" });
    item("erased", "d_a", end, { erased_at: end });
    item("too-old", "d_a", Date.parse("2026-08-25T23:59:59Z"));
    item("tomorrow", "d_a", Date.parse("2026-11-24T00:00:00Z"));

    const detail = await getTouchpointDetail(await ready(), "ws_demo", "d_a", RANGE);

    expect(detail?.touchpoint).toMatchObject({
      id: "d_a",
      name: "Touchpoint a",
      stage: { id: "d_s1", name: "s1" },
      journey: { id: "d_j", name: "Journey" },
    });
    expect(detail?.recentNegative.map((i) => i.id)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    // Volume is measured against the busiest touchpoint of the journey, as on the map.
    expect(detail?.stats.friction).toEqual(frictionScore(detail!.stats.counters, 30));
  });

  it("returns null for another workspace's touchpoint", async () => {
    expect(await getTouchpointDetail(await ready(), "ws_demo", "o_a", RANGE)).toBeNull();
  });
});

describe("listJourneys and findDefaultWorkspace", () => {
  it("lists only the workspace's live journeys in order", async () => {
    insert("journeys", {
      id: "d_j0",
      workspace_id: "ws_demo",
      name: "First",
      position: -1,
      created_at: 0,
      updated_at: 0,
    });
    insert("journeys", {
      id: "d_old",
      workspace_id: "ws_demo",
      name: "Archived",
      position: 5,
      archived_at: 1,
      created_at: 0,
      updated_at: 0,
    });

    expect((await listJourneys(await ready(), "ws_demo")).map((j) => j.id)).toEqual(["d_j0", "d_j"]);
  });

  it("prefers the demo workspace, else the oldest", async () => {
    expect((await findDefaultWorkspace(await ready(), "ws_demo"))?.id).toBe("ws_demo");
    expect((await findDefaultWorkspace(await ready(), "ws_missing"))?.id).toBeDefined();
  });
});
