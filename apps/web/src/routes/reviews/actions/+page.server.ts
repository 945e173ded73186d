import * as actionItems from "@firebreak/db/queries/action-items";
import * as members from "@firebreak/db/queries/members";
import { redirect } from "@sveltejs/kit";
import { roleAtLeast } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import { actionFilterFromSearch, STATUS_LABELS, ZActionStatusChange } from "$lib/server/review-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform, url, locals }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const { owner, status } = actionFilterFromSearch(url.searchParams);
  const [items, people] = await Promise.all([
    actionItems.list(db, workspace.id, { owner: owner || undefined, status }),
    members.list(db, workspace.id),
  ]);
  return {
    workspace,
    items,
    members: people.map((m) => ({ userId: m.userId, name: m.name })),
    filter: { owner, status: status ?? "all" },
    canEdit: roleAtLeast(locals.membership?.role ?? "viewer", "editor"),
  };
};

export const actions: Actions = {
  status: formAction(ZActionStatusChange, async (db, workspaceId, { id, status }, by) => {
    const updated = await actionItems.update(db, workspaceId, id, { status }, by);
    if (!updated?.ok) return { status: 404, message: "That action item does not exist." };
    return `“${updated.title}” is now ${STATUS_LABELS[status].toLowerCase()}.`;
  }),
};
