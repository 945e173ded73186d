import { redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const workspace = await currentWorkspace(dbFrom(platform));
  if (!workspace) redirect(307, "/");
  return { workspace };
};
