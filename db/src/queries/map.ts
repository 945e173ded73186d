/**
 * Every D1 read the journey map makes. Counters come from `daily_rollups`, never from `feedback_items`, so the map
 * costs the same at a million items as at a thousand; only the drill-down reads items, 20 at a time. Each query
 * filters on `workspace_id`, and each page is a single `db.batch` round trip.
 * @module
 */
import {
  addCounters,
  detectSpike,
  EMPTY_COUNTERS,
  type FrictionCounters,
  type FrictionScore,
  frictionScore,
  type SpikeResult,
} from "@firebreak/core/friction";
import { and, asc, between, count, desc, eq, gte, inArray, isNull, lt, type SQLWrapper, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import { workspaces } from "../schema/auth.ts";
import { dailyRollups, feedbackItems } from "../schema/feedback.ts";
import { journeys, stages, touchpoints } from "../schema/journeys.ts";

/** Inclusive range of UTC days, both `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export interface JourneySummary {
  id: string;
  name: string;
  description: string;
  state: "current" | "future";
  position: number;
}

/** One point of a touchpoint's sparkline: `days` is shorter than the others for the oldest, partial bucket. */
export interface SeriesBucket {
  from: string;
  to: string;
  days: number;
  itemCount: number;
  negativeCount: number;
}

export interface TouchpointStats {
  counters: FrictionCounters;
  friction: FrictionScore;
  /** Share of items labelled negative, in [0, 1]. */
  negativeShare: number;
  /** Mean sentiment in [-1, 1]; `null` without items. */
  averageSentiment: number | null;
  /** Mean normalized score in [0, 1] (1 = best); `null` without scored items. */
  averageScore: number | null;
  /** Last 7 days against the rest of the range; never a spike when the range is shorter than 14 days. */
  spike: SpikeResult;
  /** Oldest first, covering the whole range. */
  series: SeriesBucket[];
}

/** What a touchpoint is, independent of the range. */
export interface TouchpointInfo {
  id: string;
  key: string;
  name: string;
  description: string;
  channel: string;
  owner: string | null;
  /** `confirmed` once a lead has marked it; `suggested` while only Firebreak proposes it. */
  humanMoment: "confirmed" | "suggested" | null;
  humanMomentReason: string | null;
}

export interface MapTouchpoint extends TouchpointInfo, TouchpointStats {}

export interface MapStage {
  id: string;
  name: string;
  description: string;
  touchpoints: MapTouchpoint[];
}

export interface JourneyTotals {
  counters: FrictionCounters;
  negativeShare: number;
  averageSentiment: number | null;
  spikeCount: number;
  topFriction: { id: string; key: string; name: string; score: number } | null;
}

export interface JourneyMap {
  journey: JourneySummary;
  range: DayRange & { days: number };
  stages: MapStage[];
  totals: JourneyTotals;
}

export interface NegativeItem {
  id: string;
  kind: "survey" | "review" | "ticket" | "message";
  channel: string;
  title: string | null;
  /** Redacted at ingest. */
  text: string;
  score: number | null;
  scale: string;
  language: string;
  sentiment: number;
  url: string | null;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** The provider sent only an id or a preview; the details arrive once the source has API credentials. */
  needsEnrichment: boolean;
  /** The provider no longer has the details (or they failed too often): they will not arrive. */
  detailsUnavailable: boolean;
}

export interface TouchpointDetail {
  touchpoint: TouchpointInfo & {
    stage: { id: string; name: string };
    journey: { id: string; name: string };
  };
  stats: TouchpointStats;
  range: DayRange & { days: number };
  recentNegative: NegativeItem[];
  /** Items in range whose provider sent only ids or a preview, newest first: how many, and the first few. */
  awaitingDetails: { count: number; items: NegativeItem[] };
}

const DAY_MS = 86_400_000;
const RECENT_DAYS = 7;
const SPARKLINE_POINTS = 13;
const RECENT_NEGATIVE_LIMIT = 20;
const AWAITING_DETAILS_LIMIT = 10;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The workspace to show until sign-in exists: `preferredId` (the demo workspace) when present, else the oldest one.
 * This is the one read that is not scoped to a workspace, because it is how the workspace is chosen.
 */
export async function findDefaultWorkspace(
  db: Db,
  preferredId = "ws_demo",
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .orderBy(sql`${workspaces.id} = ${preferredId} desc`, asc(workspaces.createdAt))
    .limit(1);
  return row ?? null;
}

/** The workspace's journeys that are not archived, in display order. */
export function listJourneys(db: Db, workspaceId: string): Promise<JourneySummary[]> {
  return db
    .select(journeySummaryColumns)
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), isNull(journeys.archivedAt)))
    .orderBy(asc(journeys.position), asc(journeys.name));
}

