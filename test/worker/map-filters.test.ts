import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db, runBatch } from "../../db/src/client.ts";
import { insertFromJson } from "../../db/src/json-rows.ts";
import { ROLLUP_UPSERT } from "../../db/src/queries/items.ts";
import { getJourneyMap, getTouchpointDetail, type MapFilter, NO_FILTER } from "../../db/src/queries/map.ts";
import * as segmentDays from "../../db/src/queries/segment-days.ts";
import * as segments from "../../db/src/queries/segments.ts";
import { addContribution, contributionOf, type RollupRow } from "../../db/src/rows.ts";
import { dailyRollups } from "../../db/src/schema/index.ts";
import { runScheduledSegmentBuilds } from "../../functions/ingest/src/segment-builds.ts";
import { insert, item, noon, RANGE, ready, resetWorkspaces, theme } from "./map-fixtures.ts";

beforeEach(resetWorkspaces);

interface Spec {
  id: string;
  touchpoint: string;
  day: string;
  channel: string;
  language: string;
  customer?: string;
  tags?: string[];
  score?: number;
  scale?: string;
  sentiment: number;
  escalations?: string[];
  repeatOf?: string;
  workspace?: string;
}

const ITEMS: Spec[] = [
  {
    id: "i1",
    touchpoint: "d_a",
    day: "2026-10-01",
    channel: "email",
    language: "en",
    customer: "c_box",
    sentiment: -0.6,
    score: 3,
    scale: "nps",
    tags: ["vip"],
  },
  {
    id: "i2",
    touchpoint: "d_a",
    day: "2026-11-20",
    channel: "chat",
    language: "da",
    customer: "c_none",
    sentiment: 0.4,
    score: 5,
    scale: "csat5",
  },
  {
    id: "i3",
    touchpoint: "d_a",
    day: "2026-11-21",
    channel: "email",
    language: "da",
    customer: "c_box",
    sentiment: -0.9,
    escalations: ["churn.cancel.da"],
    repeatOf: "i1",
  },
  {
    id: "i4",
    touchpoint: "d_c",
    day: "2026-09-15",
    channel: "phone",
    language: "en",
    sentiment: -0.2,
    score: 2,
    scale: "stars5",
    tags: ["vip", "b2b"],
  },
  {
    id: "i5",
    touchpoint: "d_c",
    day: "2026-11-22",
    channel: "email",
    language: "en",
    customer: "c_box",
    sentiment: 0.1,
    score: 7,
    scale: "custom",
  },
  // Before the range: part of the volume baseline only.
  {
    id: "i6",
    touchpoint: "d_a",
    day: "2026-08-01",
    channel: "email",
    language: "en",
    customer: "c_box",
    sentiment: -0.5,
  },
  // Another workspace's customer with the same attributes and tags must never count.
  {
    id: "o1",
    touchpoint: "o_a",
    day: "2026-11-20",
    channel: "email",
    language: "en",
    customer: "oc_box",
    sentiment: -1,
    tags: ["vip"],
    workspace: "ws_other",
  },
];

