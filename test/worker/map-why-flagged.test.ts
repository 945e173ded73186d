import { beforeEach, describe, expect, it } from "vitest";
import { getJourneyMap, getRecurringIssues, getRepeatChains, getTouchpointDetail } from "../../db/src/queries/map.ts";
import { customer, item, noon, RANGE, ready, resetWorkspaces, rollup, theme } from "./map-fixtures.ts";

const HOUR_MS = 3_600_000;
const END = noon(RANGE.to);

beforeEach(resetWorkspaces);

describe("getTouchpointDetail: why flagged", () => {
  it("gives every part its weight, points, explanation and the recent items behind it, with links and sources", async () => {
    const neutral = { sentiment: 0.1, sentiment_label: "neutral" };
    for (let i = 0; i < 7; i++) item(`neg${i}`, "d_a", END - i * HOUR_MS);
    const scored = [
      ["nps6", "nps", 6],
      ["nps7", "nps", 7],
      ["csat2", "csat5", 2],
      ["csat3", "csat5", 3],
      ["c3one", "csat3", 1],
      ["ces3", "ces7", 3],
      ["thumb0", "thumbs", 0],
      ["custom0", "custom", 0],
      ["stars2", "stars5", 2],
    ] as const;
    scored.forEach(([id, scale, score], i) => {
      item(id, "d_a", END - (10 + i) * HOUR_MS, { ...neutral, scale, score });
    });
    item("esc", "d_a", END - 30 * HOUR_MS, {
      ...neutral,
      escalations: JSON.stringify(["legal_threat", "churn_risk"]),
      url: "https://support.example.com/tickets/42",
    });
    item("rep", "d_a", END - 31 * HOUR_MS, { ...neutral, repeat_of_item_id: "neg6" });
    item("hot", "d_a", END - 40 * HOUR_MS, { friction: 0.9 });
    item("elsewhere", "d_b", END, { escalations: JSON.stringify(["legal_threat"]) });
    item("erased", "d_a", END, { erased_at: END, escalations: JSON.stringify(["legal_threat"]) });
    // Another workspace's item forged onto this touchpoint id: never shown.
    item("foreign", "d_a", END + HOUR_MS / 2, {
      workspace_id: "ws_other",
      escalations: JSON.stringify(["legal_threat"]),
      repeat_of_item_id: "neg0",
      scale: "nps",
      score: 0,
    });
    rollup("ws_demo", "d_a", RANGE.to, 20, {
      detractor_count: 6,
      score_count: 9,
      escalation_count: 1,
      repeat_count: 1,
    });

    const detail = await getTouchpointDetail(await ready(), "ws_demo", "d_a", RANGE);
    const parts = Object.fromEntries((detail?.whyFlagged ?? []).map((p) => [p.key, p]));
    const ids = (key: string) => parts[key]?.evidence.map((i) => i.id);

    expect(detail?.whyFlagged.map((p) => p.key)).toEqual([
      "negative",
      "lowScores",
      "repeats",
      "escalations",
      "spike",
      "volume",
    ]);
    for (const part of detail?.whyFlagged ?? []) {
      expect(part.weight).toBeGreaterThan(0);
      expect(part.explanation).toMatch(/points\.$/);
      expect(part.evidence.length).toBeLessThanOrEqual(5);
    }
    expect(parts.lowScores?.value).toBeCloseTo(6 / 9);
    expect(ids("negative")).toEqual(["neg0", "neg1", "neg2", "neg3", "neg4"]);
    // Six low scores (not NPS 7, CSAT 3 or a custom 0); the newest five.
    expect(ids("lowScores")).toEqual(["nps6", "csat2", "c3one", "ces3", "thumb0"]);
    expect(ids("escalations")).toEqual(["esc"]);
    expect(parts.escalations?.evidence[0]).toMatchObject({
      escalations: ["legal_threat", "churn_risk"],
      url: "https://support.example.com/tickets/42",
      source: { id: "src_ws_demo", name: "Support d", provider: "zendesk" },
    });
    expect(ids("repeats")).toEqual(["rep"]);
    expect(parts.repeats?.evidence[0]?.isRepeat).toBe(true);
    // The spike window's most frictional item first.
    expect(ids("spike")?.[0]).toBe("hot");
    expect(ids("volume")).toEqual(["neg0", "neg1", "neg2", "neg3", "neg4"]);
    expect(detail?.recentNegative.map((i) => i.id)).toEqual([
      "neg0",
      "neg1",
      "neg2",
      "neg3",
      "neg4",
      "neg5",
      "neg6",
      "hot",
    ]);
    expect(JSON.stringify(detail)).not.toContain("foreign");
    expect(JSON.stringify(detail)).not.toContain("elsewhere");
    expect(detail?.stats.friction.lowSample).toMatchObject({ sampleSize: 20 });
  });
});

