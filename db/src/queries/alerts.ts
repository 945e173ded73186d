/**
 * Alerts as people see them: the in-app inbox (open, acknowledged, resolved), one alert's page, and what people do
 * with an alert (acknowledge, resolve by hand), audited. Opening, updating and auto-resolving is the evaluation's
 * (`pipelines/alerts.ts`).
 * @module
 */
import type { ActiveAlert, AlertKind, Reason, Severity } from "@firebreak/core";
import { and, count, desc, eq, inArray, lt, ne, or, type SQL } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { alertRules, alerts, feedbackItems, themes, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";

export type AlertRow = typeof alerts.$inferSelect;
export type AlertStatus = AlertRow["status"];

/** What an alert's `why` column holds. */
export interface AlertWhy {
  reasons: Reason[];
}

/** The reasons of a stored alert. */
export function reasonsOf(row: Pick<AlertRow, "why">): Reason[] {
  const reasons = (row.why as Partial<AlertWhy>).reasons;
  return Array.isArray(reasons) ? reasons : [];
}

/** The workspace's unresolved alerts, as reconciliation needs them. */
export async function active(db: Db, workspaceId: string): Promise<ActiveAlert[]> {
  const rows = await db
    .select({
      id: alerts.id,
      ruleId: alerts.ruleId,
      kind: alerts.kind,
      conditionKey: alerts.conditionKey,
      status: alerts.status,
      severity: alerts.severity,
      value: alerts.value,
      notifiedValue: alerts.notifiedValue,
      notifiedSeverity: alerts.notifiedSeverity,
      lastNotifiedAt: alerts.lastNotifiedAt,
      lastSeenAt: alerts.lastSeenAt,
    })
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), ne(alerts.status, "resolved")));
  return rows.map((r) => ({ ...r, status: r.status === "acknowledged" ? "acknowledged" : "open" }));
}

export interface AlertFilter {
  /** `active` is open and acknowledged together (the inbox's default). */
  status?: AlertStatus | "active";
  kind?: AlertKind;
  severity?: Severity;
  /** Keyset: alerts opened before this one (`openedAt|id`). */
  before?: { openedAt: number; id: string };
  limit?: number;
}

/** A page of alerts, newest first, with the names of what they are about. */
export async function list(db: Db, workspaceId: string, filter: AlertFilter = {}) {
  const limit = Math.min(filter.limit ?? 50, 200);
  const conditions: (SQL | undefined)[] = [eq(alerts.workspaceId, workspaceId)];
  if (filter.status === "active") conditions.push(ne(alerts.status, "resolved"));
  else if (filter.status) conditions.push(eq(alerts.status, filter.status));
  if (filter.kind) conditions.push(eq(alerts.kind, filter.kind));
  if (filter.severity) conditions.push(eq(alerts.severity, filter.severity));
  if (filter.before) {
    const { openedAt, id } = filter.before;
    conditions.push(or(lt(alerts.openedAt, openedAt), and(eq(alerts.openedAt, openedAt), lt(alerts.id, id))));
  }
  const rows = await db
    .select({ alert: alerts, touchpointName: touchpoints.name, themeName: themes.label, ruleName: alertRules.name })
    .from(alerts)
    .leftJoin(touchpoints, eq(touchpoints.id, alerts.touchpointId))
    .leftJoin(themes, eq(themes.id, alerts.themeId))
    .leftJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(and(...conditions))
    .orderBy(desc(alerts.openedAt), desc(alerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(toListed);
  const last = page.at(-1);
  return { alerts: page, next: rows.length > limit && last ? { openedAt: last.openedAt, id: last.id } : null };
}

export type ListedAlert = ReturnType<typeof toListed>;

function toListed(row: {
  alert: AlertRow;
  touchpointName: string | null;
  themeName: string | null;
  ruleName: string | null;
}) {
  return {
    ...row.alert,
    reasons: reasonsOf(row.alert),
    touchpointName: row.touchpointName,
    themeName: row.themeName,
    ruleName: row.ruleName,
  };
}

/** One alert with its names, and the text of the newest item behind it (already redacted at ingest). */
export async function get(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({
      alert: alerts,
      touchpointName: touchpoints.name,
      themeName: themes.label,
      ruleName: alertRules.name,
      itemText: feedbackItems.text,
      itemOccurredAt: feedbackItems.occurredAt,
    })
    .from(alerts)
    .leftJoin(touchpoints, eq(touchpoints.id, alerts.touchpointId))
    .leftJoin(themes, eq(themes.id, alerts.themeId))
    .leftJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .leftJoin(feedbackItems, and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.id, alerts.itemId)))
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)));
  if (!row) return undefined;
  return { ...toListed(row), itemText: row.itemText, itemOccurredAt: row.itemOccurredAt };
}

/** Open alerts per severity, for the navigation's badge. */
export async function openCounts(db: Db, workspaceId: string) {
  const rows = await db
    .select({ severity: alerts.severity, n: count() })
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.status, "open")))
    .groupBy(alerts.severity);
  const counts = { info: 0, warning: 0, critical: 0, total: 0 };
  for (const r of rows) {
    counts[r.severity] = r.n;
    counts.total += r.n;
  }
  return counts;
}

/**
 * Acknowledges open alerts or resolves unresolved ones by hand. An acknowledged alert stays until its condition
 * clears, and opens again if it gets worse; a resolved one opens anew if its condition comes back. Returns how many
 * changed.
 */
export async function act(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  action: "acknowledge" | "resolve",
  actor: string,
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const scope = and(eq(alerts.workspaceId, workspaceId), inArray(alerts.id, [...ids]));
  const changed =
    action === "acknowledge"
      ? await db
          .update(alerts)
          .set({ status: "acknowledged", acknowledgedAt: now, acknowledgedBy: actor })
          .where(and(scope, eq(alerts.status, "open")))
          .returning({ id: alerts.id, title: alerts.title })
      : await db
          .update(alerts)
          .set({ status: "resolved", resolvedAt: now, resolvedReason: "Resolved by hand." })
          .where(and(scope, ne(alerts.status, "resolved")))
          .returning({ id: alerts.id, title: alerts.title });
  await runBatch(
    db,
    changed.map((a) =>
      audit.entry(db, {
        workspaceId,
        actor,
        action: action === "acknowledge" ? "alert.acknowledged" : "alert.resolved",
        targetType: "alert",
        targetId: a.id,
        details: { title: a.title },
        at: now,
      }),
    ),
  );
  return changed.length;
}
