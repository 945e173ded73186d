/**
 * Every D1 read the journey map makes. Counters come from `daily_rollups`, never from `feedback_items`, so the map
 * costs the same at a million items as at a thousand; items are read only as evidence (a few per part), as repeat
 * chains, and for the active-chain badge (the last 14 days on the items' touchpoint × time index). Each query
 * filters on `workspace_id`, and each page is a single `db.batch` round trip.
 * @module
 */
import {
  addCounters,
  detectSpike,
  EMPTY_COUNTERS,
  type FrictionCounters,
  type FrictionPart,
  type FrictionScore,
  frictionScore,
  type SpikeResult,
  type VolumeHistory,
} from "@firebreak/core/friction";
import { type HandledBy, LOW_SCORE_MAX, type Scale } from "@firebreak/core/model";
import {
  and,
  asc,
  between,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import { workspaces } from "../schema/auth.ts";
import { dailyRollups, feedbackItems, journeyChannelDays, touchpointDays } from "../schema/feedback.ts";
import { sources } from "../schema/ingestion.ts";
import { journeys, stages, touchpoints } from "../schema/journeys.ts";
import { structureQueries } from "./journey-structure.ts";
import {
  activeChainCountQuery,
  CHAIN_LIMIT,
  type RepeatChain,
  repeatChainQuery,
  repeatContactCountQuery,
  toRepeatChains,
} from "./map-chains.ts";
import {
  isFiltered,
  itemConditions,
  type MapFilter,
  type MapScope,
  NO_FILTER,
  rollupReader,
  scopeTouchpointIds,
  touchpointIdInWorkspace,
  touchpointIdsOfJourney,
} from "./map-filter.ts";
import { issueWindow, type RecurringIssues, recurringIssueQuery, toRecurringIssues } from "./map-issues.ts";
import {
  DAY_MS,
  type DayBucket,
  type DayRange,
  dayMs,
  daysBetween,
  emptyBuckets,
  isoDay,
  planRange,
  type RangePlan,
} from "./map-range.ts";

export type { ChainItem, RepeatChain } from "./map-chains.ts";
export type { MapFilter, MapScope, SegmentFilter } from "./map-filter.ts";
export { NO_FILTER } from "./map-filter.ts";
export type { IssueTrend, IssueWeek, RecurringIssue, RecurringIssues } from "./map-issues.ts";
export type { DayRange } from "./map-range.ts";

export interface JourneySummary {
  id: string;
  name: string;
  description: string;
  state: "current" | "future";
  position: number;
}

/** One point of a touchpoint's sparkline: `days` is shorter than the others for the oldest, partial bucket. */
export type SeriesBucket = DayBucket;

export interface TouchpointStats {
  counters: FrictionCounters;
  friction: FrictionScore;
  /** Share of items labelled negative, in [0, 1]. */
  negativeShare: number;
  /** Mean sentiment in [-1, 1]; `null` without items. */
  averageSentiment: number | null;
  /** Mean normalized score in [0, 1] (1 = best); `null` without scored items. */
  averageScore: number | null;
  /** The last 7 days against the 8 weeks before them (which may reach back before the range). */
  spike: SpikeResult;
  /** The range's volume against the 90 days before it, counting only days since the journey's data began. */
  volume: VolumeHistory;
  /** Repeat-contact chains whose newest contact is within the repeat window before the end of the range. */
  activeRepeatChains: number;
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
  /** Who owns the human moment (a team or a person); `null` unless confirmed. */
  humanMomentOwner: string | null;
  /** When it was marked (epoch ms) and by whom (`user:web`, `system:demo`); `null` unless confirmed. */
  humanMomentSetAt: number | null;
  humanMomentSetBy: string | null;
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
  activeRepeatChains: number;
  topFriction: { id: string; key: string; name: string; score: number; isHumanMoment: boolean } | null;
}

export interface JourneyMap {
  journey: JourneySummary;
  range: DayRange & { days: number };
  stages: MapStage[];
  totals: JourneyTotals;
  /** Top 10 themes by friction over the 90 days ending at the range's last day. */
  recurringIssues: RecurringIssues;
  /** Channels with feedback on this journey in the range, for the channel filter. */
  channels: string[];
}

/** A stored item as the pages list it (evidence, negative feedback, awaiting details). */
export interface VerbatimItem {
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
  /** Link to the original ticket, review or response. */
  url: string | null;
  source: { id: string; name: string; provider: string };
  /** Ids of the escalation rules that fired; empty when none. */
  escalations: string[];
  /** The item repeats an earlier contact by the same customer. */
  isRepeat: boolean;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** The provider sent only an id or a preview; the details arrive once the source has API credentials. */
  needsEnrichment: boolean;
  /** The provider no longer has the details (or they failed too often): they will not arrive. */
  detailsUnavailable: boolean;
  /** A bot, macro or automation handled it, with the provider's evidence. */
  handledBy: HandledBy | null;
}

/** A friction part with the items behind it. */
export interface FlaggedPart extends FrictionPart {
  /** The most telling recent items for this part, at most 5; empty when the part has none. */
  evidence: VerbatimItem[];
}

export interface TouchpointDetail {
  touchpoint: TouchpointInfo & {
    stage: { id: string; name: string };
    journey: { id: string; name: string };
  };
  stats: TouchpointStats;
  range: DayRange & { days: number };
  /** The friction parts in display order, each with its evidence. */
  whyFlagged: FlaggedPart[];
  recentNegative: VerbatimItem[];
  /** Items in range whose provider sent only ids or a preview, newest first: how many, and the first few. */
  awaitingDetails: { count: number; items: VerbatimItem[] };
  /** Top 10 themes at this touchpoint by friction over the 90 days ending at the range's last day. */
  recurringIssues: RecurringIssues;
  /** The newest repeat-contact chains with a repeat contact here in the range. */
  repeatChains: RepeatChainList;
}

export interface RepeatChainList {
  /** Repeat contacts in scope in the range (each is a link of some chain). */
  repeatContacts: number;
  /** At most `CHAIN_LIMIT`, newest first. */
  chains: RepeatChain[];
}

const RECENT_NEGATIVE_LIMIT = 20;
const AWAITING_DETAILS_LIMIT = 10;
const EVIDENCE_LIMIT = 5;

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

export interface JourneyOutline {
  journey: JourneySummary;
  stages: { id: string; name: string; touchpoints: { id: string; name: string }[] }[];
}

/** A journey's stages and touchpoints in order, without any counters; `null` when not the workspace's. */
export async function getJourneyOutline(
  db: Db,
  workspaceId: string,
  journeyId: string,
): Promise<JourneyOutline | null> {
  const [journeyRows, stageRows, touchpointRows] = await db.batch([
    db
      .select(journeySummaryColumns)
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId))),
    ...structureQueries(db, workspaceId, journeyId),
  ]);
  const journey = journeyRows[0];
  if (!journey) return null;
  return {
    journey,
    stages: stageRows.map(({ id, name }) => ({
      id,
      name,
      touchpoints: touchpointRows.filter((t) => t.stageId === id).map((t) => ({ id: t.id, name: t.name })),
    })),
  };
}

