import { describe, expect, it } from "vitest";
import type { FrictionPart } from "../friction.ts";
import { type ItemGroupSignal, type Observation, observe, type VolumeSignal } from "./conditions.ts";
import { type ActiveAlert, RENOTIFY_QUIET_MS, reconcile, SEEN_EVERY_MS } from "./reconcile.ts";
import { type AlertKind, type AlertRule, DEFAULT_RULES, RULE_PARAMS, ruleParams } from "./rules.ts";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const DAY = 86_400_000;

function rule(kind: AlertKind, over: Partial<AlertRule> = {}): AlertRule {
  return {
    id: `rule_${kind}`,
    kind,
    name: kind,
    touchpointId: null,
    themeId: null,
    params: {},
    destinationIds: [],
    enabled: true,
    ...over,
  };
}

function volume(over: Partial<VolumeSignal> = {}): VolumeSignal {
  return {
    subject: "touchpoint",
    id: "tp_track",
    name: "Delivery tracking",
    recentCount: 40,
    recentDays: 7,
    baselineCount: 60,
    baselineDays: 56,
    recentRepeats: 0,
    baselineRepeats: 0,
    ...over,
  };
}

function group(over: Partial<ItemGroupSignal> = {}): ItemGroupSignal {
  return { touchpointId: "tp_cancel", name: "Cancellation", count: 1, latestItemId: "it_1", breakdown: {}, ...over };
}

describe("rule parameters", () => {
  it("fills defaults, and falls back to them when stored values no longer validate", () => {
    expect(ruleParams("friction_threshold", {})).toEqual({ threshold: 60, hysteresis: 5 });
    expect(ruleParams("friction_threshold", { threshold: 75 })).toEqual({ threshold: 75, hysteresis: 5 });
    expect(ruleParams("friction_threshold", { threshold: 900 })).toEqual({ threshold: 60, hysteresis: 5 });
    expect(RULE_PARAMS.spike.safeParse({ alpha: 0.5 }).success).toBe(false);
    expect(RULE_PARAMS.escalation.safeParse({ windowHours: 24, extra: 1 }).success).toBe(false);
  });

  it("starts a workspace with one rule of every kind", () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.kind)).size).toBe(7);
  });
});

describe("spike and repeat-surge rules", () => {
  it("flags a significant rise with the figures in words", () => {
    const [spike] = observe(rule("spike"), { volume: [volume()] }, NOW);
    expect(spike).toMatchObject({ conditionKey: "spike:tp:tp_track", state: "firing", touchpointId: "tp_track" });
    expect(spike?.value).toBeCloseTo(5.33, 1);
    expect(spike?.reasons[0]?.detail).toContain("40 in the last 7 days (5.7 a day) against 1.1 a day");
    expect(spike?.reasons[1]?.detail).toMatch(/mid-p < 0\.0001/);
    expect(spike?.severity).toBe("critical");
  });

  it("stays quiet for ordinary volume, too few items, or no history", () => {
    expect(observe(rule("spike"), { volume: [volume({ recentCount: 8 })] }, NOW)).toEqual([]);
    expect(observe(rule("spike"), { volume: [volume({ recentCount: 4, baselineCount: 0 })] }, NOW)).toEqual([]);
    expect(observe(rule("spike"), { volume: [volume({ baselineDays: 0 })] }, NOW)).toEqual([]);
  });

  it("watches issues too, and keeps a scoped rule to its scope", () => {
    const theme = volume({ subject: "theme", id: "th_1", name: "Refund delays" });
    const all = observe(rule("spike"), { volume: [volume(), theme] }, NOW);
    expect(all.map((o) => o.conditionKey)).toEqual(["spike:tp:tp_track", "spike:theme:th_1"]);
    expect(all[1]).toMatchObject({ themeId: "th_1", touchpointId: null, title: "Spike at Refund delays" });
    const scoped = observe(rule("spike", { themeId: "th_1" }), { volume: [volume(), theme] }, NOW);
    expect(scoped.map((o) => o.conditionKey)).toEqual(["spike:theme:th_1"]);
    expect(observe(rule("spike", { touchpointId: "tp_other" }), { volume: [volume()] }, NOW)).toEqual([]);
  });

  it("honours a stricter significance threshold", () => {
    const mild = volume({ recentCount: 15, baselineCount: 50 }); // mid-p ≈ 0.003
    expect(observe(rule("spike"), { volume: [mild] }, NOW)).toHaveLength(1);
    expect(observe(rule("spike", { params: { alpha: 0.0001 } }), { volume: [mild] }, NOW)).toEqual([]);
  });

  it("flags a surge of repeat contacts at touchpoints only", () => {
    const repeats = volume({ recentRepeats: 9, baselineRepeats: 8 });
    const [surge] = observe(rule("repeat_surge"), { volume: [repeats, { ...repeats, subject: "theme" }] }, NOW);
    expect(surge?.title).toBe("Repeat contacts surging at Delivery tracking");
    expect(surge?.reasons[0]?.detail).toContain("Repeat contacts: 9 in the last 7 days");
    expect(observe(rule("repeat_surge"), { volume: [volume({ recentRepeats: 2 })] }, NOW)).toEqual([]);
  });
});

