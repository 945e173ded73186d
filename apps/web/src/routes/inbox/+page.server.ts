import * as placement from "@firebreak/db/queries/placement";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, listOf } from "$lib/server/form-action";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const [inbox, touchpoints] = await Promise.all([
    placement.unassigned(db, workspace.id),
    placement.touchpointChoices(db, workspace.id),
  ]);
  return { workspace, ...inbox, touchpoints };
};

const ZMove = z.object({
  itemIds: listOf(z.string().min(1).max(64)).pipe(z.array(z.string()).min(1, "Choose at least one item.").max(500)),
  touchpointId: z.string({ error: "Choose a touchpoint." }).min(1, "Choose a touchpoint.").max(64),
});

export const actions: Actions = {
  /** Places the chosen items by hand: kept through re-analysis, and learned from by the fallback. */
  move: formAction(ZMove, async (db, workspaceId, { itemIds, touchpointId }, by) => {
    const moved = await placement.moveItems(db, workspaceId, itemIds, touchpointId, by);
    if (moved === null) return { status: 404, message: "That touchpoint no longer exists or its journey is archived." };
    return `${moved} ${moved === 1 ? "item" : "items"} placed.`;
  }),
};
