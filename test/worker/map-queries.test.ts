import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/src/client.ts";
import {
  findDefaultWorkspace,
  getJourneyMap,
  getTouchpointDetail,
  listJourneys,
  NO_FILTER,
} from "../../db/src/queries/map.ts";
import { fixFigures, issueFigures } from "../../db/src/queries/review-figures.ts";
import { addDays, DAY_MS, insert, item, RANGE, ready, resetWorkspaces, rollup } from "./map-fixtures.ts";

beforeEach(resetWorkspaces);

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
    // The journey's data begins the day before the range: a one-day volume baseline, outside the counters.
    expect(a?.volume).toEqual({ rangeDays: 90, baselineCount: 100, baselineDays: 1 });
    expect(b?.volume).toEqual({ rangeDays: 90, baselineCount: 0, baselineDays: 1 });
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
      rollup("ws_demo", "d_a", addDays(RANGE.from, d), 1);
    }
    rollup("ws_demo", "d_a", "2026-11-20", 40);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const a = map?.stages[0]?.touchpoints[0];

    expect(a?.spike.spike).toBe(true);
    expect(map?.totals.spikeCount).toBe(1);
  });

  it("measures volume against the touchpoint's own 90 days before the range, from when the journey's data began", async () => {
    rollup("ws_demo", "d_c", addDays(RANGE.from, -60), 1); // the journey's first data
    rollup("ws_demo", "d_a", addDays(RANGE.from, -50), 30);
    rollup("ws_demo", "d_a", addDays(RANGE.from, -91), 500); // before the baseline window
    rollup("ws_demo", "d_a", "2026-09-01", 90);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const a = map?.stages[0]?.touchpoints[0];

    expect(a?.counters.itemCount).toBe(90);
    expect(a?.series.reduce((n, p) => n + p.itemCount, 0)).toBe(90);
    expect(a?.volume).toEqual({ rangeDays: 90, baselineCount: 30, baselineDays: 60 });
    // 1/day against 0.5/day, steadied by 5 items: (90 + 5) / (45 + 5).
    expect(a?.friction.parts.find((p) => p.key === "volume")?.value).toBeCloseTo(95 / 50);
    expect(map?.totals.counters.itemCount).toBe(90);
  });

  it("takes the spike baseline from the 8 weeks before the last 7 days, even before a short range", async () => {
    const range = { from: "2026-11-10", to: "2026-11-23" };
    for (let day = "2026-09-01"; day <= "2026-11-16"; day = addDays(day, 1)) rollup("ws_demo", "d_a", day, 1);
    rollup("ws_demo", "d_a", "2026-11-20", 30);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", range);
    const a = map?.stages[0]?.touchpoints[0];

    expect(a?.counters.itemCount).toBe(37);
    expect(a?.spike).toMatchObject({
      recentCount: 30,
      recentDays: 7,
      baselineCount: 56,
      baselineDays: 56,
      spike: true,
    });
    expect(a?.friction.parts.find((p) => p.key === "spike")?.points).toBeGreaterThan(0);
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
    // Scored exactly as on the map.
    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    expect(detail?.stats.friction).toEqual(map?.stages[0]?.touchpoints[0]?.friction);
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

describe("the map's query plans", () => {
  /** A D1 binding that notes every statement the map binds, so each can be explained afterwards. */
  function recordingD1(statements: { sql: string; params: unknown[] }[]): D1Database {
    return new Proxy(env.DB, {
      get(target, key) {
        if (key !== "prepare") return Reflect.get(target, key).bind(target);
        return (sql: string) => {
          const prepared = target.prepare(sql);
          return new Proxy(prepared, {
            get(statement, method) {
              if (method !== "bind") return Reflect.get(statement, method).bind(statement);
              return (...params: unknown[]) => {
                statements.push({ sql, params });
                return statement.bind(...params);
              };
            },
          });
        };
      },
    });
  }

  async function plans(read: (db: ReturnType<typeof createDb>) => Promise<unknown>) {
    await ready();
    const statements: { sql: string; params: unknown[] }[] = [];
    await read(createDb(recordingD1(statements)));
    return Promise.all(
      statements.map(async ({ sql, params }) => {
        const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>();
        return { sql, plan: results.map((r) => r.detail).join(" | ") };
      }),
    );
  }

  // Without statistics SQLite's planner guesses; these are the choices that keep a million-item map under 50 ms.
  it("never scans items, counts repeat contacts on their covering index, and looks themes up by id", async () => {
    const map = await plans((db) => getJourneyMap(db, "ws_demo", "d_j", RANGE));
    expect(map.length).toBeGreaterThan(5);
    for (const { plan } of map) expect(plan).not.toMatch(/SCAN (feedback_items|touchpoint_days|touchpoint_theme_days)/);
    const chains = map.find((s) => s.sql.includes("count(distinct"));
    expect(chains?.plan).toContain("USING COVERING INDEX feedback_items_repeat_idx");
    const issues = map.find((s) => s.sql.includes("issue_touchpoint_sums"));
    expect(issues?.plan).toContain("SCAN issue_touchpoint_sums");
    expect(issues?.plan).not.toContain("themes_ws_idx");
    // Of the rollups' three parts only the sparkline buckets are sorted; the totals follow the primary key.
    const rollups = map.find((s) => s.sql.includes("first_day"));
    const [points, ...totals] = rollups?.plan.split("UNION ALL") ?? [];
    expect(points).toContain("USE TEMP B-TREE FOR GROUP BY");
    expect(totals).toHaveLength(2);
    for (const part of totals) expect(part).not.toContain("TEMP B-TREE");

    const detail = await plans((db) => getTouchpointDetail(db, "ws_demo", "d_a", RANGE));
    const repeatCount = detail.find((s) => s.sql.includes("indexed by") && s.sql.includes("count(*)"));
    expect(repeatCount?.plan).toContain("feedback_items_repeat_idx");
    // Escalated items and items awaiting details are few: their lists and count read the partial index of just those.
    const escalated = detail.filter((s) => s.sql.includes("json_array_length"));
    const awaiting = detail.filter((s) => s.sql.includes('needs_enrichment" = 1'));
    expect(escalated).toHaveLength(1);
    expect(awaiting).toHaveLength(2);
    for (const { plan } of escalated) expect(plan).toContain("USING INDEX feedback_items_escalated_idx");
    for (const { plan } of awaiting) expect(plan).toMatch(/USING (COVERING )?INDEX feedback_items_awaiting_idx/);
  });

  it("reads a filter's stand-in as it is, a saved segment's changed days' items between those days alone", async () => {
    const segment = { attributes: { plan: ["box-yearly"] } };
    insert("segments", {
      id: "seg_box",
      workspace_id: "ws_demo",
      kind: "segment",
      name: "Subscribers",
      filter: JSON.stringify(segment),
      created_at: 0,
    });
    const map = await plans((db) =>
      getJourneyMap(db, "ws_demo", "d_j", RANGE, { ...NO_FILTER, segment, segmentId: "seg_box" }),
    );
    const standIns = map.filter(
      (s) => s.sql.startsWith('with "daily_rollups"') || s.sql.includes('(with "daily_rollups"'),
    );
    expect(standIns).toHaveLength(2);
    for (const { sql, plan } of standIns) {
      // Checked again against the scope it was built for, its rows were indexed by SQLite to answer.
      expect(plan).not.toContain("AUTOMATIC");
      // Beside the scope's own bound, SQLite bounded the items by that one and read the whole range to find none.
      expect(sql).toContain('"occurred_at" >= (unixepoch((select min(day)');
      expect(sql).not.toMatch(/"occurred_at" >= \?/);
    }
    // A language's stand-in reads the journey's rollups by touchpoint, never every journey's by day.
    const danish = await plans((db) => getJourneyMap(db, "ws_demo", "d_j", RANGE, { ...NO_FILTER, languages: ["da"] }));
    const filtered = danish.filter((s) => s.plan.includes("main.daily_rollups"));
    expect(filtered).toHaveLength(2);
    for (const { plan } of filtered) {
      expect(plan).toContain("SEARCH main.daily_rollups USING INDEX daily_rollups_touchpoint_idx");
      expect(plan).not.toContain("AUTOMATIC");
    }
  });

  it("reads a review's issue touchpoints and a shipped fix's days by key, touchpoint by touchpoint", async () => {
    insert("themes", {
      id: "thm_late",
      workspace_id: "ws_demo",
      label: "Late delivery",
      status: "active",
      created_at: 0,
      updated_at: 0,
      fix_shipped_at: Date.parse(`${addDays(RANGE.to, -10)}T12:00:00Z`),
    });
    rollup("ws_demo", "d_a", RANGE.to, 4, { theme_id: "thm_late" });
    const byKey = "SEARCH touchpoint_theme_days USING PRIMARY KEY (workspace_id=? AND touchpoint_id=? AND theme_id=?";
    const review = await plans((db) => issueFigures(db, "ws_demo", ["d_j"], RANGE.to));
    const where = review.find((s) => s.sql.includes("cross join"));
    expect(where?.plan).toMatch(/^SEARCH touchpoints USING INDEX touchpoints_journey_idx/);
    expect(where?.plan).toContain(byKey);
    const fixes = await plans((db) => fixFigures(db, "ws_demo", RANGE.to));
    const days = fixes.find((s) => s.sql.includes("union all select ''"));
    expect(days?.plan).toContain(byKey);
  });
});