describe("recurring issues", () => {
  function seedThemes() {
    for (let k = 1; k <= 12; k++) {
      theme("ws_demo", `th${k}`, `Theme ${k}`);
      rollup("ws_demo", "d_a", "2026-11-20", 2, { theme_id: `th${k}`, friction_sum: k });
    }
    theme("ws_demo", "th_cand", "Candidate", "candidate");
    rollup("ws_demo", "d_a", "2026-11-20", 30, { theme_id: "th_cand", friction_sum: 50, negative_count: 30 });
    theme("ws_demo", "th_merged", "Merged", "merged");
    rollup("ws_demo", "d_a", "2026-11-20", 5, { theme_id: "th_merged", friction_sum: 100 });
    theme("ws_demo", "th_arch", "Archived", "archived");
    rollup("ws_demo", "d_a", "2026-11-20", 5, { theme_id: "th_arch", friction_sum: 100 });
    rollup("ws_demo", "d_a", "2026-11-21", 50, { friction_sum: 1000 }); // no theme
    // th12 also at touchpoint c, and long before the last 30 days.
    rollup("ws_demo", "d_c", "2026-11-20", 8, { theme_id: "th12", friction_sum: 1, negative_count: 8 });
    rollup("ws_demo", "d_a", "2026-09-15", 60, { theme_id: "th12", friction_sum: 2, negative_count: 0 });
    // Outside the 90 days, and another workspace's rows: neither counts.
    rollup("ws_demo", "d_a", "2026-08-25", 1, { theme_id: "th1", friction_sum: 1000 });
    rollup("ws_other", "d_a", "2026-11-20", 1, { theme_id: "th2", friction_sum: 999 });
    theme("ws_other", "th_o", "Other workspace's theme");
    rollup("ws_other", "o_a", "2026-11-20", 1, { theme_id: "th_o", friction_sum: 999 });
  }

  it("ranks the journey's top 10 live themes by friction over 90 days, with touchpoints, trend and weeks", async () => {
    seedThemes();
    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const recurring = map?.recurringIssues;

    expect(recurring).toMatchObject({ from: "2026-08-26", to: "2026-11-23" });
    expect(recurring?.issues.map((i) => i.themeId)).toEqual([
      "th_cand",
      "th12",
      "th11",
      "th10",
      "th9",
      "th8",
      "th7",
      "th6",
      "th5",
      "th4",
    ]);
    const [candidate, twelve] = recurring?.issues ?? [];
    expect(candidate).toMatchObject({ label: "Candidate", status: "candidate", itemCount: 30, negativeShare: 1 });
    expect(candidate?.trend.direction).toBe("new");
    expect(twelve).toMatchObject({ label: "Theme 12", itemCount: 70, friction: 15 });
    expect(twelve?.negativeShare).toBeCloseTo(9 / 70);
    expect(twelve?.touchpoints).toEqual([
      { id: "d_a", name: "Touchpoint a", isHumanMoment: false, itemCount: 62 },
      // The fixture's touchpoint c is a human moment: its badge follows its name here too.
      { id: "d_c", name: "Touchpoint c", isHumanMoment: true, itemCount: 8 },
    ]);
    // 10 in the last 30 days (0.33/day) against 60 in the 60 before (1/day).
    expect(twelve?.trend).toMatchObject({ direction: "falling", previousPerDay: 1 });
    expect(twelve?.trend.ratio).toBeCloseTo(1 / 3);
    expect(twelve?.weekly).toHaveLength(13);
    expect(twelve?.weekly.reduce((n, w) => n + w.itemCount, 0)).toBe(70);
    expect(twelve?.weekly.at(-1)).toMatchObject({ from: "2026-11-17", to: "2026-11-23", itemCount: 10 });
    expect(twelve?.weekly[0]).toMatchObject({ from: "2026-08-26", days: 6 });

    expect(await getRecurringIssues(await ready(), "ws_demo", { journeyId: "d_j" }, RANGE.to)).toEqual(recurring);
    expect(JSON.stringify(recurring)).not.toContain("Other workspace");
  });

  it("lists a touchpoint's own issues, counted at that touchpoint only", async () => {
    seedThemes();
    const detail = await getTouchpointDetail(await ready(), "ws_demo", "d_c", RANGE);
    expect(detail?.recurringIssues.issues).toHaveLength(1);
    expect(detail?.recurringIssues.issues[0]).toMatchObject({
      themeId: "th12",
      itemCount: 8,
      touchpoints: [{ id: "d_c", itemCount: 8 }],
    });
    expect((await getRecurringIssues(await ready(), "ws_other", { touchpointId: "d_c" }, RANGE.to)).issues).toEqual([]);
  });
});

