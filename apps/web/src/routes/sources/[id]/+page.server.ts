import * as deliveries from "@firebreak/db/queries/deliveries";
import { DELIVERY_STATUSES } from "@firebreak/db/schema";
import { error, redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { findSource } from "$lib/server/sources";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

const PAGE_SIZE = 50;
const SUMMARY_DAYS = 7;

type Status = (typeof DELIVERY_STATUSES)[number];
const isStatus = (value: string | null): value is Status => DELIVERY_STATUSES.includes(value as Status);

/** A source's delivery log: every receipt, accepted or not, newest first, with a week's summary by status. */
export const load: PageServerLoad = async ({ params, platform, url }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");
  const source = await findSource(db, workspace.id, params.id, platform?.env.INGEST_URL ?? "");
  if (!source) error(404, { message: "This source does not exist in your workspace." });

  const statusParam = url.searchParams.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const before = Number(url.searchParams.get("before")) || undefined;
  const [rows, counts] = await Promise.all([
    deliveries.listForSource(db, workspace.id, source.id, { status, before, limit: PAGE_SIZE + 1 }),
    deliveries.countByStatus(db, workspace.id, source.id, Date.now() - SUMMARY_DAYS * 86_400_000),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    workspace,
    source,
    status: status ?? null,
    statuses: DELIVERY_STATUSES,
    summaryDays: SUMMARY_DAYS,
    counts,
    deliveries: page.map((d) => ({
      id: d.id,
      status: d.status,
      reason: d.reason,
      httpStatus: d.httpStatus,
      receivedAt: d.receivedAt,
      ackMs: d.ackMs,
      processMs: d.processMs,
      attempts: d.attempts,
      itemCount: d.itemCount,
      eventId: d.providerEventId,
      duplicateOf: d.duplicateOf,
    })),
    // Older rows continue strictly before the last shown receipt time.
    olderThan: rows.length > PAGE_SIZE ? (page.at(-1)?.receivedAt ?? null) : null,
  };
};