/** Subquery: the ids of a journey's touchpoints (the journey given as an id or as a subquery). */
function touchpointIdsOfJourney(db: Db, workspaceId: string, journey: string | SQLWrapper) {
  return db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journey)));
}

/**
 * The journey map for a range: stages in order, their touchpoints in order, each with summed counters, friction,
 * a sparkline series and spike detection, plus journey totals. One round trip. `null` when the journey does not
 * belong to the workspace.
 * @example const map = await getJourneyMap(db, "ws_demo", "jr_onboarding", { from: "2026-08-26", to: "2026-11-23" });
 */
export async function getJourneyMap(
  db: Db,
  workspaceId: string,
  journeyId: string,
  range: DayRange,
): Promise<JourneyMap | null> {
  const plan = planRange(range);
  const journeyTouchpointIds = touchpointIdsOfJourney(db, workspaceId, journeyId);

  const [journeyRows, stageRows, touchpointRows, rollupRows] = await db.batch([
    db
      .select(journeySummaryColumns)
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    db
      .select({ id: stages.id, name: stages.name, description: stages.description })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.journeyId, journeyId)))
      .orderBy(asc(stages.position)),
    db
      .select({ ...touchpointColumns, stageId: touchpoints.stageId })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journeyId)))
      .orderBy(asc(touchpoints.position), asc(touchpoints.name)),
    rollupQuery(db, workspaceId, journeyTouchpointIds, plan),
  ]);
  const journey = journeyRows[0];
  if (!journey) return null;

  const statsById = statsByTouchpoint(rollupRows, plan);
  const mapTouchpoints = touchpointRows.map(({ stageId, ...row }) => ({
    stageId,
    touchpoint: { ...toTouchpoint(row), ...(statsById.get(row.id) ?? emptyStats(plan)) },
  }));
  const mapStages = stageRows.map((stage) => ({
    ...stage,
    touchpoints: mapTouchpoints.filter((t) => t.stageId === stage.id).map((t) => t.touchpoint),
  }));

  return {
    journey,
    range: { from: range.from, to: range.to, days: plan.days },
    stages: mapStages,
    totals: journeyTotals(mapTouchpoints.map((t) => t.touchpoint)),
  };
}

/**
 * One touchpoint's "why flagged": its friction parts (volume measured against the busiest touchpoint of its
 * journey, as on the map), its series and spike, the 20 most recent negative items in the range, and the items still
 * awaiting their details from the provider. One round trip.
 * `null` when the touchpoint does not belong to the workspace.
 */
export async function getTouchpointDetail(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  range: DayRange,
): Promise<TouchpointDetail | null> {
  const plan = planRange(range);
  const journeyOfTouchpoint = db
    .select({ journeyId: touchpoints.journeyId })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)));
  const siblingTouchpointIds = touchpointIdsOfJourney(db, workspaceId, journeyOfTouchpoint);

  const inRange = and(
    eq(feedbackItems.workspaceId, workspaceId),
    eq(feedbackItems.touchpointId, touchpointId),
    gte(feedbackItems.occurredAt, plan.fromMs),
    lt(feedbackItems.occurredAt, plan.toExclusiveMs),
    isNull(feedbackItems.erasedAt),
  );
  const awaiting = and(inRange, eq(feedbackItems.needsEnrichment, true));

  const [touchpointRows, rollupRows, itemRows, awaitingRows, awaitingCount] = await db.batch([
    db
      .select({
        ...touchpointColumns,
        // Aliased: D1 batches return rows as objects, so a second `name` or `id` column would overwrite the first.
        stageId: sql<string>`${stages.id}`.as("stage_id"),
        stageName: sql<string>`${stages.name}`.as("stage_name"),
        journeyId: sql<string>`${journeys.id}`.as("journey_id"),
        journeyName: sql<string>`${journeys.name}`.as("journey_name"),
      })
      .from(touchpoints)
      .innerJoin(stages, and(eq(stages.id, touchpoints.stageId), eq(stages.workspaceId, workspaceId)))
      .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), eq(journeys.workspaceId, workspaceId)))
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId))),
    rollupQuery(db, workspaceId, siblingTouchpointIds, plan),
    db
      .select(listedItemColumns)
      .from(feedbackItems)
      .where(and(inRange, eq(feedbackItems.sentimentLabel, "negative")))
      .orderBy(desc(feedbackItems.occurredAt))
      .limit(RECENT_NEGATIVE_LIMIT),
    db
      .select(listedItemColumns)
      .from(feedbackItems)
      .where(awaiting)
      .orderBy(desc(feedbackItems.occurredAt))
      .limit(AWAITING_DETAILS_LIMIT),
    db.select({ count: count() }).from(feedbackItems).where(awaiting),
  ]);
  const row = touchpointRows[0];
  if (!row) return null;

  // Friction compares volume with the busiest sibling, so stats are computed for the whole journey and one is kept.
  const statsById = statsByTouchpoint(rollupRows, plan);
  const { stageId, stageName, journeyId, journeyName, ...touchpoint } = row;
  return {
    touchpoint: {
      ...toTouchpoint(touchpoint),
      stage: { id: stageId, name: stageName },
      journey: { id: journeyId, name: journeyName },
    },
    stats: statsById.get(touchpointId) ?? emptyStats(plan),
    range: { from: range.from, to: range.to, days: plan.days },
    recentNegative: itemRows.map(toListedItem),
    awaitingDetails: { count: awaitingCount[0]?.count ?? 0, items: awaitingRows.map(toListedItem) },
  };
}

