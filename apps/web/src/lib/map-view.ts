/**
 * What the map page draws, projected from the journey map: a card needs its score, a few counters, the spike flag
 * and the sparkline's points, not the "why flagged" parts and their explanations (the touchpoint page's). SvelteKit
 * serializes a page's data into the HTML for hydration, so at 80 touchpoints this keeps ~200 KB out of every load.
 */
import type { JourneyMap, MapTouchpoint, RecurringIssues } from "@firebreak/db/queries/map";

/** How many of an issue's touchpoints the issues table names; the rest are counted. */
export const ISSUE_PLACES_SHOWN = 3;

/** A touchpoint card's data. */
export function toMapCard(touchpoint: MapTouchpoint) {
  const { counters, friction, spike } = touchpoint;
  return {
    id: touchpoint.id,
    key: touchpoint.key,
    name: touchpoint.name,
    channel: touchpoint.channel,
    humanMoment: touchpoint.humanMoment,
    averageSentiment: touchpoint.averageSentiment,
    activeRepeatChains: touchpoint.activeRepeatChains,
    friction: { score: friction.score, lowSample: friction.lowSample },
    counters: {
      itemCount: counters.itemCount,
      repeatCount: counters.repeatCount,
      escalationCount: counters.escalationCount,
    },
    spike: { spike: spike.spike, rateRatio: spike.rateRatio },
    series: touchpoint.series.map(({ days, itemCount, negativeCount }) => ({ days, itemCount, negativeCount })),
  };
}

/**
 * The recurring issues as the issues table shows them: each issue's first touchpoints and how many there are, not
 * all of them (a journey-wide issue occurs at most of 80 touchpoints), and its weekly points without their dates.
 */
export function toIssuesView(recurring: RecurringIssues) {
  return {
    ...recurring,
    issues: recurring.issues.map(({ touchpoints, weekly, ...issue }) => ({
      ...issue,
      touchpoints: touchpoints.slice(0, ISSUE_PLACES_SHOWN),
      touchpointCount: touchpoints.length,
      weekly: weekly.map(({ days, itemCount, negativeCount }) => ({ days, itemCount, negativeCount })),
    })),
  };
}

/** The journey map with its touchpoints as cards and its recurring issues as the table shows them. */
export function toMapView(map: JourneyMap) {
  return {
    ...map,
    stages: map.stages.map((stage) => ({ ...stage, touchpoints: stage.touchpoints.map(toMapCard) })),
    recurringIssues: toIssuesView(map.recurringIssues),
  };
}

export type MapCard = ReturnType<typeof toMapCard>;
export type MapView = ReturnType<typeof toMapView>;
export type MapViewStage = MapView["stages"][number];
