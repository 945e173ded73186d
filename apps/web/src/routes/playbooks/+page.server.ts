import { describePlaybook } from "@firebreak/core";
import * as playbooks from "@firebreak/db/queries/playbooks";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { choices, runView, save, ZPlaybookForm } from "$lib/server/playbook-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** The workspace's playbooks in words, each with its latest runs, and what the new-playbook form offers. */
export const load: PageServerLoad = async ({ platform }) => {
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const db = dbFrom(platform);
  const [rows, offered] = await Promise.all([playbooks.list(db, workspace.id), choices(db, workspace.id)]);
  const runs = await playbooks.recentRuns(
    db,
    workspace.id,
    rows.map((p) => p.id),
  );
  const touchpointName = new Map(offered.touchpoints.map((t) => [t.id, t.name]));
  const themeName = new Map(offered.themes.map((t) => [t.id, t.label]));
  const destination = new Map(offered.destinations.map((d) => [d.id, d]));
  return {
    workspace,
    choices: offered,
    playbooks: rows.map((p) => ({
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      customerFacing: p.customerFacing,
      actionKind: p.action.kind,
      summary: describePlaybook(p, {
        touchpoint: p.trigger.touchpointId ? touchpointName.get(p.trigger.touchpointId) : null,
        theme: p.trigger.themeId ? themeName.get(p.trigger.themeId) : null,
        destination: destination.get(p.action.destinationId)?.name,
      }),
      runs: (runs.get(p.id) ?? []).map(runView),
    })),
  };
};

const ZToggle = z.object({ id: z.string().min(1).max(64), enabled: z.enum(["true", "false"]) });

export const actions = {
  create: formAction(ZPlaybookForm, async (db, workspaceId, input, by, event) => {
    const outcome = await save(db, workspaceId, input, by, event.platform?.env);
    if (typeof outcome === "object" && "playbookId" in outcome && !outcome.signingSecret)
      redirect(303, `/playbooks/${outcome.playbookId}?created=1`);
    return outcome;
  }),
  toggle: formAction(ZToggle, async (db, workspaceId, { id, enabled }, by, event) => {
    const change = await playbooks.update(
      db,
      workspaceId,
      id,
      { enabled: enabled === "true" },
      { ...by, secretsKey: event.platform?.env.SECRETS_KEY ?? "" },
    );
    if (!change.ok) return refuse(change.status, change.message);
    return `${change.playbook.name} is ${change.playbook.enabled ? "on" : "off"}.`;
  }),
} satisfies Actions;
