import { ALERT_RULE_KINDS, KIND_LABELS } from "@firebreak/core/alerts/rules";
import type { Db } from "@firebreak/db/client";
import * as alertRules from "@firebreak/db/queries/alert-rules";
import * as destinations from "@firebreak/db/queries/destinations";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, listOf, refuse } from "$lib/server/form-action";
import { fieldValues, parseParams, RULE_FIELDS, SEVERITY_NOTES } from "$lib/server/rule-fields";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** Rules decide what reaches everyone's inbox, so owners change them, as the workspace's other settings. */
const OWNER = { role: "owner" } as const;

/** The workspace's rules (the defaults made on first visit), each with its fields and current values. */
export const load: PageServerLoad = async ({ platform }) => {
  const membership = requireRole("viewer");
  const db = dbFrom(platform);
  const workspaceId = membership.workspace.id;
  await alertRules.ensureDefaults(db, workspaceId, Date.now());
  const [rules, targets] = await Promise.all([alertRules.list(db, workspaceId), destinations.list(db, workspaceId)]);
  return {
    // The in-app inbox holds every alert whatever a rule names, and a help desk takes only playbooks' tickets.
    destinations: targets
      .filter((d) => d.kind !== "inbox" && d.kind !== "zendesk")
      .map((d) => ({ id: d.id, name: d.name, kind: d.kind, enabled: d.enabled, hint: d.targetHint })),
    workspace: membership.workspace,
    canEdit: membership.role === "owner",
    kinds: ALERT_RULE_KINDS.map((kind) => ({ kind, ...KIND_LABELS[kind], severity: SEVERITY_NOTES[kind] })),
    fields: RULE_FIELDS,
    rules: rules.map((rule) => ({
      id: rule.id,
      kind: rule.kind,
      name: rule.name,
      enabled: rule.enabled,
      scoped: rule.touchpointId !== null || rule.themeId !== null,
      destinationIds: rule.destinationIds,
      values: fieldValues(rule.kind, rule.params),
      updatedAt: rule.updatedAt,
    })),
  };
};

const GONE = "That rule no longer exists.";
/** A change to one rule: its card shows the outcome. */
type RuleDone = { done: string; ruleId: string };
const ZId = z.string().min(1).max(64);
const ZName = z
  .string()
  .trim()
  .min(1, "Name the rule after what it catches.")
  .max(120, "Keep the name under 120 characters.");

/** A rule's form: its name and its kind's parameters, each checked beside its field. */
const ZEdit = z
  .looseObject({ id: ZId, kind: z.enum(ALERT_RULE_KINDS), name: ZName, destinationIds: listOf(ZId) })
  .transform((form, ctx) => {
    const parsed = parseParams(form.kind, form);
    if (!parsed.ok) {
      for (const [path, message] of Object.entries(parsed.fields))
        ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    }
    return { id: form.id, name: form.name, params: parsed.params, destinationIds: form.destinationIds };
  });
const ZToggle = z.object({ id: ZId, enabled: z.enum(["true", "false"]) });
const ZCreate = z.object({ kind: z.enum(ALERT_RULE_KINDS, "Choose what the rule watches for."), name: ZName });
const ZDelete = z.object({ id: ZId });

/** Saves a rule; its scope (set through the API) stays as it is. A problem, or the saved rule. */
async function save(
  db: Db,
  workspaceId: string,
  id: string,
  change: { name?: string; enabled?: boolean; params?: Record<string, number>; destinationIds?: string[] },
  by: { actor: string; now: number },
) {
  const existing = await alertRules.get(db, workspaceId, id);
  if (!existing) return refuse(404, GONE);
  const saved = await alertRules.update(
    db,
    workspaceId,
    id,
    {
      name: change.name ?? existing.name,
      touchpointId: existing.touchpointId,
      themeId: existing.themeId,
      params: change.params ?? existing.params,
      destinationIds: change.destinationIds ?? existing.destinationIds,
      enabled: change.enabled ?? existing.enabled,
    },
    by.actor,
    by.now,
  );
  return saved.ok ? saved.rule : refuse(saved.status === 404 ? 404 : 400, saved.message);
}

export const actions = {
  save: formAction<z.output<typeof ZEdit>, RuleDone>(
    ZEdit,
    async (db, workspaceId, { id, ...change }, by) => {
      const saved = await save(db, workspaceId, id, change, by);
      if ("status" in saved) return saved;
      return { done: `Saved ${saved.name}. It applies from the next evaluation.`, ruleId: id };
    },
    OWNER,
  ),
  toggle: formAction<z.output<typeof ZToggle>, RuleDone>(
    ZToggle,
    async (db, workspaceId, { id, enabled }, by) => {
      const saved = await save(db, workspaceId, id, { enabled: enabled === "true" }, by);
      if ("status" in saved) return saved;
      const done = saved.enabled
        ? `Turned on ${saved.name}.`
        : `Turned off ${saved.name}: its open alerts resolve at the next evaluation.`;
      return { done, ruleId: id };
    },
    OWNER,
  ),
  create: formAction(
    ZCreate,
    async (db, workspaceId, { kind, name }, by) => {
      const created = await alertRules.create(db, workspaceId, { kind, name }, by.actor, by.now);
      if (!created.ok) return refuse(400, created.message);
      return `Created ${name} with the default settings; adjust them below.`;
    },
    OWNER,
  ),
  delete: formAction(
    ZDelete,
    async (db, workspaceId, { id }, by) => {
      const removed = await alertRules.remove(db, workspaceId, id, by.actor, by.now);
      return removed ? "Deleted the rule: its open alerts resolve at the next evaluation." : refuse(404, GONE);
    },
    OWNER,
  ),
} satisfies Actions;