/** Writes the items and, from them, their rollups exactly as ingestion does (`contributionOf`). */
async function seedItems() {
  insert("customers", customerRow("ws_demo", "c_box", { plan: "box-yearly", market: "DK" }));
  insert("customers", customerRow("ws_demo", "c_none", { plan: "none", market: "UK" }));
  insert("customers", customerRow("ws_other", "oc_box", { plan: "box-yearly", market: "DK" }));
  const rollups = new Map<string, RollupRow>();
  for (const spec of ITEMS) {
    const workspaceId = spec.workspace ?? "ws_demo";
    const columns = {
      channel: spec.channel,
      language: spec.language,
      customerId: spec.customer ?? null,
      tags: spec.tags ?? [],
      score: spec.score ?? null,
      scale: (spec.scale ?? "none") as "none",
      scaleMin: spec.scale === "custom" ? 0 : null,
      scaleMax: spec.scale === "custom" ? 10 : null,
      sentiment: spec.sentiment,
      sentimentLabel: spec.sentiment <= -0.25 ? "negative" : spec.sentiment >= 0.25 ? "positive" : "neutral",
      escalations: spec.escalations ?? [],
      repeatOfItemId: spec.repeatOf ?? null,
      friction: Math.max(0, -spec.sentiment),
      touchpointId: spec.touchpoint,
      themeId: null,
      occurredAt: noon(spec.day),
    } as const;
    item(spec.id, spec.touchpoint, columns.occurredAt, {
      workspace_id: workspaceId,
      source_id: `src_${workspaceId}`,
      channel: columns.channel,
      language: columns.language,
      customer_id: columns.customerId,
      tags: JSON.stringify(columns.tags),
      score: columns.score,
      scale: columns.scale,
      scale_min: columns.scaleMin,
      scale_max: columns.scaleMax,
      sentiment: columns.sentiment,
      sentiment_label: columns.sentimentLabel,
      escalations: JSON.stringify(columns.escalations),
      repeat_of_item_id: columns.repeatOfItemId,
      friction: columns.friction,
    });
    const stored = { ...columns, title: null, text: "", status: null, touchpointMethod: undefined };
    addContribution(rollups, workspaceId, contributionOf(stored, `src_${workspaceId}`), 1);
  }
  const db = await ready();
  await runBatch(db, insertFromJson(dailyRollups, [...rollups.values()]));
  return db;
}

function customerRow(workspaceId: string, id: string, attributes: Record<string, string>) {
  return {
    id,
    workspace_id: workspaceId,
    key_hash: `hash-${id}`,
    attributes: JSON.stringify(attributes),
    first_seen_at: 0,
    last_seen_at: 0,
  };
}

/** A negative item of the `c_box` customer, written with its rollups as ingestion writes them. */
async function addBoxItem(
  db: Db,
  id: string,
  touchpointId: string,
  day: string,
  themeId: string | null = null,
  language = "",
) {
  item(id, touchpointId, noon(day), {
    workspace_id: "ws_demo",
    source_id: "src_ws_demo",
    customer_id: "c_box",
    theme_id: themeId,
    channel: "",
    language,
    sentiment: -0.8,
    sentiment_label: "negative",
    friction: 0.8,
  });
  await ready();
  const row = contributionOf(
    {
      channel: "",
      language,
      customerId: "c_box",
      tags: [],
      score: null,
      scale: "none",
      scaleMin: null,
      scaleMax: null,
      sentiment: -0.8,
      sentimentLabel: "negative",
      escalations: [],
      repeatOfItemId: null,
      friction: 0.8,
      touchpointId,
      themeId,
      occurredAt: noon(day),
      title: null,
      text: "",
      status: null,
      touchpointMethod: undefined,
    },
    "src_ws_demo",
  );
  const rollups = new Map<string, RollupRow>();
  addContribution(rollups, "ws_demo", row, 1);
  await runBatch(db, insertFromJson(dailyRollups, [...rollups.values()], ROLLUP_UPSERT));
}

const filter = (changes: Partial<MapFilter>): MapFilter => ({ ...NO_FILTER, ...changes });

/** What two reads of a map must agree on. Sums of fractions are compared to 9 places: reads may add in any order. */
function comparable(map: Awaited<ReturnType<typeof getJourneyMap>>) {
  const rounded = (counters: Record<string, number>) =>
    Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, Math.round(v * 1e9) / 1e9]));
  return {
    touchpoints: map?.stages.flatMap((s) =>
      s.touchpoints.map((t) => ({
        key: t.key,
        counters: rounded({ ...t.counters }),
        volume: t.volume,
        series: t.series,
      })),
    ),
    issues: map?.recurringIssues,
  };
}

function countsOf(map: Awaited<ReturnType<typeof getJourneyMap>>) {
  return Object.fromEntries(
    (map?.stages ?? []).flatMap((s) => s.touchpoints.map((t) => [t.key, t.counters.itemCount])),
  );
}

