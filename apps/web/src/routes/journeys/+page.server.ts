import * as journeys from "@firebreak/db/queries/journeys";
import { redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import { ZJourney, ZMove, ZTarget } from "$lib/server/journey-forms";
import { landOnJourney } from "$lib/server/landing";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform, url }) => {
  // `?journey=` comes from the journey switcher's form when JavaScript is off.
  if (url.searchParams.has("journey")) {
    return { reason: await landOnJourney(platform, url.searchParams, url.searchParams.get("journey")), journeys: [] };
  }
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) return { reason: { kind: "no-workspace" as const }, journeys: [] };
  const list = await journeys.list(db, workspace.id);
  // Arriving from the editor's "Archive journey": the page offers to undo it.
  const archivedId = url.searchParams.get("archived");
  const archived = list.find((j) => j.id === archivedId && j.archivedAt !== null);
  return {
    reason: null,
    workspace,
    journeys: list,
    justArchived: archived ? { id: archived.id } : null,
  };
};

const gone = { status: 404 as const, message: "That journey no longer exists." };

export const actions: Actions = {
  create: formAction(ZJourney, async (db, workspaceId, input, by) => {
    const id = await journeys.create(db, workspaceId, input, by);
    redirect(303, `/journeys/${encodeURIComponent(id)}/edit?created=1`);
  }),
  archive: formAction<{ id: string }, { done: string; undo: { id: string } }>(
    ZTarget,
    async (db, workspaceId, { id }, by) =>
      (await journeys.setArchived(db, workspaceId, id, true, by))
        ? { done: "Archived. Its feedback and history are kept; restore it any time below.", undo: { id } }
        : gone,
  ),
  restore: formAction(ZTarget, async (db, workspaceId, { id }, by) =>
    (await journeys.setArchived(db, workspaceId, id, false, by)) ? "Restored." : gone,
  ),
  move: formAction(ZMove, async (db, workspaceId, { id, index }, by) =>
    (await journeys.move(db, workspaceId, id, index, by)) ? "Order saved." : gone,
  ),
};
