/**
 * Evaluating a workspace's alert rules: read the signals the enabled rules need, observe, reconcile with the alerts
 * already open (`core/alerts`), and apply the plan in ONE batch: new alerts, updates, auto-resolutions and the
 * outbound messages of every alert that opened or got worse, so an alert is never stored without its notifications
 * or notified without being stored. A full evaluation (the cron) looks at every rule; an item evaluation (as a
 * batch of items is processed) looks only at the item-level rules, which is cheap and immediate.
 * @module
 */
import {
  ALERT_EVENT,
  type AlertKind,
  alertWebhookBody,
  ITEM_KINDS,
  newId,
  type Observation,
  type OutboundAlert,
  observe,
  reconcile,
  ruleParams,
  type Signals,
} from "@firebreak/core";
import { and, eq, ne, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import * as alertRules from "../queries/alert-rules.ts";
import * as signals from "../queries/alert-signals.ts";
import * as alertQueries from "../queries/alerts.ts";
import { enqueueForAlertStatement } from "../queries/outbound.ts";
import { alertEvaluations, alerts } from "../schema/index.ts";

export interface EvaluateOptions {
  now: number;
  /** `full`: every rule (the cron); `items`: the item-level rules only (as items are processed). */
  scope: "full" | "items";
  /** The web app's origin, for the link in notifications. */
  appUrl: string;
}

/** An alert that opened or got worse in this evaluation: what playbooks and people are told. */
export interface NotifiedAlert extends OutboundAlert {
  kind: AlertKind;
  ruleId: string;
  touchpointId: string | null;
  themeId: string | null;
  /** `opened`, or `worsened` for an alert already open. */
  change: "opened" | "worsened";
}

export interface Evaluation {
  rules: number;
  notified: NotifiedAlert[];
  updated: number;
  resolved: number;
}

const HOUR_MS = 3_600_000;

/** Evaluates the workspace's enabled rules (of the scope) and applies the outcome. */
export async function evaluate(db: Db, workspaceId: string, options: EvaluateOptions): Promise<Evaluation> {
  const { now, scope } = options;
  const all = (await alertRules.list(db, workspaceId)).filter((r) => r.enabled).map(alertRules.toRule);
  const rules = scope === "full" ? all : all.filter((r) => ITEM_KINDS.includes(r.kind));
  const [seen, active] = await Promise.all([
    gather(db, workspaceId, new Set(rules.map((r) => r.kind)), rules, now),
    alertQueries.active(db, workspaceId),
  ]);
  const observations = rules.flatMap((rule) => observe(rule, seen, now));
  const plan = reconcile({
    active: scope === "full" ? active : active.filter((a) => ITEM_KINDS.includes(a.kind)),
    observations,
    evaluatedRuleIds: new Set(rules.map((r) => r.id)),
    enabledRuleIds: scope === "full" ? new Set(all.map((r) => r.id)) : undefined,
    now,
  });

  const destinationsOf = new Map(rules.map((r) => [r.id, r.destinationIds]));
  const statements: BatchStatement[] = [];
  const notified: NotifiedAlert[] = [];
  const notify = (alertId: string, observation: Observation, change: NotifiedAlert["change"]) => {
    const alert: NotifiedAlert = {
      id: alertId,
      title: observation.title,
      severity: observation.severity,
      reasons: observation.reasons,
      link: new URL(`/alerts/${alertId}`, options.appUrl).href,
      occurredAt: now,
      kind: observation.kind,
      ruleId: observation.ruleId,
      touchpointId: observation.touchpointId,
      themeId: observation.themeId,
      change,
    };
    notified.push(alert);
    for (const destinationId of destinationsOf.get(observation.ruleId) ?? []) {
      statements.push(
        enqueueForAlertStatement(workspaceId, {
          destinationId,
          eventType: ALERT_EVENT,
          alertId,
          payload: alertWebhookBody(alert),
          now,
        }),
      );
    }
  };

  for (const observation of plan.opened) {
    const id = newId("alt", now);
    // A concurrent evaluation may have opened the same condition a moment ago: the partial unique index keeps one.
    statements.push(
      db
        .insert(alerts)
        .values({
          id,
          workspaceId,
          ruleId: observation.ruleId,
          kind: observation.kind,
          conditionKey: observation.conditionKey,
          status: "open",
          severity: observation.severity,
          title: observation.title,
          why: { reasons: observation.reasons },
          value: observation.value,
          peakValue: observation.value,
          touchpointId: observation.touchpointId,
          themeId: observation.themeId,
          itemId: observation.itemId,
          openedAt: now,
          lastSeenAt: now,
          lastNotifiedAt: now,
          notifiedValue: observation.value,
          notifiedSeverity: observation.severity,
          notifyCount: 1,
        })
        .onConflictDoNothing(),
    );
    notify(id, observation, "opened");
  }
  for (const { alert, observation, notify: worse, write } of plan.updated) {
    if (!write) continue;
    statements.push(
      db
        .update(alerts)
        .set({
          severity: observation.severity,
          title: observation.title,
          why: { reasons: observation.reasons },
          value: observation.value,
          peakValue: sql`max(${alerts.peakValue}, ${observation.value})`,
          itemId: observation.itemId ?? sql`${alerts.itemId}`,
          lastSeenAt: now,
          ...(worse
            ? {
                status: "open" as const,
                lastNotifiedAt: now,
                notifiedValue: observation.value,
                notifiedSeverity: observation.severity,
                notifyCount: sql`${alerts.notifyCount} + 1`,
              }
            : {}),
        })
        .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, alert.id), ne(alerts.status, "resolved"))),
    );
    if (worse) notify(alert.id, observation, "worsened");
  }
  for (const { alert, reason } of plan.resolved) {
    statements.push(
      db
        .update(alerts)
        .set({ status: "resolved", resolvedAt: now, resolvedReason: reason })
        .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, alert.id), ne(alerts.status, "resolved"))),
    );
  }
  if (scope === "full") {
    statements.push(
      db
        .insert(alertEvaluations)
        .values({ workspaceId, evaluatedAt: now })
        .onConflictDoUpdate({ target: alertEvaluations.workspaceId, set: { evaluatedAt: now } }),
    );
  }
  if (statements.length > 0) await runBatch(db, statements);
  return {
    rules: rules.length,
    notified,
    updated: plan.updated.filter((u) => u.write).length,
    resolved: plan.resolved.length,
  };
}

