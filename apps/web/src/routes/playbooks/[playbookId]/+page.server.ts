import { describePlaybook } from "@firebreak/core";
import * as playbooks from "@firebreak/db/queries/playbooks";
import { error, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { choices, runView, save, tryOut, ZPlaybookForm } from "$lib/server/playbook-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** One playbook: its settings for the form, in words, and its runs (the audit trail). */
export const load: PageServerLoad = async ({ params, platform }) => {
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const db = dbFrom(platform);
  const playbook = await playbooks.get(db, workspace.id, params.playbookId);
  if (!playbook) error(404, "No such playbook in this workspace.");
  const [offered, runs] = await Promise.all([
    choices(db, workspace.id),
    playbooks.runs(db, workspace.id, playbook.id, 100),
  ]);
  const { trigger, action } = playbook;
  return {
    workspace,
    choices: offered,
    playbook,
    summary: describePlaybook(playbook, {
      touchpoint: offered.touchpoints.find((t) => t.id === trigger.touchpointId)?.name,
      theme: offered.themes.find((t) => t.id === trigger.themeId)?.label,
      destination: offered.destinations.find((d) => d.id === action.destinationId)?.name,
    }),
    runs: runs.map(runView),
  };
};

const ZDryRun = z.object({ alertId: z.string().trim().max(64).optional() });
const ZNothing = z.object({});

export const actions = {
  update: formAction(ZPlaybookForm, async (db, workspaceId, input, by, event) =>
    save(db, workspaceId, input, by, event.platform?.env, event.params.playbookId),
  ),
  dryRun: formAction(ZDryRun, async (db, workspaceId, { alertId }, by, event) => {
    const playbook = await playbooks.get(db, workspaceId, event.params.playbookId ?? "");
    if (!playbook) return refuse(404, "No such playbook in this workspace.");
    const appUrl = event.platform?.env.APP_URL ?? event.url.origin;
    return tryOut(db, workspaceId, playbook, { alertId: alertId || undefined, appUrl, now: by.now });
  }),
  remove: formAction(ZNothing, async (db, workspaceId, _input, by, event) => {
    const removed = await playbooks.remove(db, workspaceId, event.params.playbookId ?? "", by);
    if (!removed) return refuse(404, "No such playbook in this workspace.");
    redirect(303, "/playbooks");
  }),
} satisfies Actions;
