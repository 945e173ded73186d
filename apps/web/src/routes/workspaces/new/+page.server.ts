import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { readForm } from "$lib/server/form-action";
import { createWorkspace } from "$lib/server/workspaces";
import type { Actions, PageServerLoad } from "./$types";

const ZWorkspace = z.object({ name: z.string().trim().min(1, "Name your workspace.").max(80) });

export const load: PageServerLoad = ({ locals }) => ({ hasWorkspace: Boolean(locals.membership) });

export const actions: Actions = {
  default: async (event) => {
    const user = event.locals.user;
    if (!user) redirect(303, "/login");
    const parsed = ZWorkspace.safeParse(Object.fromEntries(await readForm(event.request)));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const id = await createWorkspace(event, user.id, parsed.data.name);
    await event.locals.auth.api.setActiveOrganization({
      body: { organizationId: id },
      headers: event.request.headers,
    });
    redirect(303, "/journeys");
  },
};