/**
 * The journey map for a range: stages in order, their touchpoints in order, each with summed counters, friction,
 * a sparkline series, spike detection and active repeat chains, plus journey totals and the top recurring issues.
 * One round trip. `null` when the journey does not belong to the workspace.
 * @example const map = await getJourneyMap(db, "ws_demo", "jr_onboarding", { from: "2026-08-26", to: "2026-11-23" });
 */
export async function getJourneyMap(
  db: Db,
  workspaceId: string,
  journeyId: string,
  range: DayRange,
  filter: MapFilter = NO_FILTER,
): Promise<JourneyMap | null> {
  const plan = planRange(range);
  const journeyTouchpointIds = touchpointIdsOfJourney(db, workspaceId, journeyId);
  const issues = issueWindow(plan.to);
  const [journeyRows, stageRows, touchpointRows, rollupRows, chainRows, issueRows, channelRows] = await db.batch([
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
    rollupQuery(db, workspaceId, journeyTouchpointIds, plan, filter),
    activeChainCountQuery(db, workspaceId, journeyTouchpointIds, plan, itemConditions(db, workspaceId, filter)),
    recurringIssueQuery(db, workspaceId, { journeyId }, issues, filter),
    channelsQuery(db, workspaceId, journeyId, plan),
  ]);
  const journey = journeyRows[0];
  if (!journey) return null;

  const statsOf = statsByTouchpoint(rollupRows, chainRows, plan);
  const mapTouchpoints = touchpointRows.map(({ stageId, ...row }) => ({
    stageId,
    touchpoint: { ...toTouchpoint(row), ...statsOf(row.id) },
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
    recurringIssues: toRecurringIssues(issues, issueRows),
    channels: channelRows.map((r) => r.channel),
  };
}

/** The channels the journey's feedback came through in the range, for the channel filter. */
function channelsQuery(db: Db, workspaceId: string, journeyId: string, plan: RangePlan) {
  return (
    db
      .select({ channel: journeyChannelDays.channel })
      .from(journeyChannelDays)
      .where(
        and(
          eq(journeyChannelDays.workspaceId, workspaceId),
          eq(journeyChannelDays.journeyId, journeyId),
          between(journeyChannelDays.day, plan.from, plan.to),
          ne(journeyChannelDays.channel, ""),
        ),
      )
      .groupBy(journeyChannelDays.channel)
      // Items moved or erased leave their days at zero rather than deleting them.
      .having(sql`sum(${journeyChannelDays.itemCount}) > 0`)
      .orderBy(asc(journeyChannelDays.channel))
  );
}

/**
 * One touchpoint's "why flagged": each friction part with the recent items behind it (negative ones, low scores,
 * escalations with the rules that fired, repeat contacts, the spike window's most frictional, the newest), its
 * series and spike, the 20 most recent negative items, the items awaiting their details, the top recurring issues
 * here over 90 days and the newest repeat-contact chains. One round trip.
 * `null` when the touchpoint does not belong to the workspace.
 */
export async function getTouchpointDetail(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  range: DayRange,
  filter: MapFilter = NO_FILTER,
): Promise<TouchpointDetail | null> {
  const plan = planRange(range);
  const journeyOfTouchpoint = db
    .select({ journeyId: touchpoints.journeyId })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)));
  // The volume baseline starts where the journey's data starts, so rollups are read for the whole journey, as on
  // the map: the touchpoint scores the same on both pages.
  const siblingTouchpointIds = touchpointIdsOfJourney(db, workspaceId, journeyOfTouchpoint);
  const thisTouchpoint = touchpointIdInWorkspace(db, workspaceId, touchpointId);

  const filtered = itemConditions(db, workspaceId, filter);
  const inRange = and(
    eq(feedbackItems.workspaceId, workspaceId),
    eq(feedbackItems.touchpointId, touchpointId),
    gte(feedbackItems.occurredAt, plan.fromMs),
    lt(feedbackItems.occurredAt, plan.toExclusiveMs),
    isNull(feedbackItems.erasedAt),
    ...filtered,
  );
  // Both written out as their partial indexes state them (a bound `?` could be anything when SQLite plans, so it
  // would not pick the index).
  const escalated = and(inRange, sql`json_array_length(${feedbackItems.escalations}) > 0`);
  const awaiting = and(inRange, sql`${feedbackItems.needsEnrichment} = 1`);
  const newestFirst = [desc(feedbackItems.occurredAt)];
  // Few items meet a rare condition, and each has a partial index of them. Ordered by `+occurred_at`, SQLite reads
  // that small index and sorts the few; ordered by the column, it walks every item in range newest first to skip
  // the sort, which at a busy touchpoint with no escalations was 90 ms for nothing.
  const rareNewestFirst = [sql`+${feedbackItems.occurredAt} desc`];
  const listed = (where: SQL | undefined, limit: number, order = newestFirst) =>
    db
      .select(listedItemColumns)
      .from(feedbackItems)
      .leftJoin(sources, and(eq(sources.id, feedbackItems.sourceId), eq(sources.workspaceId, workspaceId)))
      .where(where)
      .orderBy(...order, asc(feedbackItems.id))
      .limit(limit);
  const recentFromMs = dayMs(plan.recentFrom);
  const issues = issueWindow(plan.to);

  const [
    touchpointRows,
    rollupRows,
    chainCountRows,
    negativeRows,
    lowScoreRows,
    repeatRows,
    escalationRows,
    spikeRows,
    newestRows,
    awaitingRows,
    awaitingCount,
    issueRows,
    chainRows,
    repeatContactRows,
  ] = await db.batch([
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
    rollupQuery(db, workspaceId, siblingTouchpointIds, plan, filter),
    activeChainCountQuery(db, workspaceId, thisTouchpoint, plan, filtered),
    listed(and(inRange, eq(feedbackItems.sentimentLabel, "negative")), RECENT_NEGATIVE_LIMIT),
    listed(and(inRange, lowScoreCondition()), EVIDENCE_LIMIT),
    listed(and(inRange, isNotNull(feedbackItems.repeatOfItemId)), EVIDENCE_LIMIT),
    listed(escalated, EVIDENCE_LIMIT, rareNewestFirst),
    // The spike window's most frictional items say what the extra volume is about.
    listed(and(inRange, gte(feedbackItems.occurredAt, recentFromMs)), EVIDENCE_LIMIT, [
      desc(feedbackItems.friction),
      ...newestFirst,
    ]),
    listed(inRange, EVIDENCE_LIMIT),
    listed(awaiting, AWAITING_DETAILS_LIMIT, rareNewestFirst),
    db.select({ count: count() }).from(feedbackItems).where(awaiting),
    recurringIssueQuery(db, workspaceId, { touchpointId }, issues, filter),
    repeatChainQuery(db, workspaceId, thisTouchpoint, plan, CHAIN_LIMIT, filtered),
    repeatContactCountQuery(db, workspaceId, thisTouchpoint, plan, filtered),
  ]);
  const row = touchpointRows[0];
  if (!row) return null;

  const stats = statsByTouchpoint(rollupRows, chainCountRows, plan)(touchpointId);
  const evidence: Record<FrictionPart["key"], VerbatimItem[]> = {
    negative: negativeRows.slice(0, EVIDENCE_LIMIT).map(toVerbatim),
    lowScores: lowScoreRows.map(toVerbatim),
    repeats: repeatRows.map(toVerbatim),
    escalations: escalationRows.map(toVerbatim),
    spike: spikeRows.map(toVerbatim),
    volume: newestRows.map(toVerbatim),
  };
  const { stageId, stageName, journeyId, journeyName, ...touchpoint } = row;
  return {
    touchpoint: {
      ...toTouchpoint(touchpoint),
      stage: { id: stageId, name: stageName },
      journey: { id: journeyId, name: journeyName },
    },
    stats,
    range: { from: range.from, to: range.to, days: plan.days },
    whyFlagged: stats.friction.parts.map((part) => ({ ...part, evidence: evidence[part.key] })),
    recentNegative: negativeRows.map(toVerbatim),
    awaitingDetails: { count: awaitingCount[0]?.count ?? 0, items: awaitingRows.map(toVerbatim) },
    recurringIssues: toRecurringIssues(issues, issueRows),
    repeatChains: { repeatContacts: repeatContactRows[0]?.count ?? 0, chains: toRepeatChains(chainRows, plan) },
  };
}

