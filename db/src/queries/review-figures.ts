/**
 * The figures a review session's agenda is built from, read from rollups only: recurring issues over the 90 days
 * ending at the period's last day, every touchpoint's map-identical score in the period and in the period compared
 * with, and each shipped fix's days around its release. Everything filters by workspace.
 * @module
 */
import { addCounters, EMPTY_COUNTERS, type FrictionCounters } from "@firebreak/core/friction";
import {
  type AgendaInput,
  BEFORE_AFTER_DAYS,
  beforeAfter,
  type DayPeriod,
  dayOf,
  type FixBeforeAfter,
  type FixRebound,
  fixWindows,
  type IssueFigures,
  reboundWindows,
  type TouchpointFigures,
  type WindowCounters,
} from "@firebreak/core/reviews/index";
import {
  and,
  asc,
  between,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  lte,
  ne,
  notInArray,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { Db } from "../client.ts";
import { journeyThemeDays, themes, touchpointDays, touchpointThemeDays } from "../schema/feedback.ts";
import { journeys, touchpoints } from "../schema/journeys.ts";
import { getTouchpointStats } from "./map.ts";
import { issueWindow, trendOf } from "./map-issues.ts";
import { takesFeedback } from "./placement.ts";

/** How many of an issue's touchpoints its agenda entry and before/after name. */
const ISSUE_TOUCHPOINTS = 3;

const total = (expression: SQLWrapper) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);
const liveTheme = (workspaceId: string) =>
  and(eq(themes.workspaceId, workspaceId), notInArray(themes.status, ["merged", "archived"]));

/** The journeys a session covers: the one it is scoped to, else every journey that takes feedback. */
export async function scopeJourneys(db: Db, workspaceId: string, journeyId: string | null) {
  return db
    .select({ id: journeys.id, name: journeys.name })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), journeyId ? eq(journeys.id, journeyId) : takesFeedback()))
    .orderBy(asc(journeys.position));
}

/** Every live theme's totals over the 90 days ending `to`, in the journeys given; plus all friction in scope. */
export async function issueFigures(
  db: Db,
  workspaceId: string,
  journeyIds: string[],
  to: string,
): Promise<{ window: DayPeriod; totalFriction: number; issues: IssueFigures[] }> {
  const window = issueWindow(to);
  const j = journeyThemeDays;
  const inScope = and(
    eq(j.workspaceId, workspaceId),
    inArray(j.journeyId, journeyIds),
    between(j.day, window.from, window.to),
  );
  const [rows, totals] = await db.batch([
    db
      .select({
        themeId: j.themeId,
        label: sql<string>`${themes.label}`.as("theme_label"),
        fixShippedAt: sql<number | null>`${themes.fixShippedAt}`.as("theme_fix_shipped_at"),
        itemCount: total(j.itemCount),
        negativeCount: total(j.negativeCount),
        friction: total(j.frictionSum),
        recentCount: total(sql`case when ${j.day} >= ${window.recentFrom} then ${j.itemCount} else 0 end`),
      })
      .from(j)
      .innerJoin(themes, and(eq(themes.id, j.themeId), liveTheme(workspaceId)))
      .where(and(inScope, ne(j.themeId, "")))
      .groupBy(j.themeId)
      .orderBy(desc(sql`sum(${j.frictionSum})`), asc(j.themeId)),
    db
      .select({ friction: total(j.frictionSum) })
      .from(j)
      .where(inScope),
  ]);
  const where = await themeTouchpoints(
    db,
    workspaceId,
    journeyIds,
    rows.slice(0, 10).map((r) => r.themeId),
    window,
  );
  return {
    window: { from: window.from, to: window.to },
    totalFriction: totals[0]?.friction ?? 0,
    issues: rows.map((r) => ({
      themeId: r.themeId,
      label: r.label,
      itemCount: r.itemCount,
      negativeCount: r.negativeCount,
      friction: r.friction,
      trend: trendOf(r.recentCount, r.itemCount - r.recentCount),
      touchpoints: where.get(r.themeId) ?? [],
      fixDay: r.fixShippedAt === null ? null : dayOf(r.fixShippedAt),
    })),
  };
}

/** Where each of the given themes occurs in scope, most items first. */
async function themeTouchpoints(
  db: Db,
  workspaceId: string,
  journeyIds: string[],
  themeIds: string[],
  window: DayPeriod,
) {
  const byTheme = new Map<string, { id: string; name: string }[]>();
  if (themeIds.length === 0) return byTheme;
  const t = touchpointThemeDays;
  // The journeys' touchpoints first, each then read by its own key (touchpoint, theme, days). A cross join is how
  // SQLite is told the order: joined the other way round it read every touchpoint's rows in the workspace to skip
  // a sort (35 ms against 3 for a 30-touchpoint journey in the 1M bench workspace).
  const rows = await db
    .select({ themeId: t.themeId, id: t.touchpointId, name: touchpoints.name, itemCount: total(t.itemCount) })
    .from(touchpoints)
    .crossJoin(t)
    .where(
      and(
        eq(touchpoints.workspaceId, workspaceId),
        inArray(touchpoints.journeyId, journeyIds),
        eq(t.workspaceId, workspaceId),
        eq(t.touchpointId, touchpoints.id),
        inArray(t.themeId, themeIds),
        between(t.day, window.from, window.to),
      ),
    )
    .groupBy(t.themeId, t.touchpointId)
    .orderBy(desc(sql`sum(${t.itemCount})`), asc(touchpoints.name));
  for (const row of rows) {
    const list = byTheme.get(row.themeId) ?? [];
    if (list.length < ISSUE_TOUCHPOINTS) list.push({ id: row.id, name: row.name });
    byTheme.set(row.themeId, list);
  }
  return byTheme;
}

