/**
 * Reading feedback items: for the public API, newest first, filtered and cursor-paginated; and a source's test items.
 * @module
 */
import { and, desc, eq, gte, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { feedbackItems, sources, touchpoints } from "../schema/index.ts";

export interface FeedbackFilter {
  sourceId?: string;
  touchpointId?: string;
  /** `unassigned` lists items no touchpoint was found for. */
  unassigned?: boolean;
  language?: string;
  sentiment?: "negative" | "neutral" | "positive";
  from?: number;
  to?: number;
  /** Position after the last item of the previous page. */
  after?: { occurredAt: number; id: string };
  limit: number;
}

export function list(db: Db, workspaceId: string, filter: FeedbackFilter) {
  const { after } = filter;
  return db
    .select({ item: feedbackItems, provider: sources.provider })
    .from(feedbackItems)
    .innerJoin(sources, and(eq(sources.id, feedbackItems.sourceId), eq(sources.workspaceId, workspaceId)))
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        isNull(feedbackItems.erasedAt),
        filter.sourceId ? eq(feedbackItems.sourceId, filter.sourceId) : undefined,
        filter.touchpointId ? eq(feedbackItems.touchpointId, filter.touchpointId) : undefined,
        filter.unassigned ? isNull(feedbackItems.touchpointId) : undefined,
        filter.language ? eq(feedbackItems.language, filter.language) : undefined,
        filter.sentiment ? eq(feedbackItems.sentimentLabel, filter.sentiment) : undefined,
        filter.from !== undefined ? gte(feedbackItems.occurredAt, filter.from) : undefined,
        filter.to !== undefined ? lte(feedbackItems.occurredAt, filter.to) : undefined,
        after
          ? or(
              lt(feedbackItems.occurredAt, after.occurredAt),
              and(eq(feedbackItems.occurredAt, after.occurredAt), lt(feedbackItems.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(feedbackItems.occurredAt), desc(feedbackItems.id))
    .limit(filter.limit);
}

/** A source's newest test items, with how analysis read them and where it placed them (never counted). */
export function latestTests(db: Db, workspaceId: string, sourceId: string, limit = 5) {
  return db
    .select({
      id: feedbackItems.id,
      deliveryId: feedbackItems.deliveryId,
      text: feedbackItems.text,
      language: feedbackItems.language,
      sentimentLabel: feedbackItems.sentimentLabel,
      touchpointName: touchpoints.name,
      touchpointMethod: feedbackItems.touchpointMethod,
      receivedAt: feedbackItems.receivedAt,
    })
    .from(feedbackItems)
    .leftJoin(
      touchpoints,
      and(eq(touchpoints.id, feedbackItems.touchpointId), eq(touchpoints.workspaceId, workspaceId)),
    )
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        eq(feedbackItems.sourceId, sourceId),
        eq(feedbackItems.isTest, true),
      ),
    )
    .orderBy(desc(feedbackItems.receivedAt))
    .limit(limit);
}