describe("map filters", () => {
  it("a segment that matches everyone reads the items exactly as the rollups count them", async () => {
    const db = await seedItems();
    const fromRollups = await getJourneyMap(db, "ws_demo", "d_j", RANGE);
    const fromItems = await getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ segment: { attributes: {} } }));

    expect(countsOf(fromRollups)).toEqual({ a: 3, b: 0, c: 2 });
    for (const [stageIndex, stage] of (fromRollups?.stages ?? []).entries()) {
      for (const [index, touchpoint] of stage.touchpoints.entries()) {
        const other = fromItems?.stages[stageIndex]?.touchpoints[index];
        for (const [key, value] of Object.entries(touchpoint.counters)) {
          expect(other?.counters[key as keyof typeof touchpoint.counters], `${touchpoint.key}.${key}`).toBeCloseTo(
            value,
            9,
          );
        }
        expect(other?.friction.score).toBeCloseTo(touchpoint.friction.score, 9);
        expect(other?.volume).toEqual(touchpoint.volume);
      }
    }
    expect(fromItems?.totals.counters.scoreCount).toBe(4);
    expect(fromItems?.totals.counters.detractorCount).toBe(2);
  });

  it("narrows by language, channel and source from the rollups", async () => {
    const db = await seedItems();
    expect(countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ languages: ["da"] })))).toEqual({
      a: 2,
      b: 0,
      c: 0,
    });
    expect(
      countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ channels: ["email"], languages: ["en"] }))),
    ).toEqual({ a: 1, b: 0, c: 1 });
    expect(countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ sourceIds: ["src_ws_other"] })))).toEqual(
      { a: 0, b: 0, c: 0 },
    );
    const map = await getJourneyMap(db, "ws_demo", "d_j", RANGE);
    expect(map?.channels).toEqual(["chat", "email", "phone"]);
  });

  it("adds up a touchpoint's rollups of a day across the languages and issues a filter keeps", async () => {
    const db = await seedItems();
    theme("ws_demo", "thm_late", "Late parcels");
    theme("ws_demo", "thm_refund", "Refunds");
    await addBoxItem(db, "i7", "d_c", "2026-11-10", "thm_late");
    await addBoxItem(db, "i8", "d_c", "2026-11-10", "thm_refund", "da");
    const everyLanguage = filter({ languages: ["", "da", "en"] });
    const filtered = await getJourneyMap(db, "ws_demo", "d_j", RANGE, everyLanguage);
    expect(countsOf(filtered)).toEqual({ a: 3, b: 0, c: 4 });
    expect(comparable(filtered)).toEqual(comparable(await getJourneyMap(db, "ws_demo", "d_j", RANGE)));
    expect(filtered?.recurringIssues.issues.map((i) => i.themeId).sort()).toEqual(["thm_late", "thm_refund"]);
  });

  it("selects a segment's customers by attribute and items by tag, within the workspace only", async () => {
    const db = await seedItems();
    const byPlan = await getJourneyMap(
      db,
      "ws_demo",
      "d_j",
      RANGE,
      filter({ segment: { attributes: { plan: ["box-yearly", "box-monthly"] } } }),
    );
    expect(countsOf(byPlan)).toEqual({ a: 2, b: 0, c: 1 });
    // The customer before the range still forms the baseline of the segment's volume.
    expect(byPlan?.stages[0]?.touchpoints[0]?.volume.baselineCount).toBe(1);

    const byTwoAttributes = filter({ segment: { attributes: { plan: ["box-yearly"], market: ["UK"] } } });
    expect(countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, byTwoAttributes))).toEqual({ a: 0, b: 0, c: 0 });

    const vip = filter({ segment: { tags: ["vip"] } });
    expect(countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, vip))).toEqual({ a: 1, b: 0, c: 1 });
    const otherVip = await getJourneyMap(db, "ws_other", "o_j", RANGE, vip);
    expect(countsOf(otherVip)).toEqual({ a: 1, b: 0, c: 0 });

    const detail = await getTouchpointDetail(db, "ws_demo", "d_a", RANGE, vip);
    expect(detail?.stats.counters.itemCount).toBe(1);
    expect(detail?.recentNegative.map((i) => i.id)).toEqual(["i1"]);
  });

  it("counts repeat-contact chains among the filtered items only", async () => {
    const db = await seedItems();
    const chainsAt = async (changes: Partial<MapFilter>) => {
      const map = await getJourneyMap(db, "ws_demo", "d_j", RANGE, filter(changes));
      const detail = await getTouchpointDetail(db, "ws_demo", "d_a", RANGE, filter(changes));
      return {
        active: map?.stages[0]?.touchpoints[0]?.activeRepeatChains,
        repeats: detail?.repeatChains.repeatContacts,
        chains: detail?.repeatChains.chains.map((c) => c.items.map((i) => i.id)),
      };
    };
    // i3 repeats i1 at touchpoint a: in Danish, by email, from a subscriber.
    expect(await chainsAt({})).toEqual({ active: 1, repeats: 1, chains: [["i1", "i3"]] });
    expect(await chainsAt({ languages: ["da"], channels: ["email"] })).toEqual({
      active: 1,
      repeats: 1,
      chains: [["i1", "i3"]],
    });
    expect(await chainsAt({ languages: ["en"] })).toEqual({ active: 0, repeats: 0, chains: [] });
    expect(await chainsAt({ segment: { attributes: { plan: ["none"] } } })).toEqual({
      active: 0,
      repeats: 0,
      chains: [],
    });
  });

  it("reads a saved segment's built days, and the items of days changed since, exactly as the items count", async () => {
    const db = await seedItems();
    const definition = { attributes: { plan: ["box-yearly", "box-monthly"] } };
    insert("segments", {
      id: "seg_box",
      workspace_id: "ws_demo",
      kind: "segment",
      name: "Subscribers",
      filter: JSON.stringify(definition),
      created_at: 0,
    });
    await ready();
    const fromItems = () => getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ segment: definition }));
    const saved = () =>
      getJourneyMap(db, "ws_demo", "d_j", RANGE, filter({ segment: definition, segmentId: "seg_box" }));

    // Two issues on one touchpoint and day: a read per touchpoint adds up both of its rows.
    theme("ws_demo", "thm_late", "Late parcels");
    theme("ws_demo", "thm_refund", "Refunds");
    await addBoxItem(db, "i7", "d_c", "2026-11-10", "thm_late");
    await addBoxItem(db, "i8", "d_c", "2026-11-10", "thm_refund");

    // Nothing built yet: every day is read from the items.
    expect(comparable(await saved())).toEqual(comparable(await fromItems()));
    // The cron's tick builds them (both workspaces' segments; only ws_demo has one).
    const built = await runScheduledSegmentBuilds(env);
    expect(built).toBeGreaterThan(0);
    expect(await segmentDays.staleDays(db, "ws_demo", "seg_box", 100)).toEqual([]);
    expect(comparable(await saved())).toEqual(comparable(await fromItems()));
    expect(countsOf(await saved())).toEqual({ a: 2, b: 0, c: 3 });

    // A new item on a built day makes that day stale: it is read from the items until the next build.
    const day = "2026-11-21";
    await addBoxItem(db, "i9", "d_a", day);
    expect(await segmentDays.staleDays(db, "ws_demo", "seg_box", 100)).toEqual([day]);
    expect(countsOf(await saved())).toEqual({ a: 3, b: 0, c: 3 });
    expect(comparable(await saved())).toEqual(comparable(await fromItems()));
    await segmentDays.refresh(db, "ws_demo");
    expect(comparable(await saved())).toEqual(comparable(await fromItems()));

    // A new definition drops what was built for the old one.
    await segments.update(
      db,
      "ws_demo",
      "seg_box",
      { kind: "segment", name: "Yearly", description: "", filter: { attributes: { plan: ["box-yearly"] } } },
      { actor: "user:test", now: 1 },
    );
    const rows = await env.DB.prepare("select count(*) n from segment_days where segment_id = 'seg_box'").first<{
      n: number;
    }>();
    expect(rows?.n).toBe(0);
  });

  it("reads attribute names literally, so a crafted name selects nothing", async () => {
    const db = await seedItems();
    const crafted = filter({ segment: { attributes: { "plan') or 1=1 --": ["x"] } } });
    expect(countsOf(await getJourneyMap(db, "ws_demo", "d_j", RANGE, crafted))).toEqual({ a: 0, b: 0, c: 0 });
  });
});
