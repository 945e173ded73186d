/**
 * Top recurring issues: the themes that add the most friction over the 90 days up to a day, per journey or per
 * touchpoint. From rollups only (their `friction_sum` by `theme_id`), so the cost does not grow with items.
 * @module
 */
import { binomialUpperMidP } from "@firebreak/core/friction";
import { and, asc, between, desc, eq, inArray, ne, notInArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { dailyRollups, journeyThemeDays, themes, touchpointThemeDays } from "../schema/feedback.ts";
import { touchpoints } from "../schema/journeys.ts";
import {
  isFiltered,
  type MapFilter,
  type MapScope,
  NO_FILTER,
  ROLLUPS_STAND_IN,
  rollupReader,
  scopeTouchpointIds,
  touchpointIdsOfJourney,
} from "./map-filter.ts";
import { DAY_MS, type DayBucket, dayMs, emptyBuckets, isoDay } from "./map-range.ts";

/** How far back recurring issues look, ending at the range's last day. */
export const ISSUE_WINDOW_DAYS = 90;
/** The trend compares the newest days of the window with the rest. */
export const ISSUE_RECENT_DAYS = 30;
export const ISSUE_LIMIT = 10;
const WEEK_DAYS = 7;
/** A trend is called rising or falling only when the change is at least this big and significant at `TREND_ALPHA`. */
const TREND_MIN_CHANGE = 1.25;
const TREND_ALPHA = 0.05;

export interface IssueTrend {
  recentPerDay: number;
  previousPerDay: number;
  /** Last 30 days' daily rate ÷ the 60 days before; `null` when there was nothing before. */
  ratio: number | null;
  /** `new`: nothing in the 60 days before; rising/falling: at least 1.25× and significant (exact test, mid-p < 0.05). */
  direction: "new" | "rising" | "falling" | "steady";
}

export type IssueWeek = DayBucket;

export interface RecurringIssue {
  themeId: string;
  label: string;
  status: "active" | "candidate";
  itemCount: number;
  negativeShare: number;
  /** Sum of the items' friction: what ranks the issues. */
  friction: number;
  /** Where the issue occurs, most items first (for a touchpoint's own list, just that touchpoint). */
  touchpoints: { id: string; name: string; isHumanMoment: boolean; itemCount: number }[];
  trend: IssueTrend;
  /** Seven-day buckets counted back from the last day, oldest first; the oldest may be shorter. */
  weekly: IssueWeek[];
}

export interface RecurringIssues {
  /** The 90-day window, inclusive. */
  from: string;
  to: string;
  issues: RecurringIssue[];
}

interface IssueWindow {
  from: string;
  to: string;
  recentFrom: string;
}

/** The 90 days ending at `to`. */
export function issueWindow(to: string): IssueWindow {
  const toMs = dayMs(to);
  return {
    from: isoDay(toMs - (ISSUE_WINDOW_DAYS - 1) * DAY_MS),
    to,
    recentFrom: isoDay(toMs - (ISSUE_RECENT_DAYS - 1) * DAY_MS),
  };
}

/** A table the issue reads can sum: the full-grain rollups or one of the coarser grains kept beside them. */
type IssueTable = typeof dailyRollups | typeof touchpointThemeDays | typeof journeyThemeDays;

interface IssueRead<T extends IssueTable = IssueTable> {
  table: T;
  where: SQL | undefined;
}

/**
 * Where each part of a recurring-issues read sums from. A filter reads a stand-in for the rollups (a `WITH` the
 * statement carries) that holds the scope and filter alone, per theme × touchpoint × day. Without one the coarser
 * tables answer: per journey × theme × day to rank a journey's themes and count their weeks, per touchpoint × theme
 * × day to say where they occur.
 */
function issueReads(db: Db, workspaceId: string, scope: MapScope, window: IssueWindow, filter: MapFilter) {
  if (isFiltered(filter)) {
    const touchpointIds = scopeTouchpointIds(db, workspaceId, scope);
    const { standIn } = rollupReader(
      db,
      workspaceId,
      filter,
      { touchpointIds, fromDay: window.from, toDay: window.to },
      "theme",
    );
    const read: IssueRead<typeof dailyRollups> = { table: dailyRollups, where: undefined };
    return { standIn, ranked: read, byTouchpoint: read, byWeek: read };
  }
  const perTouchpoint: IssueRead<typeof touchpointThemeDays> = {
    table: touchpointThemeDays,
    where: and(
      eq(touchpointThemeDays.workspaceId, workspaceId),
      "touchpointId" in scope
        ? eq(touchpointThemeDays.touchpointId, scope.touchpointId)
        : inArray(touchpointThemeDays.touchpointId, touchpointIdsOfJourney(db, workspaceId, scope.journeyId)),
      between(touchpointThemeDays.day, window.from, window.to),
    ),
  };
  if ("touchpointId" in scope) {
    return { standIn: null, ranked: perTouchpoint, byTouchpoint: perTouchpoint, byWeek: perTouchpoint };
  }
  const perJourney: IssueRead = {
    table: journeyThemeDays,
    where: and(
      eq(journeyThemeDays.workspaceId, workspaceId),
      eq(journeyThemeDays.journeyId, scope.journeyId),
      between(journeyThemeDays.day, window.from, window.to),
    ),
  };
  return { standIn: null, ranked: perJourney, byTouchpoint: perTouchpoint, byWeek: perJourney };
}

/**
 * A recurring-issues read in one statement, for a caller's `db.batch`. The top themes are ranked once, in a `WITH`
 * both parts read: per theme, its totals per touchpoint (`places`, with the touchpoints' names), and its counts per
 * week with the trend's last 30 days told apart (`weeks`). Ranking them once for both parts, rather than in two
 * statements, saved a tenth of the map query at a million items.
 */
export function recurringIssueQuery(
  db: Db,
  workspaceId: string,
  scope: MapScope,
  window: IssueWindow,
  filter: MapFilter = NO_FILTER,
) {
  const { standIn, ranked, byTouchpoint: located, byWeek: weekly } = issueReads(db, workspaceId, scope, window, filter);
  // Themes and touchpoints are looked up after summing, by id, once per theme or theme × touchpoint rather than once
  // per day row: at a million items that was most of these reads' time. The unary `+` keeps SQLite from walking all
  // of the workspace's themes (or touchpoints) through its workspace index and probing the sums for each instead.
  const inWorkspace = (column: SQLWrapper) => sql`+${column} = ${workspaceId}`;
  const liveTheme = (themeId: SQLWrapper) =>
    and(eq(themes.id, themeId), inWorkspace(themes.workspaceId), notInArray(themes.status, ["merged", "archived"]));
  const total = (expression: SQLWrapper) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);

  const r = ranked.table;
  const themeFriction = db
    .select({ themeId: r.themeId, friction: total(r.frictionSum).as("theme_friction") })
    .from(r)
    .where(and(ranked.where, ne(r.themeId, "")))
    .groupBy(r.themeId)
    .as("theme_friction_sums");
  const topThemes = db
    .select({ id: sql<string>`${themeFriction.themeId}`.as("id") })
    .from(themeFriction)
    .innerJoin(themes, liveTheme(themeFriction.themeId))
    .orderBy(desc(themeFriction.friction), asc(themeFriction.themeId))
    .limit(ISSUE_LIMIT);
  const inTopThemes = (themeId: SQLWrapper) => sql`${themeId} in (select "id" from ${sql.identifier(TOP_THEMES)})`;

  const t = located.table;
  const sums = db
    .select({
      themeId: t.themeId,
      touchpointId: t.touchpointId,
      itemCount: total(t.itemCount).as("issue_item_count"),
      negativeCount: total(t.negativeCount).as("issue_negative_count"),
      frictionSum: total(t.frictionSum).as("issue_friction_sum"),
    })
    .from(t)
    .where(and(located.where, inTopThemes(t.themeId)))
    .groupBy(t.themeId, t.touchpointId)
    .as("issue_touchpoint_sums");
  const perTouchpoint = db
    .select({
      themeId: sums.themeId,
      // Aliased: the statement below packs these columns by name.
      label: sql<string>`${themes.label}`.as("theme_label"),
      status: sql<RecurringIssue["status"]>`${themes.status}`.as("theme_status"),
      touchpointId: sql<string>`${sums.touchpointId}`.as("touchpoint_id"),
      touchpointName: sql<string>`${touchpoints.name}`.as("touchpoint_name"),
      touchpointHumanMoment: sql<number>`${touchpoints.isHumanMoment}`.as("touchpoint_human_moment"),
      itemCount: sums.itemCount,
      negativeCount: sums.negativeCount,
      frictionSum: sums.frictionSum,
    })
    .from(sums)
    .innerJoin(themes, liveTheme(sums.themeId))
    .innerJoin(touchpoints, and(eq(touchpoints.id, sums.touchpointId), inWorkspace(touchpoints.workspaceId)));

  const w = weekly.table;
  const week = sql<number>`cast((julianday(${window.to}) - julianday(${w.day})) / ${WEEK_DAYS} as integer)`;
  const recent = sql<number>`(${w.day} >= ${window.recentFrom})`;
  const perWeek = db
    .select({
      themeId: w.themeId,
      week: week.as("issue_week"),
      recent: recent.as("issue_recent"),
      itemCount: total(w.itemCount).as("issue_item_count"),
      negativeCount: total(w.negativeCount).as("issue_negative_count"),
    })
    .from(w)
    .where(and(weekly.where, inTopThemes(w.themeId)))
    .groupBy(w.themeId, week, recent);

  // Drizzle writes no `MATERIALIZED`, and without it SQLite ranks the themes again in each part that reads them
  // (2 ms a time at a million items), so the `WITH` is written here. A filter's stand-in for the rollups is named
  // like them and comes first, so the ranking reads it too.
  const ctes = [
    ...(standIn ? [sql`${sql.identifier(ROLLUPS_STAND_IN)} as (${standIn.getSQL()})`] : []),
    sql`${sql.identifier(TOP_THEMES)} as materialized (${topThemes.getSQL()})`,
  ];
  // One row per issue and part, its touchpoints or its weeks as a JSON array: at a million items D1's answer and
  // its mapping to objects cost more per row than SQLite did, and this read had 600 rows.
  const statement = sql`(with ${sql.join(ctes, sql`, `)}
    select "theme_id", "theme_label", "theme_status", json_group_array(json_array("touchpoint_id", "touchpoint_name",
      "touchpoint_human_moment", "issue_item_count", "issue_negative_count", "issue_friction_sum")) as "places",
      null as "weeks"
    from (${perTouchpoint.getSQL()}) group by "theme_id"
    union all
    select "theme_id", null, null, null, json_group_array(json_array("issue_week", "issue_recent",
      "issue_item_count", "issue_negative_count"))
    from (${perWeek.getSQL()}) group by "theme_id")`;
  const column = <T>(name: string) => sql<T>`${sql.identifier(name)}`;
  return db
    .select({
      themeId: column<string>("theme_id"),
      label: column<string | null>("theme_label"),
      status: column<RecurringIssue["status"] | null>("theme_status"),
      places: column<string | null>("places"),
      weeks: column<string | null>("weeks"),
    })
    .from(statement);
}