/**
 * The stats of every touchpoint of the given journeys for a range, scored per journey exactly as the map scores
 * them (each journey's volume baseline starts with its own data). One round trip; the lookup gives empty stats for
 * a silent touchpoint.
 */
export async function getTouchpointStats(
  db: Db,
  workspaceId: string,
  journeyIds: readonly string[],
  range: DayRange,
): Promise<(journeyId: string, touchpointId: string) => TouchpointStats> {
  const plan = planRange(range);
  const statements = [...new Set(journeyIds)].flatMap((journeyId) => {
    const ids = touchpointIdsOfJourney(db, workspaceId, journeyId);
    return [
      rollupQuery(db, workspaceId, ids, plan, NO_FILTER),
      activeChainCountQuery(db, workspaceId, ids, plan),
    ] as const;
  });
  const [first, ...rest] = statements;
  const rows = first ? await db.batch([first, ...rest]) : [];
  const byJourney = new Map(
    [...new Set(journeyIds)].map((journeyId, i) => [
      journeyId,
      statsByTouchpoint(
        rows[2 * i] as RollupRow[],
        rows[2 * i + 1] as { touchpointId: string; activeChains: number }[],
        plan,
      ),
    ]),
  );
  const silent = statsByTouchpoint([], [], plan);
  return (journeyId, touchpointId) => (byJourney.get(journeyId) ?? silent)(touchpointId);
}

