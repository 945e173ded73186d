/**
 * Touchpoint friction: a 0–100 score built from counters that explains itself part by part ("why flagged").
 * @module
 */

/** Counters for one touchpoint over a period, as summed from daily rollups. */
export interface FrictionCounters {
  itemCount: number;
  negativeCount: number;
  sentimentSum: number;
  scoreSum: number;
  scoreCount: number;
  detractorCount: number;
  escalationCount: number;
  repeatCount: number;
}

export interface FrictionPart {
  key: "negative" | "detractors" | "escalations" | "repeats" | "volume";
  label: string;
  /** The measured rate in [0, 1] (volume: share of the busiest touchpoint's volume). */
  value: number;
  weight: number;
  /** Points this part adds to the 0–100 score. */
  points: number;
}

export interface FrictionScore {
  score: number;
  /** Below `MIN_CONFIDENT_ITEMS` the score is shown but flagged as thin evidence. */
  lowEvidence: boolean;
  parts: FrictionPart[];
}

/** Weights sum to 1. Escalations and repeat contacts are rarer than negative comments, so their rates are amplified. */
const PARTS = [
  { key: "negative", label: "Negative feedback share", weight: 0.35, amplify: 1 },
  { key: "detractors", label: "Detractor share of scored responses", weight: 0.25, amplify: 1 },
  { key: "escalations", label: "Escalation cues", weight: 0.15, amplify: 5 },
  { key: "repeats", label: "Repeat contacts", weight: 0.15, amplify: 3 },
  { key: "volume", label: "Volume relative to the busiest touchpoint", weight: 0.1, amplify: 1 },
] as const;

export const MIN_CONFIDENT_ITEMS = 10;

export const EMPTY_COUNTERS: FrictionCounters = {
  itemCount: 0,
  negativeCount: 0,
  sentimentSum: 0,
  scoreSum: 0,
  scoreCount: 0,
  detractorCount: 0,
  escalationCount: 0,
  repeatCount: 0,
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Scores one touchpoint. `maxItemCount` is the largest item count among the touchpoints being compared, so volume
 * counts relative to the journey rather than in absolute terms.
 * @example frictionScore(counters, 1200).score // 0..100
 */
export function frictionScore(counters: FrictionCounters, maxItemCount: number): FrictionScore {
  const rates: Record<FrictionPart["key"], number> = {
    negative: ratio(counters.negativeCount, counters.itemCount),
    detractors: ratio(counters.detractorCount, counters.scoreCount),
    escalations: ratio(counters.escalationCount, counters.itemCount),
    repeats: ratio(counters.repeatCount, counters.itemCount),
    volume: ratio(Math.log1p(counters.itemCount), Math.log1p(maxItemCount)),
  };
  const parts = PARTS.map(({ key, label, weight, amplify }) => {
    const value = rates[key];
    const points = 100 * weight * Math.min(1, value * amplify);
    return { key, label, value, weight, points };
  });
  const score = counters.itemCount === 0 ? 0 : Math.round(parts.reduce((sum, p) => sum + p.points, 0));
  return { score, lowEvidence: counters.itemCount < MIN_CONFIDENT_ITEMS, parts };
}

/** Adds counters together (e.g. daily rollups into a period). */
export function addCounters(a: FrictionCounters, b: FrictionCounters): FrictionCounters {
  return {
    itemCount: a.itemCount + b.itemCount,
    negativeCount: a.negativeCount + b.negativeCount,
    sentimentSum: a.sentimentSum + b.sentimentSum,
    scoreSum: a.scoreSum + b.scoreSum,
    scoreCount: a.scoreCount + b.scoreCount,
    detractorCount: a.detractorCount + b.detractorCount,
    escalationCount: a.escalationCount + b.escalationCount,
    repeatCount: a.repeatCount + b.repeatCount,
  };
}

export interface SpikeResult {
  spike: boolean;
  /** Poisson z-score of the recent daily rate against the baseline daily rate. */
  z: number;
  recentPerDay: number;
  baselinePerDay: number;
}

/**
 * Flags a spike when the recent window's daily volume is far above the baseline's: a Poisson z-score ≥ `zThreshold`
 * and at least `minRecent` items, so a quiet touchpoint going from 0 to 2 is not a spike.
 */
export function detectSpike(
  recentCount: number,
  recentDays: number,
  baselineCount: number,
  baselineDays: number,
  { zThreshold = 3, minRecent = 8 } = {},
): SpikeResult {
  const recentPerDay = ratio(recentCount, recentDays);
  // Half an item over the baseline keeps a brand-new touchpoint from dividing by zero.
  const baselinePerDay = Math.max(ratio(baselineCount, baselineDays), 0.5 / Math.max(1, baselineDays));
  const expected = baselinePerDay * recentDays;
  const z = (recentCount - expected) / Math.sqrt(expected);
  return { spike: recentCount >= minRecent && z >= zThreshold, z, recentPerDay, baselinePerDay };
}