/** The columns a listed item shows. */
const listedItemColumns = {
  id: feedbackItems.id,
  kind: feedbackItems.kind,
  channel: feedbackItems.channel,
  title: feedbackItems.title,
  text: feedbackItems.text,
  score: feedbackItems.score,
  scale: feedbackItems.scale,
  language: feedbackItems.language,
  sentiment: feedbackItems.sentiment,
  url: feedbackItems.url,
  occurredAt: feedbackItems.occurredAt,
  needsEnrichment: feedbackItems.needsEnrichment,
  enrichmentUnavailableAt: feedbackItems.enrichmentUnavailableAt,
};

function toListedItem({
  enrichmentUnavailableAt,
  ...row
}: Omit<NegativeItem, "detailsUnavailable"> & { enrichmentUnavailableAt: number | null }): NegativeItem {
  return { ...row, detailsUnavailable: row.needsEnrichment && enrichmentUnavailableAt !== null };
}

const journeySummaryColumns = {
  id: journeys.id,
  name: journeys.name,
  description: journeys.description,
  state: journeys.state,
  position: journeys.position,
};

const touchpointColumns = {
  id: touchpoints.id,
  key: touchpoints.key,
  name: touchpoints.name,
  description: touchpoints.description,
  channel: touchpoints.channel,
  owner: touchpoints.owner,
  isHumanMoment: touchpoints.isHumanMoment,
  humanMomentSuggested: touchpoints.humanMomentSuggested,
  humanMomentReason: touchpoints.humanMomentReason,
};

interface TouchpointRow {
  id: string;
  key: string;
  name: string;
  description: string;
  channel: string;
  owner: string | null;
  isHumanMoment: boolean;
  humanMomentSuggested: boolean;
  humanMomentReason: string | null;
}

function toTouchpoint({ isHumanMoment, humanMomentSuggested, ...rest }: TouchpointRow): TouchpointInfo {
  return { ...rest, humanMoment: isHumanMoment ? "confirmed" : humanMomentSuggested ? "suggested" : null };
}

interface RangePlan {
  from: string;
  to: string;
  days: number;
  /** First day of the spike window. */
  recentFrom: string;
  bucketDays: number;
  bucketCount: number;
  fromMs: number;
  toExclusiveMs: number;
}

