import * as destinations from "@firebreak/db/queries/destinations";
import * as outbound from "@firebreak/db/queries/outbound";
import { error } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { destinationActions } from "$lib/server/destinations";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const PAGE_SIZE = 25;
/** `before` in the URL: the last shown delivery's `createdAt|id`. */
const CURSOR = /^(\d{1,16})\|([A-Za-z0-9_]{1,64})$/;

/** One destination's delivery log, newest first, a page at a time; a 404 for a destination not in this workspace. */
export const load: PageServerLoad = async ({ params, platform, url }) => {
  const { workspace, role } = requireRole("viewer");
  const db = dbFrom(platform);
  const row = await destinations.get(db, workspace.id, params.destinationId);
  if (!row) error(404, { message: "No such destination in this workspace." });
  const cursor = CURSOR.exec(url.searchParams.get("before") ?? "");
  const page = await outbound.deliveryPage(db, workspace.id, row.id, {
    before: cursor ? { createdAt: Number(cursor[1]), id: cursor[2] as string } : undefined,
    limit: PAGE_SIZE,
  });
  return {
    workspace,
    canManage: role === "owner",
    destination: destinations.toView(row),
    deliveries: page.deliveries,
    older: page.next ? `${page.next.createdAt}|${page.next.id}` : null,
    paged: Boolean(cursor),
  };
};

export const actions = destinationActions satisfies Actions;
