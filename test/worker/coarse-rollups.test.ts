/**
 * The coarser rollup grains (touchpoint × day, touchpoint × theme × day, journey × theme × day, journey × channel ×
 * day) are kept by triggers on `daily_rollups`: whatever writes rollups (inserts, upserts, re-keying moves, deletes),
 * each grain stays equal to the rollups summed to its key, in its own workspace only.
 */
import { env } from "cloudflare:test";
import { createDb, items, runBatch } from "@firebreak/db";
import { beforeEach, describe, expect, it } from "vitest";
import { ready, resetWorkspaces, rollup, theme } from "./map-fixtures.ts";
import { COARSE_GRAINS, coarseRollupsAgree } from "./stored-items.ts";

beforeEach(resetWorkspaces);

const db = createDb(env.DB);
const DAY = "2026-11-20";

async function touchpointDay(touchpointId: string, day = DAY) {
  return env.DB.prepare(
    "select item_count, negative_count, sentiment_sum from touchpoint_days where touchpoint_id = ? and day = ?",
  )
    .bind(touchpointId, day)
    .first<{ item_count: number; negative_count: number; sentiment_sum: number }>();
}

async function run(...statements: string[]) {
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

describe("coarse rollups", () => {
  it("has its triggers on daily_rollups: the coarse grains, and the changed-day stamps segment builds go by", async () => {
    const { results } = await env.DB.prepare(
      "select name from sqlite_master where type = 'trigger' and tbl_name = 'daily_rollups' order by name",
    ).all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual([
      "daily_rollups_changed_delete",
      "daily_rollups_changed_insert",
      "daily_rollups_changed_update",
      "daily_rollups_coarse_delete",
      "daily_rollups_coarse_insert",
      "daily_rollups_coarse_rekey",
      "daily_rollups_coarse_update",
    ]);
    expect(COARSE_GRAINS).toHaveLength(4);
  });

  it("sums inserted rows per touchpoint × day across sources, channels, languages and themes", async () => {
    theme("ws_demo", "th_x", "Refunds");
    rollup("ws_demo", "d_a", DAY, 4, { channel: "email", language: "en", theme_id: "th_x" });
    rollup("ws_demo", "d_a", DAY, 2, { channel: "chat", language: "da", source_id: "src_other" });
    rollup("ws_demo", "d_a", "2026-11-21", 1, { channel: "chat" });
    rollup("ws_other", "o_a", DAY, 9, { channel: "email" });
    await ready();
    expect(await touchpointDay("d_a")).toEqual({ item_count: 6, negative_count: 3, sentiment_sum: -1.5 });
    expect(await touchpointDay("o_a")).toEqual({ item_count: 9, negative_count: 4, sentiment_sum: -2.25 });
    const channels = await env.DB.prepare(
      "select channel, sum(item_count) n from journey_channel_days where journey_id = 'd_j' group by channel order by channel",
    ).all();
    expect(channels.results).toEqual([
      { channel: "chat", n: 3 },
      { channel: "email", n: 4 },
    ]);
    await coarseRollupsAgree("ws_demo");
    await coarseRollupsAgree("ws_other");
  });

  it("follows upserts, counter updates, re-keying moves and deletes", async () => {
    theme("ws_demo", "th_x", "Refunds");
    theme("ws_demo", "th_y", "Late delivery");
    rollup("ws_demo", "d_a", DAY, 4, { channel: "email", theme_id: "th_x" });
    rollup("ws_demo", "d_b", DAY, 3, { channel: "email", theme_id: "th_y" });
    rollup("ws_other", "o_a", DAY, 5, { theme_id: "" });
    await ready();

    // The write path's upsert: a conflict adds to the stored counters (the update trigger, same coarse key).
    await run(
      `insert into daily_rollups (workspace_id, day, touchpoint_id, theme_id, source_id, channel, language, item_count)
       values ('ws_demo', '${DAY}', 'd_a', 'th_x', 'src_ws_demo', 'email', '', 2)
       on conflict (workspace_id, day, touchpoint_id, theme_id, source_id, channel, language)
       do update set item_count = item_count + excluded.item_count`,
    );
    expect((await touchpointDay("d_a"))?.item_count).toBe(6);
    await coarseRollupsAgree("ws_demo");

    // A theme merge and a touchpoint delete move rollups with an upsert and a delete.
    await runBatch(db, items.reassignRollups("ws_demo", "theme_id", "th_x", "th_y"));
    await coarseRollupsAgree("ws_demo");
    await runBatch(db, items.reassignRollups("ws_demo", "touchpoint_id", "d_a", "d_c"));
    expect((await touchpointDay("d_a"))?.item_count ?? 0).toBe(0);
    await coarseRollupsAgree("ws_demo");

    // An update that changes the key (the re-key trigger) and one that changes counters only.
    await run(
      "update daily_rollups set day = '2026-11-19', channel = 'phone' where workspace_id = 'ws_demo' and touchpoint_id = 'd_b'",
      "update daily_rollups set negative_count = negative_count + 1, friction_sum = friction_sum + 0.5 where workspace_id = 'ws_demo'",
    );
    await coarseRollupsAgree("ws_demo");
    // Every day a write touched is stamped as changed, the day moved away from as much as the day moved to.
    const changed = await env.DB.prepare(
      "select day from rollup_changed_days where workspace_id = 'ws_demo' order by day",
    ).all<{ day: string }>();
    expect(changed.results.map((r) => r.day)).toEqual(["2026-11-19", DAY]);

    await run("delete from daily_rollups where workspace_id = 'ws_demo'");
    const left = await env.DB.prepare(
      "select sum(abs(item_count)) n from touchpoint_days where workspace_id = 'ws_demo'",
    ).first<{ n: number }>();
    expect(left?.n).toBe(0);
    await coarseRollupsAgree("ws_demo");
    // The other workspace was never touched.
    expect(await touchpointDay("o_a")).toEqual({ item_count: 5, negative_count: 2, sentiment_sum: -1.25 });
    await coarseRollupsAgree("ws_other");
  });
});
