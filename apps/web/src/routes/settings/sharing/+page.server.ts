import * as shareLinks from "@firebreak/db/queries/share-links";
import { roleAtLeast } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { revokeShareAction, shareRow } from "$lib/server/share-forms";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** Every share link of the workspace, newest first; viewers read the list, editors revoke. */
export const load: PageServerLoad = async ({ platform }) => {
  const { workspace, role } = requireRole("viewer");
  const rows = await shareLinks.list(dbFrom(platform), workspace.id);
  const now = Date.now();
  return { workspace, canRevoke: roleAtLeast(role, "editor"), links: rows.map((row) => shareRow(row, now)) };
};

export const actions = {
  revoke: revokeShareAction(),
} satisfies Actions;
