/**
 * What the map page draws, projected from the journey map: a card needs its score, a few counters, the spike flag
 * and the sparkline's points, not the "why flagged" parts and their explanations (the touchpoint page's). SvelteKit
 * serializes a page's data into the HTML for hydration, so at 80 touchpoints this keeps ~200 KB out of every load.
 */
import type { JourneyMap, MapTouchpoint } from "@firebreak/db/queries/map";

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

/** The journey map with its touchpoints as cards. */
export function toMapView(map: JourneyMap) {
  return {
    ...map,
    stages: map.stages.map((stage) => ({ ...stage, touchpoints: stage.touchpoints.map(toMapCard) })),
  };
}

export type MapCard = ReturnType<typeof toMapCard>;
export type MapView = ReturnType<typeof toMapView>;
export type MapViewStage = MapView["stages"][number];
