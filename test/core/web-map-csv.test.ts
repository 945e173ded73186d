import { frictionScore } from "@firebreak/core/friction";
import type { JourneyMap, MapTouchpoint } from "@firebreak/db/queries/map";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportFileStem, fileSlug } from "../../apps/web/src/lib/file-name.ts";
import { hotspotsCsv, themesCsv } from "../../apps/web/src/lib/server/map-csv.ts";
import { EMPTY_COUNTERS } from "../../functions/core/src/friction.ts";

const EMPTY = EMPTY_COUNTERS;

/** A touchpoint whose score comes from real counters through the core's scoring. */
function touchpoint(name: string, negativeCount: number, itemCount = 100): MapTouchpoint {
  const counters = { ...EMPTY, itemCount, negativeCount, detractorCount: negativeCount, scoreCount: itemCount };
  return {
    id: `tp_${name}`,
    key: name,
    name,
    description: "",
    channel: "web",
    owner: null,
    humanMoment: null,
    humanMomentReason: null,
    humanMomentOwner: null,
    humanMomentSetAt: null,
    humanMomentSetBy: null,
    counters,
    friction: frictionScore(counters),
    negativeShare: negativeCount / Math.max(1, itemCount),
    averageSentiment: null,
    averageScore: null,
    spike: {} as MapTouchpoint["spike"],
    volume: { rangeDays: 90, baselineCount: 0, baselineDays: 0 },
    activeRepeatChains: 0,
    series: [],
  };
}

const map = {
  journey: { id: "jr_1", name: "Købsrejse", description: "", state: "current", position: 0 },
  range: { from: "2026-08-27", to: "2026-11-24", days: 90 },
  stages: [
    {
      id: "st_1",
      name: "=cmd|' /C calc'!A0",
      description: "",
      touchpoints: [
        touchpoint("Checkout", 90),
        touchpoint("+SUM(A1)", 100),
        touchpoint("Calm", 2),
        touchpoint("Empty", 0, 0),
      ],
    },
    { id: "st_2", name: "Delivery", description: "", touchpoints: [touchpoint("@Tracking", 80)] },
  ],
  recurringIssues: {
    from: "2026-08-27",
    to: "2026-11-24",
    issues: [
      {
        themeId: "thm_1",
        label: "-refund delays",
        status: "active",
        itemCount: 41,
        negativeShare: 0.756,
        friction: 30,
        touchpoints: [
          { id: "tp_a", name: "Checkout", isHumanMoment: false, itemCount: 30 },
          { id: "tp_b", name: "Æblegrød", isHumanMoment: false, itemCount: 11 },
        ],
        trend: { recentPerDay: 1, previousPerDay: 0.3, ratio: 3.333, direction: "rising" },
        weekly: [],
      },
    ],
  },
} as unknown as JourneyMap;

function parse(text: string) {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const result = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe("hotspotsCsv", () => {
  it("lists touchpoints at or above the hotspot line, worst first, with each part and formulae defused", () => {
    const rows = parse(hotspotsCsv(map));
    expect(rows.map((r) => r.Touchpoint)).toEqual(["'+SUM(A1)", "Checkout", "'@Tracking"]);
    expect(rows[0]?.Stage).toBe("'=cmd|' /C calc'!A0");
    const first = rows[0] as Record<string, string>;
    expect(Number(first["Friction score"])).toBe(map.stages[0]?.touchpoints[1]?.friction.score);
    expect(first["Negative feedback share (points)"]).toBe("30");
    expect(first["Negative feedback share (measured)"]).toBe("100%");
    expect(first.Level).toBe("Elevated");
    expect(first.Items).toBe("100");
    expect(first.From).toBe("2026-08-27");
  });
});

describe("themesCsv", () => {
  it("writes the recurring issues with where they occur and when the fix shipped", () => {
    const shipped = new Map([["thm_1", Date.parse("2026-10-02T15:00:00Z")]]);
    const [row] = parse(themesCsv(map, shipped));
    expect(row).toEqual({
      Issue: "'-refund delays",
      "Items (90 days)": "41",
      "Negative share": "75.6%",
      Trend: "rising",
      "Trend ratio": "3.33",
      Touchpoints: "Checkout (30); Æblegrød (11)",
      "Fix shipped": "2026-10-02",
      From: "2026-08-27",
      To: "2026-11-24",
    });
    expect(parse(themesCsv(map, new Map()))[0]?.["Fix shipped"]).toBe("");
  });
});

describe("export file names", () => {
  it("are ASCII slugs with the range", () => {
    expect(fileSlug("Købsrejse – Ünïcødé / Æble 2026")).toBe("kobsrejse-unicode-aeble-2026");
    expect(fileSlug("支付 💳")).toBe("journey");
    expect(exportFileStem("Online purchase", "map", { from: "2026-01-01", to: "2026-03-31" })).toBe(
      "firebreak-online-purchase-map-2026-01-01-to-2026-03-31",
    );
  });
});
