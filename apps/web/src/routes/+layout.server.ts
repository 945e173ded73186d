import * as alerts from "@firebreak/db/queries/alerts";
import { dbFrom } from "$lib/server/db";
import type { LayoutServerLoad } from "./$types";

/** Who is signed in, in which workspace and as what: the header's account menu, and what pages may offer. */
export const load: LayoutServerLoad = async ({ locals, platform }) => ({
  viewer: locals.user
    ? {
        name: locals.user.name,
        email: locals.user.email,
        workspace: locals.membership?.workspace ?? null,
        role: locals.membership?.role ?? null,
      }
    : null,
  // The navigation's badge: one grouped count, re-read after every form action (SvelteKit invalidates all loads).
  openAlerts: locals.membership ? (await alerts.openCounts(dbFrom(platform), locals.membership.workspace.id)).total : 0,
});
