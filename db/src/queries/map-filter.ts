/**
 * Map filters: sources, channels, languages and a saved segment. Sources, channels and languages are rollup
 * dimensions, so a filtered map still reads rollups only. A segment is about customers (their attributes) and the
 * items' tags, which rollups do not keep: a segment view aggregates the items in range into rollup-shaped rows
 * instead (a bounded read on the items' workspace × time index), with the same counter rules as `contributionOf`.
 * @module
 */
import { LOW_SCORE_MAX, SCALE_RANGE } from "@firebreak/core/model";
import {
  and,
  between,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { Db } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import {
  customers,
  dailyRollups,
  feedbackItems,
  rollupChangedDays,
  segmentDayBuilds,
  segmentDays,
} from "../schema/feedback.ts";
import { type segments, touchpoints } from "../schema/journeys.ts";

/** What a saved segment or persona selects: every listed attribute (any of its values) and any of the tags. */
export type SegmentFilter = (typeof segments.$inferSelect)["filter"];

export interface MapFilter {
  sourceIds: readonly string[];
  channels: readonly string[];
  languages: readonly string[];
  segment: SegmentFilter | null;
  /** The saved segment `segment` comes from, whose built days a segment view reads; absent for an ad-hoc one. */
  segmentId?: string;
}

export const NO_FILTER: MapFilter = { sourceIds: [], channels: [], languages: [], segment: null };

/** Whether the filter narrows anything. */
export function isFiltered(filter: MapFilter): boolean {
  return (
    filter.sourceIds.length > 0 || filter.channels.length > 0 || filter.languages.length > 0 || filter.segment !== null
  );
}

/** The filter's conditions on `daily_rollups` rows (sources, channels, languages). */
function rollupConditions(filter: MapFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.sourceIds.length) conditions.push(inArray(dailyRollups.sourceId, jsonList(filter.sourceIds)));
  if (filter.channels.length) conditions.push(inArray(dailyRollups.channel, jsonList(filter.channels)));
  if (filter.languages.length) conditions.push(inArray(dailyRollups.language, jsonList(filter.languages)));
  return conditions;
}

/** The filter's conditions on `feedback_items` rows, segment included. */
export function itemConditions(db: Db, workspaceId: string, filter: MapFilter): SQL[] {
  // Test items are never counted, so they are never evidence either.
  const conditions: SQL[] = [eq(feedbackItems.isTest, false)];
  if (filter.sourceIds.length) conditions.push(inArray(feedbackItems.sourceId, jsonList(filter.sourceIds)));
  if (filter.channels.length) conditions.push(inArray(feedbackItems.channel, jsonList(filter.channels)));
  if (filter.languages.length) conditions.push(inArray(feedbackItems.language, jsonList(filter.languages)));
  if (filter.segment) conditions.push(...segmentConditions(db, workspaceId, filter.segment));
  return conditions;
}

function segmentConditions(db: Db, workspaceId: string, segment: SegmentFilter): SQL[] {
  const conditions: SQL[] = [];
  const attributes = Object.entries(segment.attributes ?? {}).filter(([, values]) => values.length > 0);
  if (attributes.length) {
    const matching = db
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.workspaceId, workspaceId),
          // A quoted JSON path, so any attribute name is read literally.
          ...attributes.map(([key, values]) =>
            inArray(sql`json_extract(${customers.attributes}, ${`$.${JSON.stringify(key)}`})`, jsonList(values)),
          ),
        ),
      );
    // Unary `+` keeps SQLite off the customer index: a segment's customers reach across every journey, so reading
    // their items there costs as much as the whole workspace; the caller's touchpoint × time bound is the tight one.
    conditions.push(isNotNull(feedbackItems.customerId), inArray(sql`+${feedbackItems.customerId}`, matching));
  }
  if (segment.tags?.length) {
    conditions.push(
      sql`exists (select 1 from json_each(${feedbackItems.tags}) where json_each.value in (select value from json_each(${JSON.stringify(segment.tags)})))`,
    );
  }
  return conditions;
}

/** Scope of a read: one touchpoint, or every touchpoint of a journey. */
export type MapScope = { touchpointId: string } | { journeyId: string };

/** Subquery: the ids of a journey's touchpoints (the journey given as an id or as a subquery). */
export function touchpointIdsOfJourney(db: Db, workspaceId: string, journey: string | SQLWrapper) {
  return db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.journeyId, journey)));
}

