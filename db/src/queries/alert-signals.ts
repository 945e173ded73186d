/**
 * What alert rules look at, summed by the database: feedback and repeat-contact volume per touchpoint and per issue
 * (the last 7 days against the 8 weeks before, from the coarse rollups), friction scores per touchpoint (the map's own
 * scoring over the last 30 days), recently first-seen issues, and recent items with escalation cues, negative at a
 * human moment, or handled by automation there.
 * @module
 */
import {
  type FrictionSignal,
  type ItemGroupSignal,
  SENTIMENT_ESCALATION,
  type Signals,
  type ThemeSignal,
  type VolumeSignal,
} from "@firebreak/core";
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { feedbackItems, journeys, themes, touchpointDays, touchpoints, touchpointThemeDays } from "../schema/index.ts";
import { getJourneyMap, listJourneys } from "./map.ts";
import { DAY_MS, daysBetween, isoDay, RECENT_DAYS, SPIKE_BASELINE_DAYS } from "./map-range.ts";

/** The friction window alerts score over: the map's default range. */
export const FRICTION_WINDOW_DAYS = 30;
/** Items an item-level signal reads at most per evaluation; beyond it the newest are counted. */
const ITEM_CAP = 2_000;

/** Volume of touchpoints and issues: the last 7 days (today included) against the 56 days before. */
export async function volume(db: Db, workspaceId: string, now: number): Promise<VolumeSignal[]> {
  const today = isoDay(now);
  const recentFrom = isoDay(now - (RECENT_DAYS - 1) * DAY_MS);
  const baselineFrom = isoDay(now - (RECENT_DAYS - 1 + SPIKE_BASELINE_DAYS) * DAY_MS);
  const sums = <T extends typeof touchpointDays | typeof touchpointThemeDays>(table: T) => ({
    recent: sql<number>`coalesce(sum(CASE WHEN ${table.day} >= ${recentFrom} THEN ${table.itemCount} END), 0)`,
    baseline: sql<number>`coalesce(sum(CASE WHEN ${table.day} < ${recentFrom} THEN ${table.itemCount} END), 0)`,
    firstDay: sql<string>`min(${table.day})`,
  });
  const [byTouchpoint, byTheme] = await db.batch([
    db
      .select({
        id: touchpointDays.touchpointId,
        name: touchpoints.name,
        ...sums(touchpointDays),
        recentRepeats: sql<number>`coalesce(sum(CASE WHEN ${touchpointDays.day} >= ${recentFrom} THEN ${touchpointDays.repeatCount} END), 0)`,
        baselineRepeats: sql<number>`coalesce(sum(CASE WHEN ${touchpointDays.day} < ${recentFrom} THEN ${touchpointDays.repeatCount} END), 0)`,
      })
      .from(touchpointDays)
      .innerJoin(touchpoints, eq(touchpoints.id, touchpointDays.touchpointId))
      .innerJoin(journeys, and(eq(journeys.id, touchpoints.journeyId), isNull(journeys.archivedAt)))
      .where(
        and(
          eq(touchpointDays.workspaceId, workspaceId),
          gte(touchpointDays.day, baselineFrom),
          sql`${touchpointDays.day} <= ${today}`,
        ),
      )
      .groupBy(touchpointDays.touchpointId),
    db
      .select({ id: touchpointThemeDays.themeId, name: themes.label, ...sums(touchpointThemeDays) })
      .from(touchpointThemeDays)
      .innerJoin(themes, and(eq(themes.id, touchpointThemeDays.themeId), eq(themes.status, "active")))
      .where(
        and(
          eq(touchpointThemeDays.workspaceId, workspaceId),
          gte(touchpointThemeDays.day, baselineFrom),
          sql`${touchpointThemeDays.day} <= ${today}`,
        ),
      )
      .groupBy(touchpointThemeDays.themeId),
  ]);
  // Baselines count only days the workspace already had data, so a new workspace is not one big surge (as the map).
  const firstDay = [...byTouchpoint, ...byTheme].reduce<string | null>(
    (min, r) => (min === null || r.firstDay < min ? r.firstDay : min),
    null,
  );
  // ISO days sort as strings: the later of the two is where the baseline starts.
  const baselineStart = firstDay === null ? null : [firstDay, baselineFrom].sort()[1];
  const baselineDays = baselineStart ? Math.max(0, daysBetween(baselineStart, recentFrom)) : 0;
  const common = { recentDays: RECENT_DAYS, baselineDays };
  return [
    ...byTouchpoint.map((r) => ({
      subject: "touchpoint" as const,
      id: r.id,
      name: r.name,
      recentCount: r.recent,
      baselineCount: r.baseline,
      recentRepeats: r.recentRepeats,
      baselineRepeats: r.baselineRepeats,
      ...common,
    })),
    ...byTheme.map((r) => ({
      subject: "theme" as const,
      id: r.id,
      name: r.name,
      recentCount: r.recent,
      baselineCount: r.baseline,
      recentRepeats: 0,
      baselineRepeats: 0,
      ...common,
    })),
  ];
}

