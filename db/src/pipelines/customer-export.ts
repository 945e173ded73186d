/**
 * A customer's data on request: everything stored about them in one workspace, as one JSON document. Customer rows
 * (attributes, first and last seen), every item with its redacted text, analysis and metadata, where it was placed
 * (touchpoint, journey, recurring issue by name), its earlier revisions, and the ids of the deliveries that carried
 * it. Raw payloads are not included: a payload may also hold other customers' feedback, and it is kept, encrypted,
 * only for replays within the workspace's raw-payload retention. Audited as `customer.exported`.
 * @module
 */
import { type CustomerSelector, customerLookup, requestReference } from "@firebreak/core";
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import * as audit from "../queries/audit.ts";
import {
  feedbackItems,
  itemDeliveries,
  itemRevisions,
  journeys,
  sources,
  themes,
  touchpoints,
  workspaces,
} from "../schema/index.ts";
import { findCustomers, type PrivacyActor } from "./erasure.ts";

/** Items read per query: a customer with thousands of items is exported in pages, never one unbounded read. */
const PAGE = 500;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function itemPage(
  db: Db,
  workspaceId: string,
  customerIds: readonly string[],
  after?: { at: number; id: string },
) {
  return db
    .select({
      item: feedbackItems,
      source: { name: sources.name, provider: sources.provider },
      touchpoint: { name: touchpoints.name, key: touchpoints.key },
      journey: { name: journeys.name },
      theme: { label: themes.label },
    })
    .from(feedbackItems)
    .leftJoin(sources, and(eq(sources.id, feedbackItems.sourceId), eq(sources.workspaceId, workspaceId)))
    .leftJoin(
      touchpoints,
      and(eq(touchpoints.id, feedbackItems.touchpointId), eq(touchpoints.workspaceId, workspaceId)),
    )
    .leftJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), eq(journeys.workspaceId, workspaceId)))
    .leftJoin(themes, and(eq(themes.id, feedbackItems.themeId), eq(themes.workspaceId, workspaceId)))
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.customerId, jsonList(customerIds)),
        after
          ? or(
              gt(feedbackItems.occurredAt, after.at),
              and(eq(feedbackItems.occurredAt, after.at), gt(feedbackItems.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(feedbackItems.occurredAt), asc(feedbackItems.id))
    .limit(PAGE);
}

type ItemPageRow = Awaited<ReturnType<typeof itemPage>>[number];

function presentItem(
  { item, source, touchpoint, journey, theme }: ItemPageRow,
  revisions: ReadonlyArray<typeof itemRevisions.$inferSelect>,
  deliveryIds: readonly string[],
) {
  return {
    id: item.id,
    source: { id: item.sourceId, name: source?.name ?? null, provider: source?.provider ?? null },
    externalId: item.externalId,
    parentExternalId: item.parentExternalId,
    kind: item.kind,
    channel: item.channel,
    title: item.title,
    text: item.text,
    textTruncated: item.textTruncated,
    redactions: item.redactions,
    score: item.score,
    scale: item.scale,
    scaleRange: item.scale === "custom" ? { min: item.scaleMin, max: item.scaleMax } : null,
    language: item.language,
    sentiment: { score: item.sentiment, label: item.sentimentLabel, confidence: item.sentimentConfidence },
    touchpoint: item.touchpointId
      ? {
          id: item.touchpointId,
          name: touchpoint?.name ?? null,
          key: touchpoint?.key ?? null,
          journey: journey?.name ?? null,
        }
      : null,
    placedBy: item.touchpointMethod,
    recurringIssue: item.themeId ? { id: item.themeId, label: theme?.label ?? null } : null,
    tags: item.tags,
    status: item.status,
    url: item.url,
    escalations: item.escalations,
    repeatOfItemId: item.repeatOfItemId,
    friction: item.friction,
    test: item.isTest,
    awaitingDetails: item.needsEnrichment,
    occurredAt: iso(item.occurredAt),
    revisedAt: iso(item.revisionAt),
    receivedAt: iso(item.receivedAt),
    deliveryIds,
    revisions: revisions.map((r) => ({
      revisedAt: iso(r.revisionAt),
      replacedAt: iso(r.replacedAt),
      title: r.title,
      text: r.text,
      score: r.score,
      sentiment: r.sentiment,
      status: r.status,
      tags: r.tags,
    })),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof buildExport>>;

async function buildExport(
  db: Db,
  workspaceId: string,
  selector: CustomerSelector,
  rows: Awaited<ReturnType<typeof findCustomers>>,
  now: number,
) {
  const workspace = await db.query.workspaces.findFirst({
    columns: { id: true, name: true, rawPayloadRetentionDays: true, itemRetentionDays: true },
    where: eq(workspaces.id, workspaceId),
  });
  const customerIds = rows.map((r) => r.id);
  const items: Array<ReturnType<typeof presentItem>> = [];
  for (let after: { at: number; id: string } | undefined; ; ) {
    const page = await itemPage(db, workspaceId, customerIds, after);
    if (page.length === 0) break;
    const ids = jsonList(page.map((p) => p.item.id));
    const [revisions, links] = await db.batch([
      db
        .select()
        .from(itemRevisions)
        .where(and(eq(itemRevisions.workspaceId, workspaceId), inArray(itemRevisions.itemId, ids)))
        .orderBy(asc(itemRevisions.revisionAt)),
      db
        .select({ itemId: itemDeliveries.itemId, deliveryId: itemDeliveries.deliveryId })
        .from(itemDeliveries)
        .where(and(inArray(itemDeliveries.itemId, ids), eq(itemDeliveries.workspaceId, workspaceId))),
    ]);
    for (const row of page) {
      const deliveryIds = new Set(links.filter((l) => l.itemId === row.item.id).map((l) => l.deliveryId));
      if (row.item.deliveryId) deliveryIds.add(row.item.deliveryId);
      items.push(
        presentItem(
          row,
          revisions.filter((r) => r.itemId === row.item.id),
          [...deliveryIds].sort(),
        ),
      );
    }
    const last = page.at(-1)?.item;
    if (page.length < PAGE || !last) break;
    after = { at: last.occurredAt, id: last.id };
  }
  return {
    exportedAt: iso(now),
    workspace: { id: workspaceId, name: workspace?.name ?? null },
    requestedBy: selector.kind,
    about:
      "Everything Firebreak stores about this customer in this workspace. Customer identifiers (email, the sender's " +
      "customer id) are never stored, only as keyed hashes, so they are not listed. Text was redacted (emails, " +
      "phone numbers, card and account numbers, national ids) before it was stored. The deliveries listed carried " +
      `the items; their raw payloads are kept encrypted for replays for ${workspace?.rawPayloadRetentionDays ?? "?"} ` +
      `days, and items for ${workspace?.itemRetentionDays ?? "?"} days.`,
    customers: rows.map((r) => ({
      id: r.id,
      attributes: r.attributes,
      firstSeenAt: iso(r.firstSeenAt),
      lastSeenAt: iso(r.lastSeenAt),
    })),
    items,
  };
}

/**
 * Everything stored about the customer `selector` names, audited as `customer.exported`; `not_found` when the
 * workspace has no such customer.
 */
export async function exportCustomer(
  db: Db,
  workspaceId: string,
  selector: CustomerSelector,
  { actor, now, secretsKey }: PrivacyActor,
): Promise<{ ok: true; data: CustomerExport } | { ok: false; problem: "not_found" }> {
  const lookup = customerLookup(secretsKey, workspaceId, selector);
  const rows = await findCustomers(db, workspaceId, lookup);
  if (rows.length === 0) return { ok: false, problem: "not_found" };
  const data = await buildExport(db, workspaceId, selector, rows, now);
  await audit.entry(db, {
    workspaceId,
    actor,
    action: "customer.exported",
    targetType: "customer",
    targetId: await requestReference(lookup),
    details: {
      by: selector.kind,
      counts: {
        customers: rows.length,
        items: data.items.length,
        revisions: data.items.reduce((n, i) => n + i.revisions.length, 0),
      },
    },
    at: now,
  });
  return { ok: true, data };
}