function planRange({ from, to }: DayRange): RangePlan {
  if (!DAY_PATTERN.test(from) || !DAY_PATTERN.test(to)) throw new RangeError(`Days must be YYYY-MM-DD: ${from}..${to}`);
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) throw new RangeError(`Bad range: ${from}..${to}`);
  const days = (toMs - fromMs) / DAY_MS + 1;
  // Daily points up to a month; beyond that ~13 points, which is weekly for the default 90 days.
  const bucketDays = days <= 31 ? 1 : Math.ceil(days / SPARKLINE_POINTS);
  return {
    from,
    to,
    days,
    recentFrom: isoDay(Math.max(fromMs, toMs - (RECENT_DAYS - 1) * DAY_MS)),
    bucketDays,
    bucketCount: Math.ceil(days / bucketDays),
    fromMs,
    toExclusiveMs: toMs + DAY_MS,
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A single pass over the rollups, grouped by touchpoint, sparkline bucket and whether the day falls in the spike
 * window: enough to derive totals, the series and the spike without a second scan.
 */
function rollupQuery(db: Db, workspaceId: string, touchpointIds: SQLWrapper, plan: RangePlan) {
  // Buckets are counted back from `to`, so the newest one is always whole and the oldest absorbs the remainder.
  const bucket = sql<number>`cast((julianday(${plan.to}) - julianday(${dailyRollups.day})) / ${plan.bucketDays} as integer)`;
  const recent = sql<number>`(${dailyRollups.day} >= ${plan.recentFrom})`;
  const total = (column: SQLiteColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
  return db
    .select({
      touchpointId: dailyRollups.touchpointId,
      bucket: bucket.mapWith(Number),
      recent: recent.mapWith(Number),
      itemCount: total(dailyRollups.itemCount),
      negativeCount: total(dailyRollups.negativeCount),
      sentimentSum: total(dailyRollups.sentimentSum),
      scoreSum: total(dailyRollups.scoreSum),
      scoreCount: total(dailyRollups.scoreCount),
      detractorCount: total(dailyRollups.detractorCount),
      escalationCount: total(dailyRollups.escalationCount),
      repeatCount: total(dailyRollups.repeatCount),
    })
    .from(dailyRollups)
    .where(
      and(
        eq(dailyRollups.workspaceId, workspaceId),
        inArray(dailyRollups.touchpointId, touchpointIds),
        between(dailyRollups.day, plan.from, plan.to),
      ),
    )
    .groupBy(dailyRollups.touchpointId, bucket, recent);
}

type RollupRow = FrictionCounters & { touchpointId: string; bucket: number; recent: number };

function statsByTouchpoint(rows: RollupRow[], plan: RangePlan): Map<string, TouchpointStats> {
  const grouped = new Map<string, { counters: FrictionCounters; recentCount: number; series: SeriesBucket[] }>();
  for (const { touchpointId, bucket, recent, ...counters } of rows) {
    let entry = grouped.get(touchpointId);
    if (!entry) {
      entry = { counters: EMPTY_COUNTERS, recentCount: 0, series: emptySeries(plan) };
      grouped.set(touchpointId, entry);
    }
    entry.counters = addCounters(entry.counters, counters);
    if (recent) entry.recentCount += counters.itemCount;
    // Series are oldest first; bucket 0 is the newest.
    const point = entry.series[plan.bucketCount - 1 - bucket];
    if (point) {
      point.itemCount += counters.itemCount;
      point.negativeCount += counters.negativeCount;
    }
  }
  const maxItemCount = Math.max(0, ...[...grouped.values()].map((g) => g.counters.itemCount));
  const stats = new Map<string, TouchpointStats>();
  for (const [id, { counters, recentCount, series }] of grouped) {
    stats.set(id, toStats(counters, recentCount, series, maxItemCount, plan));
  }
  return stats;
}

function toStats(
  counters: FrictionCounters,
  recentCount: number,
  series: SeriesBucket[],
  maxItemCount: number,
  plan: RangePlan,
): TouchpointStats {
  const baselineDays = plan.days - RECENT_DAYS;
  const spike =
    baselineDays >= RECENT_DAYS
      ? detectSpike(recentCount, RECENT_DAYS, counters.itemCount - recentCount, baselineDays)
      : { spike: false, z: 0, recentPerDay: recentCount / Math.min(RECENT_DAYS, plan.days), baselinePerDay: 0 };
  return {
    counters,
    friction: frictionScore(counters, maxItemCount),
    negativeShare: share(counters.negativeCount, counters.itemCount),
    averageSentiment: counters.itemCount > 0 ? counters.sentimentSum / counters.itemCount : null,
    averageScore: counters.scoreCount > 0 ? counters.scoreSum / counters.scoreCount : null,
    spike,
    series,
  };
}

function emptyStats(plan: RangePlan): TouchpointStats {
  return toStats(EMPTY_COUNTERS, 0, emptySeries(plan), 0, plan);
}

function emptySeries(plan: RangePlan): SeriesBucket[] {
  const toMs = plan.toExclusiveMs - DAY_MS;
  return Array.from({ length: plan.bucketCount }, (_, index) => {
    const newestFirst = plan.bucketCount - 1 - index;
    const endMs = toMs - newestFirst * plan.bucketDays * DAY_MS;
    const startMs = Math.max(plan.fromMs, endMs - (plan.bucketDays - 1) * DAY_MS);
    return {
      from: isoDay(startMs),
      to: isoDay(endMs),
      days: (endMs - startMs) / DAY_MS + 1,
      itemCount: 0,
      negativeCount: 0,
    };
  });
}

function journeyTotals(all: MapTouchpoint[]): JourneyTotals {
  const counters = all.reduce((sum, t) => addCounters(sum, t.counters), EMPTY_COUNTERS);
  const ranked = all
    .filter((t) => t.counters.itemCount > 0)
    .sort((a, b) => b.friction.score - a.friction.score || b.counters.itemCount - a.counters.itemCount);
  const top = ranked[0];
  return {
    counters,
    negativeShare: share(counters.negativeCount, counters.itemCount),
    averageSentiment: counters.itemCount > 0 ? counters.sentimentSum / counters.itemCount : null,
    spikeCount: all.filter((t) => t.spike.spike).length,
    topFriction: top ? { id: top.id, key: top.key, name: top.name, score: top.friction.score } : null,
  };
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