/** Subquery: the touchpoint's id, if it belongs to the workspace. */
export function touchpointIdInWorkspace(db: Db, workspaceId: string, touchpointId: string) {
  return db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, touchpointId)));
}

/** Subquery: the ids of the touchpoints in scope that belong to the workspace. */
export function scopeTouchpointIds(db: Db, workspaceId: string, scope: MapScope) {
  return "touchpointId" in scope
    ? touchpointIdInWorkspace(db, workspaceId, scope.touchpointId)
    : touchpointIdsOfJourney(db, workspaceId, scope.journeyId);
}

/** What a map read covers: its touchpoints (a subquery) and its days, inclusive. */
export interface ReadScope {
  touchpointIds: SQLWrapper;
  fromDay: string;
  toDay: string;
}

/**
 * What a stand-in keeps apart: theme × touchpoint × day (`theme`, for recurring issues), or touchpoint × day alone
 * (`touchpoint`, for the map's own rollups, with a seventh of the rows to hold and read again). Sources, channels
 * and languages are the filter's business, never a reader's.
 */
export type StandInGrain = "theme" | "touchpoint";

/**
 * Where a filtered map read takes its rollups from: a stand-in for `daily_rollups` (`ROLLUPS_STAND_IN`) that holds
 * only the read's scope and filter, summed to `grain`. A segment's comes from its items (`segmentRollups`); a source,
 * channel or language filter's from the rollups themselves (`filteredRollups`). `select` starts a statement with the
 * stand-in as its `WITH`; `standIn` is its query, for a statement that writes its own `WITH`. Its rows need no more
 * narrowing: asked again for the workspace and touchpoints, SQLite built an index over them to answer.
 */
export function rollupReader(db: Db, workspaceId: string, filter: MapFilter, scope: ReadScope, grain: StandInGrain) {
  const standIn = filter.segment
    ? segmentRollups(db, workspaceId, filter, scope, grain)
    : filteredRollups(db, workspaceId, filter, scope, grain);
  const withStandIn = db.with(db.$with(ROLLUPS_STAND_IN).as(standIn));
  return { select: withStandIn.select.bind(withStandIn) as Db["select"], standIn };
}

/**
 * The rollups in scope that a source, channel or language filter keeps, summed to `grain`. The statement reads them
 * once, not once per part: a filter reads the full-grain rows through their touchpoint index, each row a look-up,
 * and at a million items the three parts of the map's rollup read each read 72k of them for Danish.
 */
function filteredRollups(
  db: Db,
  workspaceId: string,
  filter: MapFilter,
  { touchpointIds, fromDay, toDay }: ReadScope,
  grain: StandInGrain,
) {
  // `main.` names the table: inside a `WITH` of the same name, the bare name would be the stand-in itself. Without
  // statistics SQLite read every journey's rollups of the days by the primary key to skip sorting by theme.
  const table = sql`"main"."daily_rollups" indexed by "daily_rollups_touchpoint_idx"`;
  return db
    .select(standInColumns(dailyRollups, grain, { summed: true }))
    .from(table)
    .where(
      and(
        eq(dailyRollups.workspaceId, workspaceId),
        inArray(dailyRollups.touchpointId, touchpointIds),
        between(dailyRollups.day, fromDay, toDay),
        ...rollupConditions(filter),
      ),
    )
    .groupBy(dailyRollups.touchpointId, dailyRollups.day, ...(grain === "theme" ? [dailyRollups.themeId] : []));
}

type Counters = Record<keyof ReturnType<typeof itemCounters>, SQL.Aliased<number>>;

/**
 * A rollup table's rows as a stand-in's columns at `grain`: its keys (the theme `''` per touchpoint), then its
 * counters, summed or as stored, each under its column's name in `itemCounters`' order, as the items' half of a
 * segment's union has them.
 */
function standInColumns(
  table: typeof dailyRollups | typeof segmentDays,
  grain: StandInGrain,
  { summed }: { summed: boolean },
) {
  const counters = Object.fromEntries(
    Object.keys(itemCounters()).map((key) => {
      const column = table[key as keyof Counters];
      return [key, (summed ? sql<number>`sum(${column})` : sql<number>`${column}`).as(column.name)];
    }),
  ) as Counters;
  return {
    workspaceId: sql<string>`${table.workspaceId}`.as("workspace_id"),
    day: sql<string>`${table.day}`.as("day"),
    touchpointId: sql<string>`${table.touchpointId}`.as("touchpoint_id"),
    themeId: (grain === "theme" ? sql<string>`${table.themeId}` : sql<string>`''`).as("theme_id"),
    ...counters,
  };
}