/**
 * Top 10 recurring issues (themes, without merged or archived ones) over the 90 days ending at `to`, ranked by the
 * friction they add, from rollups only. The map and touchpoint pages get the same in their own round trip.
 * @example await getRecurringIssues(db, "ws_demo", { journeyId: "jr_onboarding" }, "2026-11-23")
 */
export async function getRecurringIssues(
  db: Db,
  workspaceId: string,
  scope: MapScope,
  to: string,
): Promise<RecurringIssues> {
  const window = issueWindow(planRange({ from: to, to }).to);
  return toRecurringIssues(window, await recurringIssueQuery(db, workspaceId, scope, window));
}

/**
 * The newest repeat-contact chains with a repeat contact in scope in the range, each followed back to its first
 * contact. One round trip.
 */
export async function getRepeatChains(
  db: Db,
  workspaceId: string,
  scope: MapScope,
  range: DayRange,
  limit = CHAIN_LIMIT,
): Promise<RepeatChainList> {
  const plan = planRange(range);
  const ids = scopeTouchpointIds(db, workspaceId, scope);
  const [chainRows, countRows] = await db.batch([
    repeatChainQuery(db, workspaceId, ids, plan, limit),
    repeatContactCountQuery(db, workspaceId, ids, plan),
  ]);
  return { repeatContacts: countRows[0]?.count ?? 0, chains: toRepeatChains(chainRows, plan) };
}

