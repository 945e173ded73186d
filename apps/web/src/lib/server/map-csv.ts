/**
 * The journey map's CSVs: its hotspots with the "why flagged" breakdown, and its recurring issues (see `csv.ts` for
 * how cells are written).
 * @module
 */
import { frictionLevel } from "@firebreak/core/exports/palette";
import { FRICTION_PARTS, type FrictionPart } from "@firebreak/core/friction";
import { HOTSPOT_MIN } from "@firebreak/db/queries/journeys";
import type { JourneyMap } from "@firebreak/db/queries/map";
import { csv, csvDay } from "./csv.ts";

function measured(part: FrictionPart | undefined): string {
  if (!part || part.value === null) return "";
  return part.unit === "share" ? `${Math.round(part.value * 1000) / 10}%` : `${Math.round(part.value * 100) / 100}x`;
}

/**
 * Touchpoints at or above the hotspot line, worst first: where, the score and its level, each part's points and
 * what it measured, and the counts behind them.
 */
export function hotspotsCsv(map: JourneyMap): string {
  const fields = [
    "Stage",
    "Touchpoint",
    "Channel",
    "Friction score",
    "Level",
    ...FRICTION_PARTS.flatMap((p) => [`${p.label} (points)`, `${p.label} (measured)`]),
    "Items",
    "Negative items",
    "Low scores",
    "Repeat contacts",
    "Escalations",
    "Low sample",
    "Human moment",
    "From",
    "To",
  ];
  const rows = map.stages
    .flatMap((stage) => stage.touchpoints.map((touchpoint) => ({ stage, touchpoint })))
    .filter(({ touchpoint }) => touchpoint.counters.itemCount > 0 && touchpoint.friction.score >= HOTSPOT_MIN)
    .sort((a, b) => b.touchpoint.friction.score - a.touchpoint.friction.score)
    .map(({ stage, touchpoint: t }) => {
      const parts = new Map(t.friction.parts.map((p) => [p.key, p]));
      return [
        stage.name,
        t.name,
        t.channel,
        t.friction.score,
        frictionLevel(t.friction.score).label,
        ...FRICTION_PARTS.flatMap((p) => [
          Math.round((parts.get(p.key)?.points ?? 0) * 10) / 10,
          measured(parts.get(p.key)),
        ]),
        t.counters.itemCount,
        t.counters.negativeCount,
        t.counters.detractorCount,
        t.counters.repeatCount,
        t.counters.escalationCount,
        t.friction.lowSample ? "yes" : "no",
        t.humanMoment ?? "",
        map.range.from,
        map.range.to,
      ];
    });
  return csv(fields, rows);
}

/** The journey's top recurring issues over their 90-day window, with when each one's fix shipped. */
export function themesCsv(map: JourneyMap, fixShippedAt: ReadonlyMap<string, number | null>): string {
  const { recurringIssues } = map;
  const fields = [
    "Issue",
    "Items (90 days)",
    "Negative share",
    "Trend",
    "Trend ratio",
    "Touchpoints",
    "Fix shipped",
    "From",
    "To",
  ];
  const rows = recurringIssues.issues.map((issue) => [
    issue.label,
    issue.itemCount,
    `${Math.round(issue.negativeShare * 1000) / 10}%`,
    issue.trend.direction,
    issue.trend.ratio === null ? "" : Math.round(issue.trend.ratio * 100) / 100,
    issue.touchpoints.map((t) => `${t.name} (${t.itemCount})`).join("; "),
    csvDay(fixShippedAt.get(issue.themeId)),
    recurringIssues.from,
    recurringIssues.to,
  ]);
  return csv(fields, rows);
}
