import * as audit from "@firebreak/db/queries/audit";
import { error } from "@sveltejs/kit";
import { auditQueryString, parseAuditQuery } from "$lib/server/audit-query";
import { actionGroups, actorLabel, describeAction, detailFields, targetView } from "$lib/server/audit-view";
import { dbFrom } from "$lib/server/db";
import { requireRole } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

const PAGE_SIZE = 50;

/** The workspace's audit log, newest first, filtered by the URL: the owners' view of who changed what. */
export const load: PageServerLoad = async ({ platform, url }) => {
  const { workspace } = requireRole("owner");
  const query = parseAuditQuery(url.searchParams);
  if (!query.ok) error(400, { message: query.message });
  const db = dbFrom(platform);

  const [rows, choices] = await Promise.all([
    audit.list(db, workspace.id, query.filter, { before: query.before, limit: PAGE_SIZE + 1 }),
    audit.filterChoices(db, workspace.id),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const [names, targets] = await Promise.all([
    audit.actorNames(db, workspace.id, [...choices.actors, ...page.map((r) => r.actor)]),
    audit.targets(db, workspace.id, page),
  ]);
  const last = page.at(-1);
  return {
    workspace,
    values: query.values,
    filtered: Object.values(query.values).some(Boolean),
    paged: query.before !== undefined,
    actionGroups: actionGroups(choices.actions),
    actors: choices.actors.map((actor) => ({ value: actor, label: actorLabel(actor, names) })),
    entries: page.map((row) => ({
      id: row.id,
      at: row.createdAt,
      actor: actorLabel(row.actor, names),
      action: row.action,
      summary: describeAction(row.action),
      target: targetView(row, row.targetId ? targets.get(audit.targetKey(row.targetType, row.targetId)) : undefined),
      details: detailFields(row.details),
    })),
    newestHref: `${url.pathname}${auditQueryString(query.values)}`,
    olderHref:
      rows.length > PAGE_SIZE && last
        ? `${url.pathname}${auditQueryString(query.values, { at: last.createdAt, id: last.id })}`
        : null,
  };
};