/** Items whose score is a low score on its scale (the same thresholds as `isDetractor`). */
function lowScoreCondition(): SQL | undefined {
  return or(
    ...Object.entries(LOW_SCORE_MAX).map(([scale, max]) =>
      and(eq(feedbackItems.scale, scale as Scale), lte(feedbackItems.score, max)),
    ),
  );
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
  escalations: feedbackItems.escalations,
  handledBy: feedbackItems.handledBy,
  repeatOfItemId: feedbackItems.repeatOfItemId,
  occurredAt: feedbackItems.occurredAt,
  needsEnrichment: feedbackItems.needsEnrichment,
  enrichmentUnavailableAt: feedbackItems.enrichmentUnavailableAt,
  sourceId: feedbackItems.sourceId,
  // Aliased: D1 batches return rows as objects, and `name` is a common column name.
  sourceName: sql<string | null>`${sources.name}`.as("source_name"),
  sourceProvider: sql<string | null>`${sources.provider}`.as("source_provider"),
};

type ListedRow = Omit<VerbatimItem, "detailsUnavailable" | "source" | "isRepeat"> & {
  enrichmentUnavailableAt: number | null;
  repeatOfItemId: string | null;
  sourceId: string;
  sourceName: string | null;
  sourceProvider: string | null;
};