describe("friction threshold", () => {
  const parts: FrictionPart[] = [
    {
      key: "negative",
      label: "Negative feedback share",
      value: 0.8,
      unit: "share",
      weight: 0.3,
      points: 24,
      explanation: "80% negative.",
    },
    {
      key: "spike",
      label: "Spike in the last 7 days",
      value: null,
      unit: "ratio",
      weight: 0.1,
      points: 0,
      explanation: "None.",
    },
    {
      key: "repeats",
      label: "Repeat contacts",
      value: 0.3,
      unit: "share",
      weight: 0.15,
      points: 13.5,
      explanation: "30% repeat.",
    },
  ];
  const signal = (score: number) => ({ touchpointId: "tp_pay", name: "Payment", score, windowDays: 30, parts });

  it("fires at the threshold with the score's parts as the why, biggest first, zero parts left out", () => {
    const [o] = observe(rule("friction_threshold"), { friction: [signal(64)] }, NOW);
    expect(o).toMatchObject({ state: "firing", severity: "warning", value: 64, title: "Friction 64 at Payment" });
    expect(o?.reasons.map((r) => r.label)).toEqual(["Friction score", "Negative feedback share", "Repeat contacts"]);
    expect(observe(rule("friction_threshold"), { friction: [signal(80)] }, NOW)[0]?.severity).toBe("critical");
  });

  it("holds just under the threshold and lets go below the hysteresis band", () => {
    expect(observe(rule("friction_threshold"), { friction: [signal(57)] }, NOW)[0]?.state).toBe("holding");
    expect(observe(rule("friction_threshold"), { friction: [signal(54)] }, NOW)).toEqual([]);
  });
});

describe("new recurring issues", () => {
  it("flags an issue first seen within the window once it has enough items", () => {
    const theme = { id: "th_new", name: "App login loop", firstSeenAt: NOW - 3 * DAY, itemCount: 7 };
    const [o] = observe(rule("new_theme"), { themes: [theme] }, NOW);
    expect(o).toMatchObject({
      conditionKey: "new_theme:theme:th_new",
      severity: "info",
      title: "New recurring issue: App login loop",
    });
    expect(o?.reasons[0]?.detail).toBe("First seen 2026-11-21, 3 days ago.");
    expect(observe(rule("new_theme"), { themes: [{ ...theme, itemCount: 4 }] }, NOW)).toEqual([]);
    expect(observe(rule("new_theme"), { themes: [{ ...theme, firstSeenAt: NOW - 15 * DAY }] }, NOW)).toEqual([]);
  });
});

describe("item-level rules", () => {
  it("groups escalations per touchpoint with the cues named", () => {
    const obs = observe(
      rule("escalation"),
      {
        escalations: [
          group({ count: 3, breakdown: { manager_request: 2, legal_threat: 1 } }),
          group({ touchpointId: null, name: "", count: 1 }),
        ],
      },
      NOW,
    );
    expect(obs.map((o) => [o.conditionKey, o.severity])).toEqual([
      ["escalation:tp:tp_cancel", "critical"],
      ["escalation:tp:none", "warning"],
    ]);
    expect(obs[0]?.reasons[1]?.detail).toBe("manager request ×2, legal threat");
    expect(obs[1]?.title).toBe("Escalation cues on unplaced feedback");
    expect(obs[0]?.itemId).toBe("it_1");
  });

  it("words negative feedback and automation at human moments as critical", () => {
    const [negative] = observe(
      rule("human_moment_negative"),
      { negativeAtHumanMoments: [group({ count: 2, threshold: -0.5, lowestSentiment: -0.91 })] },
      NOW,
    );
    expect(negative?.severity).toBe("critical");
    expect(negative?.reasons[1]?.detail).toBe("-0.91 on a scale from −1 to 1.");
    const [bot] = observe(
      rule("automation_at_human_moment"),
      {
        automationAtHumanMoments: [
          group({ count: 2, breakdown: { bot: 1, macro: 1 }, evidence: ["Zendesk via rule"] }),
        ],
      },
      NOW,
    );
    expect(bot?.reasons.map((r) => r.detail)).toEqual([
      "2 tickets in the last 72 hours handled by bot, macro at a touchpoint that must never be automated.",
      "Zendesk via rule",
    ]);
  });
});

