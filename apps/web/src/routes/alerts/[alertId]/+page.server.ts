import * as alertRules from "@firebreak/db/queries/alert-rules";
import * as alerts from "@firebreak/db/queries/alerts";
import * as outbound from "@firebreak/db/queries/outbound";
import { error, redirect } from "@sveltejs/kit";
import { actorLabels } from "$lib/server/actors";
import { alertActions } from "$lib/server/alert-forms";
import { dbFrom } from "$lib/server/db";
import { fieldValues, RULE_FIELDS } from "$lib/server/rule-fields";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** One alert: why, its measures against its rule's settings, what happened to it, and the messages sent about it. */
export const load: PageServerLoad = async ({ params, platform }) => {
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const db = dbFrom(platform);
  const found = await alerts.get(db, workspace.id, params.alertId);
  if (!found) error(404, { message: "This alert does not exist in your workspace." });
  const { why: _why, conditionKey: _key, ...alert } = found;
  const [rule, deliveries, actors] = await Promise.all([
    alert.ruleId ? alertRules.get(db, workspace.id, alert.ruleId) : undefined,
    outbound.forAlert(db, workspace.id, alert.id),
    actorLabels(db, [alert.acknowledgedBy]),
  ]);
  const settings = rule
    ? RULE_FIELDS[rule.kind].map((field) => ({
        label: field.label,
        unit: field.unit,
        value: fieldValues(rule.kind, rule.params)[field.name],
      }))
    : [];
  return {
    alert: {
      ...alert,
      acknowledgedByName: alert.acknowledgedBy ? (actors[alert.acknowledgedBy] ?? null) : null,
    },
    rule: rule ? { id: rule.id, name: rule.name, enabled: rule.enabled, settings } : null,
    deliveries,
  };
};

export const actions = {
  acknowledge: alertActions.acknowledge,
  resolve: alertActions.resolve,
} satisfies Actions;