function toVerbatim({
  enrichmentUnavailableAt,
  repeatOfItemId,
  sourceId,
  sourceName,
  sourceProvider,
  ...row
}: ListedRow): VerbatimItem {
  return {
    ...row,
    source: { id: sourceId, name: sourceName ?? "", provider: sourceProvider ?? "" },
    isRepeat: repeatOfItemId !== null,
    detailsUnavailable: row.needsEnrichment && enrichmentUnavailableAt !== null,
  };
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
  humanMomentOwner: touchpoints.humanMomentOwner,
  humanMomentSetAt: touchpoints.humanMomentSetAt,
  humanMomentSetBy: touchpoints.humanMomentSetBy,
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
  humanMomentOwner: string | null;
  humanMomentSetAt: number | null;
  humanMomentSetBy: string | null;
}

function toTouchpoint({ isHumanMoment, humanMomentSuggested, ...rest }: TouchpointRow): TouchpointInfo {
  return { ...rest, humanMoment: isHumanMoment ? "confirmed" : humanMomentSuggested ? "suggested" : null };
}

/** `bucket` of the rollup rows that carry a touchpoint's totals over the range rather than a sparkline point. */
const RANGE_TOTALS = -1;
/** `bucket` of the rollup rows that carry a touchpoint's volume before the range. */
const BEFORE_RANGE = -2;
/** `bucket` of the rollup rows that carry a touchpoint's sparkline points (`series`: `[bucket, items, negatives]`). */
const SERIES = -3;

/**
 * The rollups from the start of the volume baseline to the end of the range in one statement of three parts, each
 * per touchpoint: the range's item and negative counts per sparkline bucket, as one JSON array; its totals of every
 * counter, with the spike window's items and the spike baseline's items within the range; and the items before the
 * range (the volume baseline), with the spike baseline's items before the range when it starts there. `firstDay`
 * tells when the journey's data begins, so a baseline never counts days before there was any feedback.
 *
 * Only the buckets are grouped by a computed key, which SQLite sorts; the other parts follow the index. Sorting
 * every counter by bucket and window, as one grouping did, took 12 ms of this statement's 17 at a million items.
 */