const TOP_THEMES = "top_themes";

type IssueFields = Awaited<ReturnType<typeof recurringIssueQuery>>[number];

/** A touchpoint where an issue occurs, as `recurringIssueQuery` packs it. */
type Place = [id: string, name: string, humanMoment: number, items: number, negatives: number, friction: number];
/** A week of an issue, as `recurringIssueQuery` packs it. */
type Week = [week: number, recent: number, items: number, negatives: number];

/** Folds the rows of `recurringIssueQuery` into ranked issues. */
export function toRecurringIssues(window: IssueWindow, rows: IssueFields[]): RecurringIssues {
  const totals = new Map<string, Omit<RecurringIssue, "negativeShare" | "trend"> & IssueCounts>();
  for (const row of rows) {
    if (row.places === null) continue;
    const issue: Omit<RecurringIssue, "negativeShare" | "trend"> & IssueCounts = {
      themeId: row.themeId,
      label: row.label ?? "",
      status: row.status ?? "active",
      itemCount: 0,
      negativeCount: 0,
      recentCount: 0,
      weekItemCount: 0,
      friction: 0,
      touchpoints: [],
      weekly: emptyWeeks(window),
    };
    for (const [id, name, humanMoment, itemCount, negativeCount, friction] of JSON.parse(row.places) as Place[]) {
      issue.itemCount += itemCount;
      issue.negativeCount += negativeCount;
      issue.friction += friction;
      issue.touchpoints.push({ id, name, isHumanMoment: Boolean(humanMoment), itemCount });
    }
    totals.set(row.themeId, issue);
  }
  for (const row of rows) {
    const issue = row.weeks === null ? undefined : totals.get(row.themeId);
    if (!issue || row.weeks === null) continue;
    for (const [week, recent, itemCount, negativeCount] of JSON.parse(row.weeks) as Week[]) {
      // The trend is taken from the weeks alone, so its two parts always add up to the same total.
      issue.weekItemCount += itemCount;
      if (recent) issue.recentCount += itemCount;
      const point = issue.weekly[issue.weekly.length - 1 - week];
      if (point) {
        point.itemCount += itemCount;
        point.negativeCount += negativeCount;
      }
    }
  }
  const issues = [...totals.values()]
    .map(({ negativeCount, recentCount, weekItemCount, ...issue }) => ({
      ...issue,
      negativeShare: issue.itemCount > 0 ? negativeCount / issue.itemCount : 0,
      touchpoints: issue.touchpoints.sort((a, b) => b.itemCount - a.itemCount || a.name.localeCompare(b.name)),
      trend: trendOf(recentCount, weekItemCount - recentCount),
    }))
    .sort((a, b) => b.friction - a.friction || a.themeId.localeCompare(b.themeId));
  return { from: window.from, to: window.to, issues };
}

