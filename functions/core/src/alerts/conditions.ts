/**
 * From signals to observations: each rule kind looks at the figures the database summed (windows of rollups, recent
 * items at human moments) and says which conditions hold, how severe they are and why, in sentences a CX lead can act
 * on. Pure: the clock and every figure come in as arguments.
 * @module
 */
import { detectSpike, type FrictionPart } from "../friction.ts";
import { type AlertKind, type AlertRule, ruleParams, type Severity } from "./rules.ts";

/** One line of an alert's "why flagged". */
export interface Reason {
  label: string;
  detail: string;
}

/**
 * A condition seen by one rule. `firing` opens an alert (or keeps one open); `holding` only keeps an open alert open:
 * the condition has eased but not cleared (hysteresis), so the alert neither resolves nor re-opens on every wobble.
 */
export interface Observation {
  ruleId: string;
  kind: AlertKind;
  /** What the condition is about, unique per rule: `<kind>:tp:<id>`, `<kind>:theme:<id>`. */
  conditionKey: string;
  state: "firing" | "holding";
  severity: Severity;
  title: string;
  /** The measure re-notification compares: a rate ratio, a score, a count. */
  value: number;
  reasons: Reason[];
  touchpointId: string | null;
  themeId: string | null;
  /** The newest item behind an item-level alert. */
  itemId: string | null;
}

/** Feedback volume of a touchpoint or an issue: the last 7 days against the 8 weeks before. */
export interface VolumeSignal {
  subject: "touchpoint" | "theme";
  id: string;
  name: string;
  recentCount: number;
  recentDays: number;
  baselineCount: number;
  /** Days of the baseline with data flowing (0: no history, nothing to compare with). */
  baselineDays: number;
  recentRepeats: number;
  baselineRepeats: number;
}

/** A touchpoint's friction score over the scoring window, with its parts. */
export interface FrictionSignal {
  touchpointId: string;
  name: string;
  score: number;
  windowDays: number;
  parts: FrictionPart[];
}

export interface ThemeSignal {
  id: string;
  name: string;
  firstSeenAt: number;
  itemCount: number;
}

/** Recent items at one touchpoint that match an item-level rule. */
export interface ItemGroupSignal {
  touchpointId: string | null;
  name: string;
  count: number;
  latestItemId: string;
  /** Named counts behind the group: escalation cues, or who handled the ticket. */
  breakdown: Record<string, number>;
  /** Lowest sentiment in the group (for the human-moment rule). */
  lowestSentiment?: number;
  /** The touchpoint's sentiment threshold (for the human-moment rule). */
  threshold?: number;
  /** Provider evidence of automation, a few sentences at most. */
  evidence?: string[];
}

export interface Signals {
  volume: VolumeSignal[];
  friction: FrictionSignal[];
  themes: ThemeSignal[];
  escalations: ItemGroupSignal[];
  negativeAtHumanMoments: ItemGroupSignal[];
  automationAtHumanMoments: ItemGroupSignal[];
}

const DAY_MS = 86_400_000;