function rollupQuery(db: Db, workspaceId: string, touchpointIds: SQLWrapper, plan: RangePlan, filter: MapFilter) {
  // A filtered map reads a stand-in for the rollups that holds the scope and filter alone, per touchpoint × day; an
  // unfiltered one sums the rollups kept per touchpoint × day.
  const scope = { touchpointIds, fromDay: plan.baselineFrom, toDay: plan.to };
  const { select, table, standIn } = isFiltered(filter)
    ? { ...rollupReader(db, workspaceId, filter, scope, "touchpoint"), table: dailyRollups }
    : { select: db.select.bind(db), table: touchpointDays, standIn: null };
  const where = (from: string, to: string) =>
    and(
      ...(standIn ? [] : [eq(table.workspaceId, workspaceId), inArray(table.touchpointId, touchpointIds)]),
      between(table.day, from, to),
    );
  // Every expression is aliased: D1 returns rows as objects keyed by column name, and unaliased the keys are the
  // expressions' SQL, which made these rows five times the size of their values (570 kB at a million items).
  const total = (column: SQLiteColumn, as: string) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number).as(as);
  const itemsWhen = (condition: SQL, as: string) =>
    sql<number>`coalesce(sum(${table.itemCount}) filter (where ${condition}), 0)`.mapWith(Number).as(as);
  const zero = (as: string) => sql<number>`0`.mapWith(Number).as(as);
  const constant = (value: number) => sql<number>`${sql.raw(String(value))}`.mapWith(Number).as("bucket");
  const firstDay = sql<string | null>`min(${table.day})`.as("first_day");
  const inSpikeBaseline = sql`${table.day} >= ${plan.spikeBaselineFrom} and ${table.day} < ${plan.recentFrom}`;
  const rowOf = (
    touchpointId: SQLWrapper,
    bucket: SQL.Aliased<number>,
    values: Partial<Record<"recentCount" | "spikeBaselineCount" | keyof FrictionCounters, SQL.Aliased<number>>> & {
      firstDay?: SQL.Aliased<string | null>;
      series?: SQL.Aliased<string | null>;
    },
  ) => ({
    touchpointId: sql<string>`${touchpointId}`.as("touchpoint_id"),
    bucket,
    firstDay: values.firstDay ?? sql<string | null>`null`.as("first_day"),
    itemCount: values.itemCount ?? zero("items"),
    negativeCount: values.negativeCount ?? zero("negatives"),
    sentimentSum: values.sentimentSum ?? zero("sentiments"),
    scoreSum: values.scoreSum ?? zero("scores"),
    scoreCount: values.scoreCount ?? zero("scored"),
    detractorCount: values.detractorCount ?? zero("detractors"),
    escalationCount: values.escalationCount ?? zero("escalations"),
    repeatCount: values.repeatCount ?? zero("repeats"),
    recentCount: values.recentCount ?? zero("recent"),
    spikeBaselineCount: values.spikeBaselineCount ?? zero("spike_baseline"),
    series: values.series ?? sql<string | null>`null`.as("series"),
  });

  // Buckets are counted back from `to`, so the newest one is always whole and the oldest absorbs the remainder.
  const bucket = sql<number>`cast((julianday(${plan.to}) - julianday(${table.day})) / ${plan.bucketDays} as integer)`;
  const buckets = db
    .select({
      touchpointId: table.touchpointId,
      bucket: bucket.as("bucket"),
      items: sql<number>`sum(${table.itemCount})`.as("items"),
      negatives: sql<number>`sum(${table.negativeCount})`.as("negatives"),
    })
    .from(table)
    .where(where(plan.from, plan.to))
    .groupBy(table.touchpointId, bucket)
    .as("buckets");
  // One row per touchpoint with its points as a JSON array: at a million items, D1's answer and its mapping to
  // objects cost more per row than SQLite did, and the points were 13 of every 15 rows.
  const points = sql<string>`json_group_array(json_array(${buckets.bucket}, ${buckets.items}, ${buckets.negatives}))`;
  const series = select(rowOf(buckets.touchpointId, constant(SERIES), { series: points.as("series") }))
    .from(buckets)
    .groupBy(buckets.touchpointId);
  // A segment's stand-in for the rollups is a `WITH` on the first select, which covers the whole compound select in
  // SQLite, so the other parts are plain selects.
  const perTouchpoint = (part: number, values: Parameters<typeof rowOf>[2], from: string, to: string) =>
    db
      .select(rowOf(table.touchpointId, constant(part), values))
      .from(table)
      .where(where(from, to))
      .groupBy(table.touchpointId);
  const rangeTotals = perTouchpoint(
    RANGE_TOTALS,
    {
      firstDay,
      itemCount: total(table.itemCount, "items"),
      negativeCount: total(table.negativeCount, "negatives"),
      sentimentSum: total(table.sentimentSum, "sentiments"),
      scoreSum: total(table.scoreSum, "scores"),
      scoreCount: total(table.scoreCount, "scored"),
      detractorCount: total(table.detractorCount, "detractors"),
      escalationCount: total(table.escalationCount, "escalations"),
      repeatCount: total(table.repeatCount, "repeats"),
      recentCount: itemsWhen(sql`${table.day} >= ${plan.recentFrom}`, "recent"),
      spikeBaselineCount: itemsWhen(inSpikeBaseline, "spike_baseline"),
    },
    plan.from,
    plan.to,
  );
  const beforeRange = perTouchpoint(
    BEFORE_RANGE,
    {
      firstDay,
      itemCount: total(table.itemCount, "items"),
      // Only a range shorter than the spike window and its baseline has part of that baseline before it.
      ...(plan.spikeBaselineFrom < plan.from && { spikeBaselineCount: itemsWhen(inSpikeBaseline, "spike_baseline") }),
    },
    plan.baselineFrom,
    isoDay(dayMs(plan.from) - DAY_MS),
  );
  return series.unionAll(rangeTotals).unionAll(beforeRange);
}

type RollupRow = FrictionCounters & {
  touchpointId: string;
  bucket: number;
  firstDay: string | null;
  recentCount: number;
  spikeBaselineCount: number;
  series: string | null;
};

interface Accumulated {
  counters: FrictionCounters;
  recentCount: number;
  spikeBaselineCount: number;
  volumeBaselineCount: number;
  series: SeriesBucket[];
}