/** Every touchpoint of the journeys with its map score in `period` and in `comparedWith`. */
export async function touchpointFigures(
  db: Db,
  workspaceId: string,
  scope: { id: string; name: string }[],
  period: DayPeriod,
  comparedWith: DayPeriod,
): Promise<TouchpointFigures[]> {
  if (scope.length === 0) return [];
  const journeyIds = scope.map((j) => j.id);
  const [rows, now, before] = await Promise.all([
    db
      .select({
        id: touchpoints.id,
        name: touchpoints.name,
        journeyId: touchpoints.journeyId,
        isHumanMoment: touchpoints.isHumanMoment,
        owner: touchpoints.humanMomentOwner,
      })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.journeyId, journeyIds))),
    getTouchpointStats(db, workspaceId, journeyIds, period),
    getTouchpointStats(db, workspaceId, journeyIds, comparedWith),
  ]);
  const names = new Map(scope.map((j) => [j.id, j.name]));
  const figures = (stats: ReturnType<typeof now>) => ({
    score: stats.friction.score,
    itemCount: stats.counters.itemCount,
    negativeShare: stats.negativeShare,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    journeyName: names.get(row.journeyId) ?? "",
    humanMoment: row.isHumanMoment ? { owner: row.owner } : null,
    now: figures(now(row.journeyId, row.id)),
    before: figures(before(row.journeyId, row.id)),
  }));
}

interface DayRow {
  day: string;
  touchpointId: string;
  itemCount: number;
  frictionSum: number;
}

function sumOver(rows: DayRow[], { from, to }: DayPeriod, touchpointId?: string): WindowCounters {
  let itemCount = 0;
  let frictionSum = 0;
  for (const row of rows) {
    if (row.day < from || row.day > to || (touchpointId && row.touchpointId !== touchpointId)) continue;
    itemCount += row.itemCount;
    frictionSum += row.frictionSum;
  }
  return { itemCount, frictionSum };
}

export interface FixFigures {
  fixes: FixBeforeAfter[];
  rebounds: FixRebound[];
}

/**
 * Every shipped fix of the workspace (live themes with a fix date) seen on `today`: its before/after for the theme
 * and its busiest touchpoints, and the windows behind "did it come back?". Two statements per fix, in one batch.
 */
export async function fixFigures(
  db: Db,
  workspaceId: string,
  today: string,
  windowDays = BEFORE_AFTER_DAYS,
): Promise<FixFigures> {
  const fixed = await db
    .select({ id: themes.id, label: themes.label, fixShippedAt: themes.fixShippedAt })
    .from(themes)
    .where(and(liveTheme(workspaceId), isNotNull(themes.fixShippedAt)))
    .orderBy(desc(themes.fixShippedAt));
  if (fixed.length === 0) return { fixes: [], rebounds: [] };
  const plans = fixed.map((theme) => {
    const fixDay = dayOf(theme.fixShippedAt as number);
    return { theme, fixDay, windows: fixWindows(fixDay, today, windowDays) };
  });
  const t = touchpointThemeDays;
  // Every touchpoint of the workspace and the unplaced items ('') by their key, which starts with the touchpoint:
  // asked for the theme alone, SQLite read the workspace's every touchpoint × theme × day row (22 ms against 6 on the
  // 1M bench data). An index by theme would serve this read, but the map's recurring issues then took it too and
  // slowed by half in workerd.
  const keys = sql`(select ${touchpoints.id} from ${touchpoints}
    where ${touchpoints.workspaceId} = ${workspaceId} union all select '')`;
  const dayStatements = plans.map(({ theme, windows }) =>
    db
      .select({
        day: t.day,
        touchpointId: t.touchpointId,
        itemCount: total(t.itemCount),
        frictionSum: total(t.frictionSum),
      })
      .from(t)
      .where(
        and(
          eq(t.workspaceId, workspaceId),
          sql`${t.touchpointId} in ${keys}`,
          eq(t.themeId, theme.id),
          between(t.day, windows.before.from, today),
        ),
      )
      .groupBy(t.day, t.touchpointId),
  );
  const [first, ...rest] = dayStatements;
  const dayRows = (await db.batch([first as NonNullable<typeof first>, ...rest])) as DayRow[][];

  // The touchpoints a fix is judged at: where the theme was busiest before the fix.
  const busiest = plans.map((plan, i) => {
    const before = new Map<string, number>();
    for (const row of dayRows[i] ?? []) {
      if (row.day >= plan.windows.before.from && row.day <= plan.windows.before.to)
        before.set(row.touchpointId, (before.get(row.touchpointId) ?? 0) + row.itemCount);
    }
    return [...before.entries()]
      .filter(([id]) => id !== "")
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, ISSUE_TOUCHPOINTS)
      .map(([id]) => id);
  });
  const touchpointIds = [...new Set(busiest.flat())];
  const counters = await touchpointWindowCounters(db, workspaceId, touchpointIds, plans);

  const fixes: FixBeforeAfter[] = [];
  const rebounds: FixRebound[] = [];
  plans.forEach(({ theme, fixDay, windows }, i) => {
    const rows = dayRows[i] ?? [];
    fixes.push(
      beforeAfter(
        {
          themeId: theme.id,
          label: theme.label,
          fixDay,
          theme: { before: sumOver(rows, windows.before), after: sumOver(rows, windows.after) },
          touchpoints: (busiest[i] ?? []).map((id) => {
            const c = counters.get(`${i}:${id}`);
            return {
              id,
              name: c?.name ?? id,
              before: { ...sumOver(rows, windows.before, id), counters: c?.before },
              after: { ...sumOver(rows, windows.after, id), counters: c?.after },
            };
          }),
        },
        windows,
      ),
    );
    const rebound = reboundWindows(fixDay, today, windowDays);
    if (rebound) {
      rebounds.push({
        themeId: theme.id,
        label: theme.label,
        fixDay,
        after: sumOver(rows, rebound.after),
        recent: sumOver(rows, rebound.recent),
      });
    }
  });
  return { fixes, rebounds };
}