/** A stand-in is named like the rollups, so a read written against them reads it instead. */
export const ROLLUPS_STAND_IN = "daily_rollups";

/**
 * A constant from the core's scale tables, written into the SQL rather than bound: D1 allows 100 bound values per
 * statement, and a segment's stand-in already binds its scope, its customers and its changed days.
 */
function constant(value: string | number): SQL {
  if (typeof value === "number" && Number.isFinite(value)) return sql.raw(String(value));
  if (typeof value === "string" && /^[a-z0-9]+$/.test(value)) return sql.raw(`'${value}'`);
  throw new Error(`not a plain constant: ${value}`);
}

/** `CASE scale WHEN … END` over a per-scale table of SQL fragments; `fallback` for scales not listed. */
function byScale(values: Record<string, SQL>, fallback: SQL): SQL {
  const cases = Object.entries(values).map(([scale, value]) => sql`when ${constant(scale)} then ${value}`);
  return sql`case ${feedbackItems.scale} ${sql.join(cases, sql` `)} else ${fallback} end`;
}

/** An item's score on 0..1 (null without one), as `normalizeScore` computes it. */
function normalizedScoreSql(): SQL {
  const clamp = (low: SQL, high: SQL) =>
    sql`min(1.0, max(0.0, (${feedbackItems.score} - ${low}) * 1.0 / (${high} - ${low})))`;
  const fixed = Object.fromEntries(
    Object.entries(SCALE_RANGE).map(([scale, b]) => [scale, clamp(constant(b.min), constant(b.max))]),
  );
  const custom = sql`case when ${feedbackItems.scaleMax} > ${feedbackItems.scaleMin} then ${clamp(
    sql`${feedbackItems.scaleMin}`,
    sql`${feedbackItems.scaleMax}`,
  )} end`;
  return sql`case when ${feedbackItems.score} is null then null else ${byScale({ ...fixed, custom }, sql`null`)} end`;
}

/** 1 when the item's score is a low score for its scale, as `isDetractor` decides. */
function detractorSql(): SQL {
  const limits = Object.fromEntries(
    Object.entries(LOW_SCORE_MAX).map(([scale, max]) => [
      scale,
      sql`coalesce(${feedbackItems.score} <= ${constant(max)}, 0)`,
    ]),
  );
  return byScale(limits, sql`0`);
}

/** An item's UTC day, `YYYY-MM-DD`, as rollups key it. */
export const itemDay = sql<string>`strftime('%Y-%m-%d', ${feedbackItems.occurredAt} / 1000, 'unixepoch')`;

/** Rollup counters summed over grouped items, with the same rules as `contributionOf`. */
export function itemCounters() {
  const normalized = normalizedScoreSql();
  const total = (expression: SQL, as: string) => sql<number>`sum(${expression})`.as(as);
  return {
    itemCount: sql<number>`count(*)`.as("item_count"),
    negativeCount: total(sql`${feedbackItems.sentimentLabel} = 'negative'`, "negative_count"),
    sentimentSum: total(sql`coalesce(${feedbackItems.sentiment}, 0)`, "sentiment_sum"),
    frictionSum: total(sql`coalesce(${feedbackItems.friction}, 0)`, "friction_sum"),
    scoreSum: sql<number>`coalesce(sum(${normalized}), 0)`.as("score_sum"),
    scoreCount: sql<number>`count(${normalized})`.as("score_count"),
    detractorCount: total(detractorSql(), "detractor_count"),
    escalationCount: total(sql`json_array_length(${feedbackItems.escalations}) > 0`, "escalation_count"),
    repeatCount: total(sql`${feedbackItems.repeatOfItemId} is not null`, "repeat_count"),
  };
}

/** The items of one workspace's day span `[fromDay, toDay]` (inclusive), by `occurred_at`. */
export function itemDays(fromDay: string | SQL, toDay: string | SQL): SQL[] {
  const startOf = (day: string | SQL) =>
    typeof day === "string" ? sql`${Date.parse(`${day}T00:00:00Z`)}` : sql`(unixepoch(${day}) * 1000)`;
  return [
    gte(feedbackItems.occurredAt, startOf(fromDay)),
    lt(feedbackItems.occurredAt, sql`${startOf(toDay)} + 86400000`),
  ];
}

