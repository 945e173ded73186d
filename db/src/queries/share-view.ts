/**
 * What a shared journey map shows to someone without an account: the map's hotspots and friction scores with each
 * touchpoint's "why flagged" parts and a few of its newest negative verbatims. Nothing that names a customer or
 * leads into the app: no customer, item, source or delivery ids, no provider links, no owners. Text was redacted at
 * ingest; it is redacted again here, so an item that reached D1 some other way still cannot leak an email or number.
 * @module
 */
import { redact } from "@firebreak/core/analysis/redact";
import { and, desc, eq, gte, isNull, lt } from "drizzle-orm";
import type { Db } from "../client.ts";
import { feedbackItems } from "../schema/feedback.ts";
import { getJourneyMap } from "./map.ts";
import { type DayRange, planRange } from "./map-range.ts";

/** Verbatims per touchpoint: enough to hear the customer, few enough for a page a stakeholder reads. */
export const SHARED_VERBATIMS = 3;

export interface SharedVerbatim {
  /** Redacted at ingest and again for the share. */
  text: string;
  title: string | null;
  score: number | null;
  scale: string;
  sentiment: number;
  channel: string;
  /** The UTC day only: a timestamp to the millisecond could single out one person's message. */
  day: string;
}

/** The text with every email, phone, card, IBAN and national id replaced by its kind, as ingest does. */
function clean(text: string): string {
  return redact(text).text;
}

/**
 * The journey as shared, for a range; null when the journey is not in the workspace. Two round trips: the map's
 * batch, then one batch with a `LIMIT` read per touchpoint on the items' touchpoint × time index.
 */
export async function getSharedJourney(db: Db, workspaceId: string, journeyId: string, range: DayRange) {
  const map = await getJourneyMap(db, workspaceId, journeyId, range);
  if (!map) return null;
  const plan = planRange(range);
  const touchpointIds = map.stages.flatMap((stage) => stage.touchpoints.map((t) => t.id));
  const reads = touchpointIds.map((touchpointId) =>
    db
      .select({
        text: feedbackItems.text,
        title: feedbackItems.title,
        score: feedbackItems.score,
        scale: feedbackItems.scale,
        sentiment: feedbackItems.sentiment,
        channel: feedbackItems.channel,
        occurredAt: feedbackItems.occurredAt,
      })
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          eq(feedbackItems.touchpointId, touchpointId),
          gte(feedbackItems.occurredAt, plan.fromMs),
          lt(feedbackItems.occurredAt, plan.toExclusiveMs),
          isNull(feedbackItems.erasedAt),
          eq(feedbackItems.sentimentLabel, "negative"),
        ),
      )
      .orderBy(desc(feedbackItems.occurredAt))
      .limit(SHARED_VERBATIMS),
  );
  const [first, ...rest] = reads;
  const rows = first ? await db.batch([first, ...rest]) : [];
  const verbatimsOf = new Map(
    touchpointIds.map((id, index) => [
      id,
      (rows[index] ?? []).map(
        ({ occurredAt, text, title, ...row }): SharedVerbatim => ({
          ...row,
          text: clean(text),
          title: title === null ? null : clean(title),
          day: new Date(occurredAt).toISOString().slice(0, 10),
        }),
      ),
    ]),
  );

  return {
    journey: { name: map.journey.name, description: map.journey.description },
    range: map.range,
    totals: {
      itemCount: map.totals.counters.itemCount,
      negativeShare: map.totals.negativeShare,
      averageSentiment: map.totals.averageSentiment,
      spikeCount: map.totals.spikeCount,
      topFriction: map.totals.topFriction && { name: map.totals.topFriction.name, score: map.totals.topFriction.score },
    },
    stages: map.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      touchpoints: stage.touchpoints.map((t) => ({
        id: t.id,
        key: t.key,
        name: t.name,
        channel: t.channel,
        humanMoment: t.humanMoment,
        averageSentiment: t.averageSentiment,
        activeRepeatChains: t.activeRepeatChains,
        friction: t.friction,
        counters: {
          itemCount: t.counters.itemCount,
          repeatCount: t.counters.repeatCount,
          escalationCount: t.counters.escalationCount,
        },
        spike: { spike: t.spike.spike, rateRatio: t.spike.rateRatio },
        series: t.series.map(({ days, itemCount, negativeCount }) => ({ days, itemCount, negativeCount })),
        verbatims: verbatimsOf.get(t.id) ?? [],
      })),
    })),
    recurringIssues: map.recurringIssues.issues.slice(0, 10).map((issue) => ({
      label: clean(issue.label),
      itemCount: issue.itemCount,
      negativeShare: issue.negativeShare,
    })),
  };
}

export type SharedJourney = NonNullable<Awaited<ReturnType<typeof getSharedJourney>>>;
