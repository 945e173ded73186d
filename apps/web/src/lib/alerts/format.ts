/**
 * Alerts and follow-ups as people read them: severity, kind, status and resolution in words, each alert's measure
 * with its unit, and the inbox's keyset cursor. Shared by the inbox, an alert's page and the rules page.
 * @module
 */
import { ALERT_SEVERITIES, type AlertKind, KIND_LABELS, type Severity } from "@firebreak/core/alerts/rules";

export const SEVERITY_LABELS: Record<Severity, string> = { critical: "Critical", warning: "Warning", info: "Info" };
/** Most severe first, for filters and pickers. */
export const SEVERITIES_DESC: readonly Severity[] = [...ALERT_SEVERITIES].reverse();

export const STATUS_LABELS = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" } as const;
export type AlertStatus = keyof typeof STATUS_LABELS;

export const FOLLOW_UP_STATUS_LABELS = { open: "Open", done: "Done", dismissed: "Dismissed" } as const;

export function kindLabel(kind: AlertKind): string {
  return KIND_LABELS[kind]?.label ?? kind;
}

/** What an alert's measure is, per kind: the evaluator stores a rate ratio, a score or a count. */
export function formatAlertValue(kind: AlertKind, value: number): string {
  switch (kind) {
    case "spike":
    case "repeat_surge":
      return `${value.toFixed(1)}× the usual rate`;
    case "friction_threshold":
      return `friction score ${Math.round(value)}`;
    default:
      return `${Math.round(value)} ${Math.round(value) === 1 ? "item" : "items"}`;
  }
}

/** Why a resolved alert closed; the evaluator writes its own reasons, a person's is "Resolved by hand." */
export function resolutionOf(reason: string | null): { by: "person" | "rule" | "condition"; text: string } {
  const text = reason ?? "Resolved.";
  if (/by hand/i.test(text)) return { by: "person", text: "Resolved by a person." };
  if (/rule/i.test(text)) return { by: "rule", text };
  return { by: "condition", text };
}

/** The inbox's keyset cursor: `openedAt|id` of the last alert shown. */
export function encodeCursor(next: { openedAt: number; id: string }): string {
  return `${next.openedAt}|${next.id}`;
}

export function decodeCursor(value: string | null): { openedAt: number; id: string } | undefined {
  const match = value ? /^(\d{1,16})\|([A-Za-z0-9_]{1,64})$/.exec(value) : null;
  return match ? { openedAt: Number(match[1]), id: match[2] as string } : undefined;
}
