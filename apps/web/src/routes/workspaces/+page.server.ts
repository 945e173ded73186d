import * as members from "@firebreak/db/queries/members";
import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { readForm } from "$lib/server/form-action";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ locals, platform }) => {
  const user = locals.user;
  if (!user) redirect(303, "/login");
  return {
    workspaces: await members.workspacesOf(dbFrom(platform), user.id),
    activeId: locals.membership?.workspace.id ?? null,
  };
};

export const actions: Actions = {
  switch: async (event) => {
    const user = event.locals.user;
    if (!user) redirect(303, "/login");
    const parsed = z
      .object({ id: z.string().min(1).max(64) })
      .safeParse(Object.fromEntries(await readForm(event.request)));
    if (!parsed.success) return fail(400, { message: "Pick a workspace." });
    // Only a workspace the user belongs to: better-auth refuses others, and so does this check, with a plain message.
    const mine = await members.workspacesOf(dbFrom(event.platform), user.id);
    if (!mine.some((w) => w.id === parsed.data.id))
      return fail(404, { message: "You're not a member of that workspace." });
    await event.locals.auth.api.setActiveOrganization({
      body: { organizationId: parsed.data.id },
      headers: event.request.headers,
    });
    redirect(303, "/journeys");
  },
};