/** Reads only the signals the rules need; item windows reach back as far as the longest rule's. */
async function gather(
  db: Db,
  workspaceId: string,
  kinds: ReadonlySet<AlertKind>,
  rules: ReturnType<typeof alertRules.toRule>[],
  now: number,
): Promise<Partial<Signals>> {
  const hoursFor = (kind: "escalation" | "human_moment_negative" | "automation_at_human_moment") =>
    Math.max(0, ...rules.filter((r) => r.kind === kind).map((r) => ruleParams(kind, r.params).windowHours));
  const itemKinds = ITEM_KINDS.some((k) => kinds.has(k));
  const [volume, friction, themes, items] = await Promise.all([
    kinds.has("spike") || kinds.has("repeat_surge") ? signals.volume(db, workspaceId, now) : undefined,
    kinds.has("friction_threshold") ? signals.friction(db, workspaceId, now) : undefined,
    kinds.has("new_theme") ? signals.recentThemes(db, workspaceId, now) : undefined,
    itemKinds
      ? signals.recentItems(db, workspaceId, {
          escalation: now - hoursFor("escalation") * HOUR_MS,
          humanMomentNegative: now - hoursFor("human_moment_negative") * HOUR_MS,
          automation: now - hoursFor("automation_at_human_moment") * HOUR_MS,
        })
      : undefined,
  ]);
  return { volume, friction, themes, ...items };
}

/**
 * Workspaces whose windowed rules are due (never evaluated, or not for `everyMs`), oldest evaluation first. Claims
 * them by stamping the evaluation time, so an overlapping cron run picks others.
 */
export async function claimDueWorkspaces(db: Db, now: number, everyMs: number, limit: number): Promise<string[]> {
  const due = await db.all<{ id: string }>(sql`SELECT w.id FROM workspaces w
    LEFT JOIN alert_evaluations e ON e.workspace_id = w.id
    WHERE coalesce(e.evaluated_at, 0) <= ${now - everyMs}
    ORDER BY coalesce(e.evaluated_at, 0), w.id LIMIT ${limit}`);
  if (due.length === 0) return [];
  await runBatch(
    db,
    due.map(({ id }) =>
      db
        .insert(alertEvaluations)
        .values({ workspaceId: id, evaluatedAt: now })
        .onConflictDoUpdate({ target: alertEvaluations.workspaceId, set: { evaluatedAt: now } }),
    ),
  );
  return due.map((d) => d.id);
}