/** Every touchpoint's friction score over the last 30 days, scored exactly as the journey map scores it. */
export async function friction(db: Db, workspaceId: string, now: number): Promise<FrictionSignal[]> {
  const range = { from: isoDay(now - (FRICTION_WINDOW_DAYS - 1) * DAY_MS), to: isoDay(now) };
  const current = (await listJourneys(db, workspaceId)).filter((j) => j.state === "current");
  const maps = await Promise.all(current.map((j) => getJourneyMap(db, workspaceId, j.id, range)));
  return maps.flatMap((map) =>
    (map?.stages ?? []).flatMap((stage) =>
      stage.touchpoints
        .filter((t) => t.counters.itemCount > 0)
        .map((t) => ({
          touchpointId: t.id,
          name: t.name,
          score: t.friction.score,
          windowDays: FRICTION_WINDOW_DAYS,
          parts: t.friction.parts,
        })),
    ),
  );
}

/** Active issues first seen within the last 90 days (the new-issue rule narrows the window). */
export async function recentThemes(db: Db, workspaceId: string, now: number): Promise<ThemeSignal[]> {
  const rows = await db
    .select({ id: themes.id, name: themes.label, firstSeenAt: themes.firstSeenAt, itemCount: themes.itemCount })
    .from(themes)
    .where(
      and(eq(themes.workspaceId, workspaceId), eq(themes.status, "active"), gte(themes.firstSeenAt, now - 90 * DAY_MS)),
    );
  return rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt ?? now }));
}

/** Recent items that item-level rules look at: escalation cues anywhere, and negative or automated at human moments. */
export async function recentItems(
  db: Db,
  workspaceId: string,
  since: { escalation: number; humanMomentNegative: number; automation: number },
): Promise<Pick<Signals, "escalations" | "negativeAtHumanMoments" | "automationAtHumanMoments">> {
  const oldest = Math.min(since.escalation, since.humanMomentNegative, since.automation);
  const rows = await db
    .select({
      itemId: feedbackItems.id,
      occurredAt: feedbackItems.occurredAt,
      escalations: feedbackItems.escalations,
      sentiment: feedbackItems.sentiment,
      handledBy: feedbackItems.handledBy,
      touchpointId: feedbackItems.touchpointId,
      touchpointName: touchpoints.name,
      humanMoment: touchpoints.isHumanMoment,
      threshold: touchpoints.sentimentThreshold,
    })
    .from(feedbackItems)
    .leftJoin(touchpoints, eq(touchpoints.id, feedbackItems.touchpointId))
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        gte(feedbackItems.occurredAt, oldest),
        eq(feedbackItems.isTest, false),
        isNull(feedbackItems.erasedAt),
        sql`(${feedbackItems.escalations} != '[]' OR ${feedbackItems.handledBy} IS NOT NULL OR (${touchpoints.isHumanMoment} = 1 AND ${feedbackItems.sentiment} <= ${touchpoints.sentimentThreshold}))`,
      ),
    )
    .orderBy(sql`${feedbackItems.occurredAt} desc`)
    .limit(ITEM_CAP);

  const escalations = new Groups();
  const negative = new Groups();
  const automation = new Groups();
  for (const row of rows) {
    const cues = row.escalations.filter((e) => e !== SENTIMENT_ESCALATION);
    if (cues.length > 0 && row.occurredAt >= since.escalation) {
      escalations.add(row, [...new Set(cues.map((cue) => cue.split(".")[0] ?? cue))]);
    }
    if (!row.humanMoment) continue;
    if (row.sentiment <= (row.threshold ?? -0.5) && row.occurredAt >= since.humanMomentNegative) {
      negative.add(row, [], row.sentiment, row.threshold ?? undefined);
    }
    if (row.handledBy && row.occurredAt >= since.automation) {
      automation.add(row, [row.handledBy.kind], undefined, undefined, row.handledBy.evidence);
    }
  }
  return {
    escalations: escalations.list(),
    negativeAtHumanMoments: negative.list(),
    automationAtHumanMoments: automation.list(),
  };
}

/** Folds item rows into one group per touchpoint; rows come newest first, so a group's first item is its latest. */
class Groups {
  readonly #byTouchpoint = new Map<string, ItemGroupSignal>();

  add(
    row: { itemId: string; touchpointId: string | null; touchpointName: string | null },
    names: string[],
    sentiment?: number,
    threshold?: number,
    evidence?: string,
  ) {
    const key = row.touchpointId ?? "";
    let group = this.#byTouchpoint.get(key);
    if (!group) {
      group = {
        touchpointId: row.touchpointId,
        name: row.touchpointName ?? "",
        count: 0,
        latestItemId: row.itemId,
        breakdown: {},
        threshold,
      };
      this.#byTouchpoint.set(key, group);
    }
    group.count += 1;
    for (const name of names) group.breakdown[name] = (group.breakdown[name] ?? 0) + 1;
    if (sentiment !== undefined) group.lowestSentiment = Math.min(group.lowestSentiment ?? 1, sentiment);
    if (evidence) {
      group.evidence ??= [];
      if (!group.evidence.includes(evidence)) group.evidence.push(evidence);
    }
  }

  list(): ItemGroupSignal[] {
    return [...this.#byTouchpoint.values()];
  }
}