describe("reconcile: one open alert per condition", () => {
  const firing = (over: Partial<Observation> = {}): Observation => ({
    ruleId: "r1",
    kind: "escalation",
    conditionKey: "tp:a",
    state: "firing",
    severity: "warning",
    title: "t",
    value: 2,
    reasons: [],
    touchpointId: "a",
    themeId: null,
    itemId: null,
    ...over,
  });
  const active = (over: Partial<ActiveAlert> = {}): ActiveAlert => ({
    id: "al_1",
    ruleId: "r1",
    kind: "escalation",
    conditionKey: "tp:a",
    status: "open",
    severity: "warning",
    value: 2,
    notifiedValue: 2,
    notifiedSeverity: "warning",
    lastNotifiedAt: NOW - 2 * RENOTIFY_QUIET_MS,
    lastSeenAt: NOW - 60_000,
    ...over,
  });
  const evaluated = new Set(["r1"]);

  it("opens a new condition once, even when it is observed twice", () => {
    const plan = reconcile({ active: [], observations: [firing(), firing()], evaluatedRuleIds: evaluated, now: NOW });
    expect(plan.opened).toHaveLength(1);
  });

  it("does not open on a holding observation", () => {
    const plan = reconcile({
      active: [],
      observations: [firing({ state: "holding" })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(plan).toEqual({ opened: [], updated: [], resolved: [] });
  });

  it("updates an open alert silently until it is worse", () => {
    const same = reconcile({
      active: [active()],
      observations: [firing({ value: 2 })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(same.updated.map((u) => u.notify)).toEqual([false]);
    const worse = reconcile({
      active: [active()],
      observations: [firing({ value: 3 })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(worse.updated.map((u) => u.notify)).toEqual([true]);
  });

  it("keeps quiet within the hour unless the severity rose", () => {
    const recent = active({ lastNotifiedAt: NOW - 10 * 60_000 });
    const more = reconcile({
      active: [recent],
      observations: [firing({ value: 9 })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(more.updated[0]?.notify).toBe(false);
    const critical = reconcile({
      active: [recent],
      observations: [firing({ value: 3, severity: "critical" })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(critical.updated[0]?.notify).toBe(true);
  });

  it("writes an unchanged alert only when its last sighting is stale, and any change at once", () => {
    const plan = (alert: ActiveAlert, value = 2) =>
      reconcile({ active: [alert], observations: [firing({ value })], evaluatedRuleIds: evaluated, now: NOW })
        .updated[0];
    expect(plan(active())?.write).toBe(false);
    expect(plan(active({ lastSeenAt: NOW - SEEN_EVERY_MS }))?.write).toBe(true);
    expect(plan(active({ lastNotifiedAt: NOW - 60_000 }), 3)).toMatchObject({ write: true, notify: false });
    expect(plan(active({ severity: "critical", notifiedSeverity: "critical" }))?.write).toBe(true);
  });

  it("needs ten more points to re-notify a friction alert", () => {
    const alert = active({ kind: "friction_threshold", value: 62, notifiedValue: 62 });
    const at = (value: number) =>
      reconcile({
        active: [alert],
        observations: [firing({ kind: "friction_threshold", value })],
        evaluatedRuleIds: evaluated,
        now: NOW,
      }).updated[0]?.notify;
    expect(at(71)).toBe(false);
    expect(at(72)).toBe(true);
  });

  it("resolves what its rule no longer sees, and only what was evaluated", () => {
    const other = active({ id: "al_2", ruleId: "r2", conditionKey: "tp:b" });
    const plan = reconcile({ active: [active(), other], observations: [], evaluatedRuleIds: evaluated, now: NOW });
    expect(plan.resolved.map((r) => [r.alert.id, r.reason])).toEqual([["al_1", "The condition cleared."]]);
  });

  it("resolves the alerts of a deleted or disabled rule in a full evaluation", () => {
    const orphan = active({ id: "al_3", ruleId: null });
    const disabled = active({ id: "al_4", ruleId: "r9" });
    const plan = reconcile({
      active: [orphan, disabled],
      observations: [],
      evaluatedRuleIds: evaluated,
      enabledRuleIds: evaluated,
      now: NOW,
    });
    expect(plan.resolved.map((r) => r.alert.id)).toEqual(["al_3", "al_4"]);
    expect(plan.resolved[0]?.reason).toBe("Its rule was turned off or deleted.");
  });

  it("keeps an alert open while its condition holds", () => {
    const plan = reconcile({
      active: [active()],
      observations: [firing({ state: "holding", value: 1 })],
      evaluatedRuleIds: evaluated,
      now: NOW,
    });
    expect(plan.resolved).toEqual([]);
    expect(plan.updated[0]?.notify).toBe(false);
  });
});