type Plan = { windows: ReturnType<typeof fixWindows> };

/** Full friction counters of each touchpoint in each fix's before and after windows (keyed `fixIndex:touchpointId`). */
async function touchpointWindowCounters(db: Db, workspaceId: string, touchpointIds: string[], plans: Plan[]) {
  const result = new Map<string, { name: string; before: FrictionCounters; after: FrictionCounters }>();
  if (touchpointIds.length === 0) return result;
  const from = plans.map((p) => p.windows.before.from).sort()[0] as string;
  const to = plans
    .map((p) => p.windows.after.to)
    .sort()
    .at(-1) as string;
  const d = touchpointDays;
  const rows = await db
    .select({
      touchpointId: d.touchpointId,
      name: touchpoints.name,
      day: d.day,
      itemCount: d.itemCount,
      negativeCount: d.negativeCount,
      sentimentSum: d.sentimentSum,
      scoreSum: d.scoreSum,
      scoreCount: d.scoreCount,
      detractorCount: d.detractorCount,
      escalationCount: d.escalationCount,
      repeatCount: d.repeatCount,
    })
    .from(d)
    .innerJoin(touchpoints, and(eq(touchpoints.id, d.touchpointId), eq(touchpoints.workspaceId, workspaceId)))
    .where(
      and(eq(d.workspaceId, workspaceId), inArray(d.touchpointId, touchpointIds), gte(d.day, from), lte(d.day, to)),
    );
  plans.forEach(({ windows }, i) => {
    for (const { touchpointId, name, day, ...row } of rows) {
      const key = `${i}:${touchpointId}`;
      const entry = result.get(key) ?? { name, before: EMPTY_COUNTERS, after: EMPTY_COUNTERS };
      result.set(key, entry);
      if (day >= windows.before.from && day <= windows.before.to) entry.before = addCounters(entry.before, row);
      else if (day >= windows.after.from && day <= windows.after.to) entry.after = addCounters(entry.after, row);
    }
  });
  return result;
}

/** Everything `buildAgenda` needs but the carried-over action items, plus what "came back" reads of the fixes. */
export type AgendaFigures = Omit<AgendaInput, "carried"> & { rebounds: FixRebound[] };

/** Reads the agenda's figures for a session over `period` in its scope, as of `today`. */
export async function agendaFigures(
  db: Db,
  workspaceId: string,
  journeyId: string | null,
  period: DayPeriod,
  comparedWith: DayPeriod,
  today: string,
): Promise<AgendaFigures> {
  const scope = await scopeJourneys(db, workspaceId, journeyId);
  const journeyIds = scope.map((j) => j.id);
  const [issues, tps, fixes] = await Promise.all([
    journeyIds.length > 0
      ? issueFigures(db, workspaceId, journeyIds, period.to)
      : { window: issueWindow(period.to), totalFriction: 0, issues: [] },
    touchpointFigures(db, workspaceId, scope, period, comparedWith),
    fixFigures(db, workspaceId, today),
  ]);
  return {
    today,
    window: { from: issues.window.from, to: issues.window.to },
    comparedWith,
    totalFriction: issues.totalFriction,
    issues: issues.issues,
    touchpoints: tps,
    fixes: fixes.fixes,
    rebounds: fixes.rebounds,
  };
}