interface IssueCounts {
  negativeCount: number;
  /** Of the weeks' items, those of the last 30 days. */
  recentCount: number;
  weekItemCount: number;
}

/** The last 30 days against the 60 before them, with the same exact conditional test as spikes. */
export function trendOf(recentCount: number, previousCount: number): IssueTrend {
  const previousDays = ISSUE_WINDOW_DAYS - ISSUE_RECENT_DAYS;
  const recentPerDay = recentCount / ISSUE_RECENT_DAYS;
  const previousPerDay = previousCount / previousDays;
  const n = recentCount + previousCount;
  const recentShare = ISSUE_RECENT_DAYS / ISSUE_WINDOW_DAYS;
  const ratio = previousCount > 0 ? recentPerDay / previousPerDay : null;
  let direction: IssueTrend["direction"] = "steady";
  if (previousCount === 0 && recentCount > 0) direction = "new";
  else if (ratio !== null && ratio >= TREND_MIN_CHANGE && binomialUpperMidP(recentCount, n, recentShare) < TREND_ALPHA)
    direction = "rising";
  else if (
    ratio !== null &&
    ratio <= 1 / TREND_MIN_CHANGE &&
    binomialUpperMidP(previousCount, n, 1 - recentShare) < TREND_ALPHA
  )
    direction = "falling";
  return { recentPerDay, previousPerDay, ratio, direction };
}

function emptyWeeks(window: IssueWindow): IssueWeek[] {
  return emptyBuckets(dayMs(window.from), dayMs(window.to), WEEK_DAYS, Math.ceil(ISSUE_WINDOW_DAYS / WEEK_DAYS));
}