/** Folds rollup rows into per-touchpoint stats; the returned lookup gives empty stats for a silent touchpoint. */
function statsByTouchpoint(
  rows: RollupRow[],
  chainRows: { touchpointId: string; activeChains: number }[],
  plan: RangePlan,
): (touchpointId: string) => TouchpointStats {
  const grouped = new Map<string, Accumulated>();
  const series = emptyBuckets(plan.fromMs, plan.toExclusiveMs - DAY_MS, plan.bucketDays, plan.bucketCount);
  let firstDay: string | null = null;
  for (const {
    touchpointId,
    bucket,
    firstDay: rowFirstDay,
    recentCount,
    spikeBaselineCount,
    series: points,
    ...counters
  } of rows) {
    if (rowFirstDay !== null && (firstDay === null || rowFirstDay < firstDay)) firstDay = rowFirstDay;
    let entry = grouped.get(touchpointId);
    if (!entry) {
      entry = emptyAccumulated(series);
      grouped.set(touchpointId, entry);
    }
    entry.spikeBaselineCount += spikeBaselineCount;
    if (bucket === RANGE_TOTALS) {
      entry.counters = counters;
      entry.recentCount = recentCount;
    } else if (bucket === BEFORE_RANGE) {
      entry.volumeBaselineCount = counters.itemCount;
    } else if (bucket === SERIES && points) {
      for (const [index, itemCount, negativeCount] of JSON.parse(points) as [number, number, number][]) {
        // Series are oldest first; bucket 0 is the newest.
        const point = entry.series[plan.bucketCount - 1 - index];
        if (point) {
          point.itemCount += itemCount;
          point.negativeCount += negativeCount;
        }
      }
    }
  }
  const chains = new Map(chainRows.map((r) => [r.touchpointId, r.activeChains]));
  // Baselines count only days on which the journey already had data, so a new workspace is not one big surge.
  const dataFrom = (windowFrom: string) => (firstDay !== null && firstDay > windowFrom ? firstDay : windowFrom);
  const volumeBaselineDays = firstDay === null ? 0 : Math.max(0, daysBetween(dataFrom(plan.baselineFrom), plan.from));
  const spikeBaselineDays =
    firstDay === null ? 0 : Math.max(0, daysBetween(dataFrom(plan.spikeBaselineFrom), plan.recentFrom));
  return (touchpointId) => {
    const entry = grouped.get(touchpointId) ?? emptyAccumulated(series);
    const { counters } = entry;
    const spike = detectSpike(entry.recentCount, plan.recentDays, entry.spikeBaselineCount, spikeBaselineDays);
    const volume = { rangeDays: plan.days, baselineCount: entry.volumeBaselineCount, baselineDays: volumeBaselineDays };
    return {
      counters,
      friction: frictionScore(counters, { spike, volume }),
      negativeShare: share(counters.negativeCount, counters.itemCount),
      averageSentiment: counters.itemCount > 0 ? counters.sentimentSum / counters.itemCount : null,
      averageScore: counters.scoreCount > 0 ? counters.scoreSum / counters.scoreCount : null,
      spike,
      volume,
      activeRepeatChains: chains.get(touchpointId) ?? 0,
      series: entry.series,
    };
  };
}

/** Empty stats whose series copies `series`, the plan's buckets dated once per read rather than per touchpoint. */
function emptyAccumulated(series: readonly SeriesBucket[]): Accumulated {
  return {
    counters: EMPTY_COUNTERS,
    recentCount: 0,
    spikeBaselineCount: 0,
    volumeBaselineCount: 0,
    series: series.map((bucket) => ({ ...bucket })),
  };
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
    activeRepeatChains: all.reduce((n, t) => n + t.activeRepeatChains, 0),
    topFriction: top
      ? {
          id: top.id,
          key: top.key,
          name: top.name,
          score: top.friction.score,
          isHumanMoment: top.humanMoment === "confirmed",
        }
      : null,
  };
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