/** The observations of one rule over the signals, within the rule's scope. */
export function observe(rule: AlertRule, signals: Partial<Signals>, now: number): Observation[] {
  const inScope = (subject: { touchpointId?: string | null; themeId?: string | null }) =>
    (rule.touchpointId === null || subject.touchpointId === rule.touchpointId) &&
    (rule.themeId === null || subject.themeId === rule.themeId);
  const base = { ruleId: rule.id, kind: rule.kind, itemId: null };
  switch (rule.kind) {
    case "spike": {
      const { alpha, minRecent } = ruleParams("spike", rule.params);
      return (signals.volume ?? []).flatMap((v) => {
        const subject = subjectOf(v);
        if (!inScope(subject)) return [];
        const test = detectSpike(v.recentCount, v.recentDays, v.baselineCount, v.baselineDays, { alpha, minRecent });
        if (!test.spike) return [];
        return [
          {
            ...base,
            ...subject,
            conditionKey: `spike:${v.subject === "touchpoint" ? "tp" : "theme"}:${v.id}`,
            state: "firing" as const,
            severity: test.pValue < alpha / 10 && (test.rateRatio ?? 0) >= 3 ? "critical" : "warning",
            title: `Spike at ${v.name}`,
            value: round(test.rateRatio ?? 0, 2),
            reasons: rateReasons("Feedback", v.recentCount, v.recentDays, v.baselineCount, v.baselineDays, test, alpha),
          } satisfies Observation,
        ];
      });
    }
    case "repeat_surge": {
      const { alpha, minRecent } = ruleParams("repeat_surge", rule.params);
      return (signals.volume ?? []).flatMap((v) => {
        const subject = subjectOf(v);
        if (v.subject !== "touchpoint" || !inScope(subject)) return [];
        const test = detectSpike(v.recentRepeats, v.recentDays, v.baselineRepeats, v.baselineDays, {
          alpha,
          minRecent,
        });
        if (!test.spike) return [];
        return [
          {
            ...base,
            ...subject,
            conditionKey: `repeat_surge:tp:${v.id}`,
            state: "firing" as const,
            severity: "warning" as const,
            title: `Repeat contacts surging at ${v.name}`,
            value: round(test.rateRatio ?? 0, 2),
            reasons: rateReasons(
              "Repeat contacts",
              v.recentRepeats,
              v.recentDays,
              v.baselineRepeats,
              v.baselineDays,
              test,
              alpha,
            ),
          } satisfies Observation,
        ];
      });
    }
    case "friction_threshold": {
      const { threshold, hysteresis } = ruleParams("friction_threshold", rule.params);
      return (signals.friction ?? []).flatMap((f) => {
        const subject = { touchpointId: f.touchpointId, themeId: null };
        if (!inScope(subject) || f.score < threshold - hysteresis) return [];
        const parts = f.parts
          .filter((p) => p.points > 0)
          .sort((a, b) => b.points - a.points)
          .map((p) => ({ label: p.label, detail: `${round(p.points, 1)} points. ${p.explanation}` }));
        return [
          {
            ...base,
            ...subject,
            conditionKey: `friction_threshold:tp:${f.touchpointId}`,
            state: f.score >= threshold ? ("firing" as const) : ("holding" as const),
            severity: f.score >= Math.min(100, threshold + 20) ? "critical" : "warning",
            title: `Friction ${f.score} at ${f.name}`,
            value: f.score,
            reasons: [
              {
                label: "Friction score",
                detail: `${f.score} of 100 over the last ${f.windowDays} days; the rule flags ${threshold} or more.`,
              },
              ...parts,
            ],
          } satisfies Observation,
        ];
      });
    }
    case "new_theme": {
      const { minItems, withinDays } = ruleParams("new_theme", rule.params);
      return (signals.themes ?? []).flatMap((t) => {
        const subject = { touchpointId: null, themeId: t.id };
        if (!inScope(subject) || t.itemCount < minItems || now - t.firstSeenAt > withinDays * DAY_MS) return [];
        const days = Math.max(1, Math.ceil((now - t.firstSeenAt) / DAY_MS));
        return [
          {
            ...base,
            ...subject,
            conditionKey: `new_theme:theme:${t.id}`,
            state: "firing" as const,
            severity: "info" as const,
            title: `New recurring issue: ${t.name}`,
            value: t.itemCount,
            reasons: [
              {
                label: "New",
                detail: `First seen ${new Date(t.firstSeenAt).toISOString().slice(0, 10)}, ${plural(days, "day")} ago.`,
              },
              {
                label: "Volume",
                detail: `${plural(t.itemCount, "item")} so far; the rule flags ${minItems} or more within ${withinDays} days.`,
              },
            ],
          } satisfies Observation,
        ];
      });
    }
    case "escalation": {
      const { windowHours } = ruleParams("escalation", rule.params);
      return itemGroups(rule, signals.escalations ?? [], inScope, (g) => ({
        severity: g.count >= 3 ? "critical" : "warning",
        title: g.touchpointId ? `Escalation cues at ${g.name}` : "Escalation cues on unplaced feedback",
        reasons: [
          {
            label: "Escalations",
            detail: `${plural(g.count, "item")} with escalation cues in the last ${windowHours} hours.`,
          },
          { label: "Cues", detail: breakdownSentence(g.breakdown) },
        ],
      }));
    }
    case "human_moment_negative": {
      const { windowHours } = ruleParams("human_moment_negative", rule.params);
      return itemGroups(rule, signals.negativeAtHumanMoments ?? [], inScope, (g) => ({
        severity: "critical",
        title: `Negative feedback at human moment ${g.name}`,
        reasons: [
          {
            label: "Human moment",
            detail: `${plural(g.count, "item")} at or below its sentiment threshold (${g.threshold ?? -0.5}) in the last ${windowHours} hours; each gets a person's follow-up.`,
          },
          ...(g.lowestSentiment === undefined
            ? []
            : [{ label: "Lowest sentiment", detail: `${round(g.lowestSentiment, 2)} on a scale from −1 to 1.` }]),
        ],
      }));
    }
    case "automation_at_human_moment": {
      const { windowHours } = ruleParams("automation_at_human_moment", rule.params);
      return itemGroups(rule, signals.automationAtHumanMoments ?? [], inScope, (g) => ({
        severity: "critical",
        title: `Automation at human moment ${g.name}`,
        reasons: [
          {
            label: "Handled by automation",
            detail: `${plural(g.count, "ticket")} in the last ${windowHours} hours handled by ${breakdownSentence(g.breakdown)} at a touchpoint that must never be automated.`,
          },
          ...(g.evidence ?? []).slice(0, 3).map((e) => ({ label: "Evidence", detail: e })),
        ],
      }));
    }
  }
}

