/**
 * Alert rules: the kinds Firebreak watches for, each kind's parameters with their defaults and bounds, and the rule
 * set a workspace starts with. Parameters are validated with zod so the API, the settings page and the evaluator
 * read them from one place.
 * @module
 */
import { z } from "zod";

export const ALERT_RULE_KINDS = [
  "spike",
  "friction_threshold",
  "new_theme",
  "repeat_surge",
  "escalation",
  "human_moment_negative",
  "automation_at_human_moment",
] as const;
export type AlertKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof ALERT_SEVERITIES)[number];

/** Item-level kinds: evaluated as items are processed (and re-checked by the cron, which also resolves them). */
export const ITEM_KINDS: readonly AlertKind[] = ["escalation", "human_moment_negative", "automation_at_human_moment"];

const alpha = z.number().min(0.0001).max(0.1);
const windowHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 14);

/** Each kind's parameters; every field has a default, so `{}` is a valid rule. */
export const RULE_PARAMS = {
  spike: z.strictObject({
    alpha: alpha.default(0.01),
    minRecent: z.number().int().min(1).max(10_000).default(5),
  }),
  friction_threshold: z.strictObject({
    threshold: z.number().int().min(1).max(100).default(60),
    /** The score must fall this many points below the threshold before the alert resolves, so it cannot flap. */
    hysteresis: z.number().int().min(0).max(50).default(5),
  }),
  new_theme: z.strictObject({
    minItems: z.number().int().min(1).max(10_000).default(5),
    withinDays: z.number().int().min(1).max(90).default(14),
  }),
  repeat_surge: z.strictObject({
    alpha: alpha.default(0.01),
    minRecent: z.number().int().min(1).max(10_000).default(3),
  }),
  escalation: z.strictObject({ windowHours: windowHours.default(24) }),
  human_moment_negative: z.strictObject({ windowHours: windowHours.default(24) }),
  automation_at_human_moment: z.strictObject({ windowHours: windowHours.default(72) }),
} satisfies Record<AlertKind, z.ZodType>;

export type RuleParams<K extends AlertKind> = z.output<(typeof RULE_PARAMS)[K]>;

/** What a rule is, in words, for the settings page and the API docs. */
export const KIND_LABELS: Record<AlertKind, { label: string; description: string }> = {
  spike: {
    label: "Spike",
    description:
      "A touchpoint or issue gets significantly more feedback in the last 7 days than in the 8 weeks before.",
  },
  friction_threshold: {
    label: "Friction over a threshold",
    description: "A touchpoint's friction score over the last 30 days reaches the threshold.",
  },
  new_theme: {
    label: "New recurring issue",
    description: "A recurring issue first seen recently has gathered enough feedback to matter.",
  },
  repeat_surge: {
    label: "Surge of repeat contacts",
    description: "Customers come back about the same issue at a touchpoint significantly more than usual.",
  },
  escalation: {
    label: "Escalation cue",
    description: "Feedback asks for a manager, threatens to leave, mentions a complaint body or legal steps.",
  },
  human_moment_negative: {
    label: "Negative feedback at a human moment",
    description: "Feedback at or below a human moment's sentiment threshold.",
  },
  automation_at_human_moment: {
    label: "Automation at a human moment",
    description: "A bot or macro handled a ticket at a touchpoint that must never be automated.",
  },
};

/** A stored rule, as the evaluator reads it. */
export interface AlertRule {
  id: string;
  kind: AlertKind;
  name: string;
  touchpointId: string | null;
  themeId: string | null;
  params: Record<string, unknown>;
  destinationIds: string[];
  enabled: boolean;
}

/** A rule's parameters with defaults filled in; stored values that no longer validate fall back to the defaults. */
export function ruleParams<K extends AlertKind>(kind: K, stored: Record<string, unknown>): RuleParams<K> {
  const schema = RULE_PARAMS[kind] as unknown as z.ZodType<RuleParams<K>>;
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : (schema.parse({}) as RuleParams<K>);
}

/** The rules a workspace starts with: every kind, workspace-wide, with default parameters, to the inbox. */
export const DEFAULT_RULES: readonly { kind: AlertKind; name: string }[] = [
  { kind: "spike", name: "Spikes at touchpoints and issues" },
  { kind: "friction_threshold", name: "Friction score of 60 or more" },
  { kind: "new_theme", name: "New recurring issues" },
  { kind: "repeat_surge", name: "Surges of repeat contacts" },
  { kind: "escalation", name: "Escalation cues" },
  { kind: "human_moment_negative", name: "Negative feedback at human moments" },
  { kind: "automation_at_human_moment", name: "Bots or macros at human moments" },
];

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Whether `a` is more severe than `b`. */
export function moreSevere(a: Severity, b: Severity): boolean {
  return SEVERITY_RANK[a] > SEVERITY_RANK[b];
}
