/**
 * One open alert per condition: what an evaluation changes. A condition seen for the first time opens an alert and
 * notifies; one already open is updated in place and notifies again only when it got worse (a higher severity, or its
 * measure well past the level last notified, and not within the quiet period); an open alert whose condition is no
 * longer seen resolves by itself. Pure: the database applies the plan.
 * @module
 */
import type { Observation } from "./conditions.ts";
import { type AlertKind, moreSevere, type Severity } from "./rules.ts";

/** An alert that is not resolved, as reconciliation needs it. */
export interface ActiveAlert {
  id: string;
  ruleId: string | null;
  kind: AlertKind;
  conditionKey: string;
  status: "open" | "acknowledged";
  severity: Severity;
  value: number;
  notifiedValue: number | null;
  notifiedSeverity: Severity | null;
  lastNotifiedAt: number | null;
  /** When an evaluation last saw its condition (and wrote it). */
  lastSeenAt: number;
}

export interface AlertUpdate {
  alert: ActiveAlert;
  observation: Observation;
  /** Worse than when people were last told: notify again (and an acknowledged alert opens again). */
  notify: boolean;
  /**
   * Whether the row needs writing: it got worse, its measure or severity moved, or it was last written `SEEN_EVERY_MS`
   * ago. An unchanged alert is left alone, so the evaluation after every queue batch writes little.
   */
  write: boolean;
}

export interface ReconcilePlan {
  opened: Observation[];
  updated: AlertUpdate[];
  resolved: { alert: ActiveAlert; reason: string }[];
}

export interface ReconcileInput {
  active: readonly ActiveAlert[];
  observations: readonly Observation[];
  /** Rules whose conditions this evaluation looked at in full: their alerts not observed resolve. */
  evaluatedRuleIds: ReadonlySet<string>;
  /**
   * Every enabled rule of the workspace, in a full evaluation: alerts of a rule that was deleted or turned off resolve.
   * Omitted in a partial one (items being processed), which cannot tell.
   */
  enabledRuleIds?: ReadonlySet<string>;
  now: number;
  /** No second notification for the same alert within this, unless its severity rose. */
  quietMs?: number;
}

/** An hour between notifications of the same alert unless it became more severe. */
export const RENOTIFY_QUIET_MS = 60 * 60_000;
/** How stale an unchanged alert's "last seen" may get before an evaluation writes it again. */
export const SEEN_EVERY_MS = 10 * 60_000;

/** Compares what is open with what was observed. */
export function reconcile(input: ReconcileInput): ReconcilePlan {
  const quietMs = input.quietMs ?? RENOTIFY_QUIET_MS;
  const byKey = new Map(input.active.map((a) => [key(a.ruleId, a.conditionKey), a]));
  const plan: ReconcilePlan = { opened: [], updated: [], resolved: [] };
  const seen = new Set<string>();
  for (const observation of input.observations) {
    const k = key(observation.ruleId, observation.conditionKey);
    if (seen.has(k)) continue;
    seen.add(k);
    const alert = byKey.get(k);
    if (!alert) {
      if (observation.state === "firing") plan.opened.push(observation);
      continue;
    }
    const notify = worsened(alert, observation, input.now, quietMs);
    const write =
      notify ||
      observation.value !== alert.value ||
      observation.severity !== alert.severity ||
      input.now - alert.lastSeenAt >= SEEN_EVERY_MS;
    plan.updated.push({ alert, observation, notify, write });
  }
  for (const alert of input.active) {
    if (seen.has(key(alert.ruleId, alert.conditionKey))) continue;
    if (alert.ruleId !== null && input.evaluatedRuleIds.has(alert.ruleId)) {
      plan.resolved.push({ alert, reason: "The condition cleared." });
    } else if (input.enabledRuleIds && (alert.ruleId === null || !input.enabledRuleIds.has(alert.ruleId))) {
      plan.resolved.push({ alert, reason: "Its rule was turned off or deleted." });
    }
  }
  return plan;
}

/** Worse: a higher severity than last notified, or (after the quiet period) the measure well past its notified level. */
export function worsened(alert: ActiveAlert, observation: Observation, now: number, quietMs = RENOTIFY_QUIET_MS) {
  if (observation.state !== "firing") return false;
  const notifiedSeverity = alert.notifiedSeverity ?? alert.severity;
  if (moreSevere(observation.severity, notifiedSeverity)) return true;
  if (alert.lastNotifiedAt !== null && now - alert.lastNotifiedAt < quietMs) return false;
  const notified = alert.notifiedValue ?? alert.value;
  return observation.value >= worseAt(alert.kind, notified);
}

/** The measure at which an alert counts as worse than when it was notified at `notified`. */
function worseAt(kind: AlertKind, notified: number): number {
  // A friction score is bounded: ten more points is a real change. Rates and counts: half again, and at least one more.
  if (kind === "friction_threshold") return notified + 10;
  return Math.max(notified * 1.5, notified + 1);
}

function key(ruleId: string | null, conditionKey: string) {
  return `${ruleId ?? ""}|${conditionKey}`;
}
