/**
 * The form fields of each alert rule kind, read from the core's zod `RULE_PARAMS` (bounds, whole numbers, defaults)
 * with the words people need beside them (label, help, unit), and the check of a submitted form against the same
 * schema so each problem shows beside its field. One place: a new parameter in the core shows up here by itself.
 * @module
 */
import { type AlertKind, RULE_PARAMS } from "@firebreak/core/alerts/rules";
import type { z } from "zod";

/** One parameter as a labelled number field. */
export interface RuleField {
  name: string;
  label: string;
  help: string;
  unit: string;
  min: number;
  max: number;
  step: number | "any";
  defaultValue: number;
}

const WORDS: Record<string, Omit<RuleField, "name" | "min" | "max" | "step" | "defaultValue">> = {
  alpha: {
    label: "Significance level",
    help: "Flag only when a rise this unlikely by chance is seen (a one-sided p-value below this). Lower flags less often.",
    unit: "p-value",
  },
  minRecent: {
    label: "Minimum recent feedback",
    help: "Ignore rises smaller than this many items in the last 7 days, however unusual.",
    unit: "items",
  },
  threshold: {
    label: "Friction threshold",
    help: "Flag a touchpoint whose friction score over the last 30 days reaches this.",
    unit: "score (0–100)",
  },
  hysteresis: {
    label: "Resolve margin",
    help: "The score must fall this far below the threshold before the alert resolves, so it does not flap.",
    unit: "points",
  },
  minItems: {
    label: "Minimum feedback",
    help: "A new recurring issue is flagged once it has gathered this many items.",
    unit: "items",
  },
  withinDays: {
    label: "First seen within",
    help: "Only issues first seen this recently count as new.",
    unit: "days",
  },
  windowHours: {
    label: "Look back",
    help: "Feedback from this many hours back is checked; older feedback no longer opens alerts.",
    unit: "hours",
  },
};

interface NumberBounds {
  minValue: number | null;
  maxValue: number | null;
  isInt: boolean;
}

function fieldOf(name: string, schema: z.ZodType): RuleField {
  const def = (schema as unknown as { def: { defaultValue: number; innerType: NumberBounds } }).def;
  const inner = def.innerType;
  const words = WORDS[name] ?? { label: name, help: "", unit: "" };
  return {
    name,
    ...words,
    min: inner.minValue ?? 0,
    max: inner.maxValue ?? Number.MAX_SAFE_INTEGER,
    step: inner.isInt ? 1 : "any",
    defaultValue: def.defaultValue,
  };
}

/** Each kind's parameter fields, in the schema's order. */
export const RULE_FIELDS = Object.fromEntries(
  Object.entries(RULE_PARAMS).map(([kind, schema]) => [
    kind,
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => fieldOf(name, field)),
  ]),
) as Record<AlertKind, RuleField[]>;

/** A rule's stored parameters as the form shows them: every field, the default where none is stored. */
export function fieldValues(kind: AlertKind, stored: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    RULE_FIELDS[kind].map((f) => [
      f.name,
      typeof stored[f.name] === "number" ? (stored[f.name] as number) : f.defaultValue,
    ]),
  );
}

/** The form's field for a parameter: `param.<name>`, so it cannot clash with the rule's own fields. */
export const paramInput = (name: string) => `param.${name}`;

/**
 * A submitted form's parameters, checked against the kind's schema: the values to store, or each field's problem
 * (keyed by its input name) in words that name the bounds.
 */
export function parseParams(
  kind: AlertKind,
  form: Record<string, unknown>,
): { ok: true; params: Record<string, number> } | { ok: false; fields: Record<string, string> } {
  const params: Record<string, number> = {};
  const fields: Record<string, string> = {};
  for (const field of RULE_FIELDS[kind]) {
    const raw = form[paramInput(field.name)];
    const text = typeof raw === "string" ? raw.trim() : "";
    const value = Number(text);
    if (text === "" || !Number.isFinite(value))
      fields[paramInput(field.name)] = `Enter a number for ${field.label.toLowerCase()}.`;
    else params[field.name] = value;
  }
  const checked = RULE_PARAMS[kind].safeParse(params);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = RULE_FIELDS[kind].find((f) => f.name === issue.path[0]);
      if (!field) continue;
      fields[paramInput(field.name)] ??=
        field.step === 1
          ? `Enter a whole number from ${field.min} to ${field.max}.`
          : `Enter a number from ${field.min} to ${field.max}.`;
    }
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, params };
}

/** How each kind's evaluator picks an alert's severity (`conditions.ts`): rules set no severity of their own. */
export const SEVERITY_NOTES: Record<AlertKind, string> = {
  spike: "Critical at 3× the usual rate and ten times the significance asked for; otherwise a warning.",
  friction_threshold: "Critical 20 points over the threshold; otherwise a warning.",
  new_theme: "Info: something new to look at.",
  repeat_surge: "Warning.",
  escalation: "Critical with 3 or more items in the window; otherwise a warning.",
  human_moment_negative: "Critical: a person should answer.",
  automation_at_human_moment: "Critical: automation must not answer here.",
};
