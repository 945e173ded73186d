import * as placement from "@firebreak/db/queries/placement";
import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");
  const [inbox, touchpoints] = await Promise.all([
    placement.unassigned(db, workspace.id),
    placement.touchpointChoices(db, workspace.id),
  ]);
  return { workspace, ...inbox, touchpoints };
};

const ZMove = z.object({
  itemIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one item.").max(500),
  touchpointId: z.string().min(1, "Choose a touchpoint.").max(64),
});

export const actions: Actions = {
  /** Places the chosen items by hand: kept through re-analysis, and learned from by the fallback. */
  move: async ({ request, platform }) => {
    const data = await request.formData();
    const parsed = ZMove.safeParse({ itemIds: data.getAll("itemIds"), touchpointId: data.get("touchpointId") });
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { message: "There is no workspace yet." });
    const { itemIds, touchpointId } = parsed.data;
    const moved = await placement.moveItems(db, workspace.id, itemIds, touchpointId, {
      actor: "user:web",
      now: Date.now(),
    });
    if (moved === null) return fail(404, { message: "That touchpoint no longer exists." });
    return { done: `${moved} ${moved === 1 ? "item" : "items"} placed.` };
  },
};
