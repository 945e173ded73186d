import * as destinations from "@firebreak/db/queries/destinations";
import { dbFrom } from "$lib/server/db";
import { destinationActions, outboundSettings } from "$lib/server/destinations";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

/** The counts cover a week: long enough to see a pattern, short enough to notice a destination that broke. */
const WINDOW_MS = 7 * 86_400_000;

/** The workspace's destinations, newest first, each with its last week of deliveries and its latest attempt. */
export const load: PageServerLoad = async ({ platform }) => {
  const { workspace, role } = requireRole("viewer");
  const db = dbFrom(platform);
  const [rows, activity] = await Promise.all([
    destinations.list(db, workspace.id),
    destinations.activity(db, workspace.id, Date.now() - WINDOW_MS),
  ]);
  return {
    workspace,
    canManage: role === "owner",
    allowLoopback: outboundSettings(platform).allowLoopback,
    destinations: rows.map((d) => ({
      ...d,
      activity: activity.get(d.id) ?? { delivered: 0, failed: 0, pending: 0, last: null },
    })),
  };
};

export const actions = destinationActions satisfies Actions;
