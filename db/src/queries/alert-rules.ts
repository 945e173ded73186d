/**
 * A workspace's alert rules: the defaults it starts with, and changes made in settings or through the API, audited.
 * Parameters are checked against the core's per-kind schema; destinations must be the workspace's own.
 * @module
 */
import { type AlertKind, type AlertRule, DEFAULT_RULES, DESTINATION_KINDS, newId, RULE_PARAMS } from "@firebreak/core";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { alertEvaluations, alertRules, destinations, themes, touchpoints } from "../schema/index.ts";
import * as audit from "./audit.ts";

export type AlertRuleRow = typeof alertRules.$inferSelect;

export interface RuleInput {
  kind: AlertKind;
  name: string;
  touchpointId?: string | null;
  themeId?: string | null;
  params?: Record<string, unknown>;
  destinationIds?: string[];
  enabled?: boolean;
}

export type RuleChange = { ok: true; rule: AlertRuleRow } | { ok: false; status: 404 | 422; message: string };

export function toRule(row: AlertRuleRow): AlertRule {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    touchpointId: row.touchpointId,
    themeId: row.themeId,
    params: row.params,
    destinationIds: row.destinationIds,
    enabled: row.enabled,
  };
}

/** The workspace's rules, oldest first. */
export function list(db: Db, workspaceId: string) {
  return db
    .select()
    .from(alertRules)
    .where(eq(alertRules.workspaceId, workspaceId))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
}

export async function get(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.workspaceId, workspaceId), eq(alertRules.id, id)));
  return row;
}

/**
 * Creates the default rules once per workspace: the first evaluation of a workspace does it, and a workspace whose
 * owner later deletes them is not given them back. Returns whether they were created now.
 */
export async function ensureDefaults(db: Db, workspaceId: string, now: number): Promise<boolean> {
  const claimed = await db
    .insert(alertEvaluations)
    .values({ workspaceId, defaultsCreatedAt: now })
    .onConflictDoUpdate({
      target: alertEvaluations.workspaceId,
      set: { defaultsCreatedAt: now },
      setWhere: isNull(alertEvaluations.defaultsCreatedAt),
    })
    .returning({ workspaceId: alertEvaluations.workspaceId });
  if (claimed.length === 0) return false;
  await db.insert(alertRules).values(
    DEFAULT_RULES.map((rule, i) => ({
      id: newId("alr", now),
      workspaceId,
      kind: rule.kind,
      name: rule.name,
      params: {},
      destinationIds: [],
      enabled: true,
      // Kept in the listed order.
      createdAt: now + i,
      updatedAt: now + i,
    })),
  );
  return true;
}

/** Checks a rule's parameters, scope and destinations against the workspace; the values to store, or why not. */
async function validated(db: Db, workspaceId: string, input: RuleInput) {
  const params = RULE_PARAMS[input.kind].safeParse(input.params ?? {});
  if (!params.success) {
    const issue = params.error.issues[0];
    return { ok: false as const, message: `params.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` };
  }
  const destinationIds = [...new Set(input.destinationIds ?? [])];
  const [found, touchpoint, theme] = await db.batch([
    db
      .select({ id: destinations.id })
      .from(destinations)
      .where(
        and(
          eq(destinations.workspaceId, workspaceId),
          inArray(destinations.id, ["", ...destinationIds]),
          // A help desk opens playbooks' tickets; alerts go to the kinds made for them.
          inArray(destinations.kind, [...DESTINATION_KINDS]),
        ),
      ),
    db
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, input.touchpointId ?? ""))),
    db
      .select({ id: themes.id })
      .from(themes)
      .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, input.themeId ?? ""))),
  ]);
  if (found.length !== destinationIds.length)
    return { ok: false as const, message: "destinationIds: unknown destination" };
  if (input.touchpointId && touchpoint.length === 0)
    return { ok: false as const, message: "touchpointId: unknown touchpoint" };
  if (input.themeId && theme.length === 0) return { ok: false as const, message: "themeId: unknown issue" };
  return {
    ok: true as const,
    values: {
      kind: input.kind,
      name: input.name,
      touchpointId: input.touchpointId ?? null,
      themeId: input.themeId ?? null,
      // Stored as given (defaults stay defaults, so a later change of a default reaches the rule).
      params: (input.params ?? {}) as Record<string, number | string>,
      destinationIds,
      enabled: input.enabled ?? true,
    },
  };
}

export async function create(
  db: Db,
  workspaceId: string,
  input: RuleInput,
  actor: string,
  now: number,
): Promise<RuleChange> {
  const check = await validated(db, workspaceId, input);
  if (!check.ok) return { ok: false, status: 422, message: check.message };
  const id = newId("alr", now);
  const [[rule]] = await db.batch([
    db
      .insert(alertRules)
      .values({ id, workspaceId, ...check.values, createdAt: now, updatedAt: now })
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "alert_rule.created",
      targetType: "alert_rule",
      targetId: id,
      details: { name: input.name, kind: input.kind },
      at: now,
    }),
  ]);
  return { ok: true, rule: rule as AlertRuleRow };
}

/** Replaces a rule's settings (the kind stays). */
export async function update(
  db: Db,
  workspaceId: string,
  id: string,
  input: Omit<RuleInput, "kind">,
  actor: string,
  now: number,
): Promise<RuleChange> {
  const existing = await get(db, workspaceId, id);
  if (!existing) return { ok: false, status: 404, message: "No such alert rule." };
  const check = await validated(db, workspaceId, { ...input, kind: existing.kind });
  if (!check.ok) return { ok: false, status: 422, message: check.message };
  const [[rule]] = await db.batch([
    db
      .update(alertRules)
      .set({ ...check.values, updatedAt: now })
      .where(and(eq(alertRules.workspaceId, workspaceId), eq(alertRules.id, id)))
      .returning(),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "alert_rule.updated",
      targetType: "alert_rule",
      targetId: id,
      details: { name: check.values.name, enabled: check.values.enabled },
      at: now,
    }),
  ]);
  return { ok: true, rule: rule as AlertRuleRow };
}

/** Deletes a rule; its open alerts resolve at the next full evaluation. */
export async function remove(db: Db, workspaceId: string, id: string, actor: string, now: number): Promise<boolean> {
  const existing = await get(db, workspaceId, id);
  if (!existing) return false;
  await db.batch([
    db.delete(alertRules).where(and(eq(alertRules.workspaceId, workspaceId), eq(alertRules.id, id))),
    audit.entry(db, {
      workspaceId,
      actor,
      action: "alert_rule.deleted",
      targetType: "alert_rule",
      targetId: id,
      details: { name: existing.name, kind: existing.kind },
      at: now,
    }),
  ]);
  return true;
}
