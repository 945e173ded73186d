import { ALERT_RULE_KINDS, ALERT_SEVERITIES } from "@firebreak/core/alerts/rules";
import * as alerts from "@firebreak/db/queries/alerts";
import * as followUps from "@firebreak/db/queries/follow-ups";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "$lib/alerts/format";
import { actorLabels } from "$lib/server/actors";
import { alertActions } from "$lib/server/alert-forms";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const PAGE_SIZE = 25;

/** The inbox's filters, from the URL; anything unknown falls back to "all" rather than failing the page. */
const ZFilter = z.object({
  status: z.enum(["active", "open", "acknowledged", "resolved"]).catch("active"),
  kind: z.enum(ALERT_RULE_KINDS).optional().catch(undefined),
  severity: z.enum(ALERT_SEVERITIES).optional().catch(undefined),
});

export const load: PageServerLoad = async ({ url, platform }) => {
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const db = dbFrom(platform);
  const search = url.searchParams;
  const filter = ZFilter.parse({
    status: search.get("status") ?? undefined,
    kind: search.get("kind") ?? undefined,
    severity: search.get("severity") ?? undefined,
  });
  const before = decodeCursor(search.get("before"));
  const [page, followUpsOpen] = await Promise.all([
    alerts.list(db, workspace.id, { ...filter, before, limit: PAGE_SIZE }),
    followUps.openCount(db, workspace.id),
  ]);
  const actors = await actorLabels(
    db,
    page.alerts.map((a) => a.acknowledgedBy),
  );
  return {
    workspace,
    filter,
    paged: before !== undefined,
    alerts: page.alerts.map(({ why: _why, conditionKey: _key, ...alert }) => ({
      ...alert,
      acknowledgedByName: alert.acknowledgedBy ? (actors[alert.acknowledgedBy] ?? null) : null,
    })),
    next: page.next ? encodeCursor(page.next) : null,
    followUpsOpen,
  };
};

export const actions = {
  acknowledge: alertActions.acknowledge,
  resolve: alertActions.resolve,
} satisfies Actions;