describe("repeat-contact chains", () => {
  function seedChains() {
    customer("ws_demo", "cu1");
    customer("ws_demo", "cu2");
    customer("ws_other", "cu_o");
    theme("ws_demo", "thA", "Refund delays");
    theme("ws_demo", "thB", "Login");
    const link = (id: string, touchpointId: string, day: string, customerId: string | null, extra = {}) =>
      item(id, touchpointId, noon(day), { customer_id: customerId, text: `said ${id}`, ...extra });
    // Customer 1 about refunds, moving from touchpoint a to b and back.
    link("r1", "d_a", "2026-11-01", "cu1", { theme_id: "thA" });
    link("r2", "d_b", "2026-11-05", "cu1", { theme_id: "thA", repeat_of_item_id: "r1" });
    link("r3", "d_a", "2026-11-12", "cu1", { theme_id: "thA", repeat_of_item_id: "r2" });
    link("r4", "d_a", "2026-11-20", "cu1", { theme_id: "thA", repeat_of_item_id: "r3", url: "https://x.test/r4" });
    // Customer 2, long ago.
    link("s1", "d_a", "2026-10-01", "cu2");
    link("s2", "d_a", "2026-10-03", "cu2", { repeat_of_item_id: "s1" });
    // Customer 1 again, about logging in.
    link("u1", "d_c", "2026-11-15", "cu1", { theme_id: "thB" });
    link("u2", "d_a", "2026-11-21", "cu1", { theme_id: "thB", repeat_of_item_id: "u1" });
    // A link into another workspace's item, and another workspace's item linked to ours: neither crosses over.
    link("w2", "d_a", "2026-11-02", null, { repeat_of_item_id: "x0" });
    link("x0", "o_a", "2026-10-30", "cu_o", { workspace_id: "ws_other", text: "foreign root" });
    link("x1", "d_a", "2026-11-22", "cu_o", { workspace_id: "ws_other", text: "foreign", repeat_of_item_id: "r4" });
  }

  it("follows each chain back to its first contact, newest first, with ordinal customer labels", async () => {
    seedChains();
    const detail = await getTouchpointDetail(await ready(), "ws_demo", "d_a", RANGE);
    const chains = detail?.repeatChains.chains ?? [];

    expect(detail?.repeatChains.repeatContacts).toBe(5);
    expect(chains.map((c) => c.rootItemId)).toEqual(["u1", "r1", "x0", "s1"]);
    expect(chains.map((c) => c.customerLabel)).toEqual(["Customer A", "Customer A", "Customer B", "Customer C"]);
    const [login, refunds, crossing, old] = chains;
    expect(refunds).toMatchObject({
      themeLabel: "Refund delays",
      length: 4,
      complete: true,
      firstAt: noon("2026-11-01"),
      lastAt: noon("2026-11-20"),
      active: true,
    });
    expect(refunds?.items.map((i) => i.id)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(refunds?.items[1]).toMatchObject({ text: "said r2", touchpoint: { id: "d_b", name: "Touchpoint b" } });
    expect(refunds?.items[3]?.url).toBe("https://x.test/r4");
    expect(login).toMatchObject({ themeLabel: "Login", length: 2, active: true });
    expect(crossing).toMatchObject({ length: 1, complete: false, items: [{ id: "w2" }] });
    expect(old).toMatchObject({ length: 2, active: false, themeLabel: null });
    const json = JSON.stringify(detail?.repeatChains);
    expect(json).not.toContain("foreign");
    expect(json).not.toContain("cu1");
  });

  it("lists a journey's chains, limited, and counts active chains per touchpoint on the map", async () => {
    seedChains();
    const journey = await getRepeatChains(await ready(), "ws_demo", { journeyId: "d_j" }, RANGE);
    expect(journey.repeatContacts).toBe(6);
    expect(journey.chains.map((c) => c.rootItemId)).toEqual(["u1", "r1", "x0", "s1"]);
    expect(journey.chains[1]?.length).toBe(4);
    const limited = await getRepeatChains(await ready(), "ws_demo", { journeyId: "d_j" }, RANGE, 1);
    expect(limited.chains.map((c) => c.rootItemId)).toEqual(["u1"]);
    expect((await getRepeatChains(await ready(), "ws_demo", { journeyId: "o_j" }, RANGE)).chains).toEqual([]);

    const map = await getJourneyMap(await ready(), "ws_demo", "d_j", RANGE);
    const [a, b] = map?.stages[0]?.touchpoints ?? [];
    // Refunds and login for customer 1 at a; the other workspace's forged repeat does not count.
    expect(a?.activeRepeatChains).toBe(2);
    expect(b?.activeRepeatChains).toBe(0);
    expect(map?.totals.activeRepeatChains).toBe(2);
  });
});