/**
 * A `daily_rollups` stand-in for a segment: the items in the read's scope (touchpoints and days) that match the
 * filter, grouped like rollups. Named `daily_rollups` (`ROLLUPS_STAND_IN`), so a rollup query run `with` it reads
 * the segment's rows instead of the table (a CTE shadows a table of the same name in SQLite) and the map needs no
 * second set of queries. Scoped to the read's touchpoints (the items' touchpoint × time index), not the whole workspace: the
 * grouping is not pushed down into, so a workspace-wide CTE would aggregate every other journey's items too.
 *
 * A saved segment (`filter.segmentId`, no other filter) reads its built days from `segment_days` and groups items
 * only for the days not built since they last changed (`segment-days.ts`), so a segment view costs about what the
 * unfiltered map does once its days are built.
 */
export function segmentRollups(db: Db, workspaceId: string, filter: MapFilter, scope: ReadScope, grain: StandInGrain) {
  const items = segmentItemRows(db, workspaceId, filter, scope, grain);
  const segmentId = filter.segmentId;
  if (!segmentId || filter.sourceIds.length || filter.channels.length || filter.languages.length) return items.query;
  const stale = staleSegmentDays(db, workspaceId, segmentId, scope);
  // Built days are kept per theme already; per touchpoint, a day's themes are summed.
  const perTheme = grain === "theme";
  const built = db
    .select(standInColumns(segmentDays, grain, { summed: !perTheme }))
    .from(segmentDays)
    .where(
      and(
        eq(segmentDays.workspaceId, workspaceId),
        eq(segmentDays.segmentId, segmentId),
        inArray(segmentDays.touchpointId, scope.touchpointIds),
        between(segmentDays.day, scope.fromDay, scope.toDay),
        notInArray(segmentDays.day, stale),
      ),
    )
    // In the key's order (touchpoint, day), so SQLite sums as it reads without sorting.
    .groupBy(...(perTheme ? [] : [segmentDays.touchpointId, segmentDays.day]));
  // The stale days lie within the scope's, and are its items' only bounds: beside the scope's own, SQLite took those
  // for the index and read every item of the range to find none (53 ms of 110 at a million items).
  const fresh = segmentItemRows(db, workspaceId, filter, scope, grain, [
    ...itemDays(sql`(select min(day) from (${stale}))`, sql`(select max(day) from (${stale}))`),
    inArray(itemDay, stale),
  ]);
  return built.unionAll(fresh.query);
}

/**
 * Subquery: the days of the read's span that a saved segment has not built since they last changed (or never
 * built). Only days with rollups are listed, which every day with items has.
 */
export function staleSegmentDays(
  db: Db,
  workspaceId: string,
  segmentId: string,
  { fromDay, toDay }: { fromDay: string; toDay: string },
) {
  return db
    .select({ day: rollupChangedDays.day })
    .from(rollupChangedDays)
    .leftJoin(
      segmentDayBuilds,
      and(
        eq(segmentDayBuilds.workspaceId, workspaceId),
        eq(segmentDayBuilds.segmentId, segmentId),
        eq(segmentDayBuilds.day, rollupChangedDays.day),
      ),
    )
    .where(
      and(
        eq(rollupChangedDays.workspaceId, workspaceId),
        between(rollupChangedDays.day, fromDay, toDay),
        or(isNull(segmentDayBuilds.builtAt), lte(segmentDayBuilds.builtAt, rollupChangedDays.changedAt)),
      ),
    );
}

/**
 * The segment's items in scope grouped like rollups, per day, touchpoint and (at the `theme` grain) theme. `days`
 * narrows the scope's days to some of them.
 */
function segmentItemRows(
  db: Db,
  workspaceId: string,
  filter: MapFilter,
  { touchpointIds, fromDay, toDay }: ReadScope,
  grain: StandInGrain,
  days: SQL[] = itemDays(fromDay, toDay),
) {
  const perTheme = grain === "theme";
  const columns = {
    workspaceId: sql<string>`${feedbackItems.workspaceId}`.as("workspace_id"),
    day: itemDay.as("day"),
    touchpointId: sql<string>`coalesce(${feedbackItems.touchpointId}, '')`.as("touchpoint_id"),
    themeId: (perTheme ? sql<string>`coalesce(${feedbackItems.themeId}, '')` : sql<string>`''`).as("theme_id"),
    ...itemCounters(),
  };
  const query = db
    .select(columns)
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.touchpointId, touchpointIds),
        ...days,
        ...itemConditions(db, workspaceId, filter),
      ),
    )
    .groupBy(itemDay, feedbackItems.touchpointId, ...(perTheme ? [feedbackItems.themeId] : []));
  return { columns, query };
}