function itemGroups(
  rule: AlertRule,
  groups: ItemGroupSignal[],
  inScope: (s: { touchpointId: string | null; themeId: null }) => boolean,
  describe: (g: ItemGroupSignal) => Pick<Observation, "severity" | "title" | "reasons">,
): Observation[] {
  return groups.flatMap((g) => {
    const subject = { touchpointId: g.touchpointId, themeId: null };
    if (g.count === 0 || !inScope(subject)) return [];
    return [
      {
        ruleId: rule.id,
        kind: rule.kind,
        ...subject,
        itemId: g.latestItemId,
        conditionKey: `${rule.kind}:tp:${g.touchpointId ?? "none"}`,
        state: "firing" as const,
        value: g.count,
        ...describe(g),
      },
    ];
  });
}

function subjectOf(v: VolumeSignal) {
  return v.subject === "touchpoint" ? { touchpointId: v.id, themeId: null } : { touchpointId: null, themeId: v.id };
}

function rateReasons(
  what: string,
  recent: number,
  recentDays: number,
  baseline: number,
  baselineDays: number,
  test: { pValue: number; rateRatio: number | null },
  alpha: number,
): Reason[] {
  const perDay = (n: number, d: number) => round(n / d, 1);
  return [
    {
      label: "Volume",
      detail: `${what}: ${recent} in the last ${recentDays} days (${perDay(recent, recentDays)} a day) against ${perDay(baseline, baselineDays)} a day in the ${baselineDays} days before, ${round(test.rateRatio ?? 0, 1)}× as many.`,
    },
    {
      label: "Significance",
      detail: `Exact Poisson rate test, one-sided mid-p ${formatP(test.pValue)} (the rule flags below ${alpha}).`,
    },
  ];
}

function breakdownSentence(breakdown: Record<string, number>): string {
  const entries = Object.entries(breakdown).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return "none named";
  return entries
    .map(([name, n]) => (n > 1 ? `${name.replaceAll("_", " ")} ×${n}` : name.replaceAll("_", " ")))
    .join(", ");
}

function formatP(p: number): string {
  return p < 0.0001 ? "< 0.0001" : `= ${p.toPrecision(2)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
