/**
 * Touchpoint friction: a 0–100 score built from counters that explains itself part by part ("why flagged").
 *
 * Six parts, each a measured value turned into points by `100 × weight × intensity`, where intensity is the value's
 * share of the level at which the part earns all its points (`FRICTION_PARTS[key].fullAt`):
 *
 * | part | value | full points at | weight |
 * |---|---|---|---|
 * | negative | share of items read as negative | 100% | 0.30 |
 * | lowScores | share of scored responses that are low scores (`isDetractor`) | 100% | 0.25 |
 * | repeats | share of items that are repeat contacts | 33% | 0.15 |
 * | escalations | share of items on which an escalation rule fired | 20% | 0.10 |
 * | spike | last 7 days' daily rate ÷ the 8 weeks before; points only when significant | 3× | 0.10 |
 * | volume | the range's daily rate ÷ the touchpoint's own rate before the range, shrunk toward 1× | 3× | 0.10 |
 *
 * The weights sum to 1. Shares carry most of the weight because they say how bad the experience is; the two rate
 * ratios say whether it is getting worse, and only a rise earns points. Escalations and repeats are rare next to
 * negative comments, so they saturate early.
 *
 * Scores are shown however few items there are; instead of a minimum volume, `lowSample` warns when the 95% Wilson
 * interval on the negative share is wider than 30 points.
 * @module
 */

/** Counters for one touchpoint over a period, as summed from daily rollups. */
export interface FrictionCounters {
  itemCount: number;
  negativeCount: number;
  sentimentSum: number;
  scoreSum: number;
  scoreCount: number;
  /** Low scores (see `isDetractor`); the rollup column keeps its historical name. */
  detractorCount: number;
  escalationCount: number;
  repeatCount: number;
}

export type FrictionPartKey = "negative" | "lowScores" | "repeats" | "escalations" | "spike" | "volume";

export interface FrictionPart {
  key: FrictionPartKey;
  label: string;
  /**
   * What was measured: a share in [0, 1] (`unit: "share"`) or a ratio of daily rates (`unit: "ratio"`, 1 = as
   * usual); `null` when it cannot be measured (no scored responses, no history to compare with).
   */
  value: number | null;
  unit: "share" | "ratio";
  weight: number;
  /** Points this part adds to the 0–100 score, at most `100 × weight`. */
  points: number;
  /** Plain language: what was counted, against what, and how it became points. */
  explanation: string;
}

/** The score rests on few items: how few, and how wide the uncertainty on the negative share is. */
export interface LowSampleWarning {
  message: string;
  sampleSize: number;
  /** 95% Wilson interval on the negative share. */
  negativeShareInterval: { low: number; high: number };
}

export interface FrictionScore {
  /** 0–100, the rounded sum of the parts' points; 0 without items. */
  score: number;
  parts: FrictionPart[];
  /** Set when the sample is too small to trust the shares; the score is still shown. */
  lowSample: LowSampleWarning | null;
}

/** A touchpoint's volume in the scored range against its own history before the range. */
export interface VolumeHistory {
  rangeDays: number;
  /** Items in the baseline period before the range. */
  baselineCount: number;
  /** Days of the baseline period that had data flowing; 0 when there is no history to compare with. */
  baselineDays: number;
}

/** What the score needs beyond the range's counters. Without it, the spike and volume parts earn nothing. */
export interface FrictionContext {
  volume?: VolumeHistory;
  spike?: SpikeResult;
}

export interface SpikeResult {
  /** The recent rate is significantly above the baseline (mid-p < `alpha`) on at least `minRecent` items. */
  spike: boolean;
  /** One-sided mid-p of the exact conditional test; 1 when there is nothing to test. */
  pValue: number;
  /** Recent daily rate ÷ baseline daily rate (an empty baseline counts as half an item); `null` without history. */
  rateRatio: number | null;
  recentCount: number;
  recentDays: number;
  baselineCount: number;
  baselineDays: number;
  recentPerDay: number;
  baselinePerDay: number;
}

/** The parts in display order, with their weights (summing to 1) and where each earns its full points. */
export const FRICTION_PARTS: readonly { key: FrictionPartKey; label: string; weight: number; fullAt: number }[] = [
  { key: "negative", label: "Negative feedback share", weight: 0.3, fullAt: 1 },
  { key: "lowScores", label: "Low scores", weight: 0.25, fullAt: 1 },
  { key: "repeats", label: "Repeat contacts", weight: 0.15, fullAt: 1 / 3 },
  { key: "escalations", label: "Escalations", weight: 0.1, fullAt: 0.2 },
  { key: "spike", label: "Spike in the last 7 days", weight: 0.1, fullAt: 3 },
  { key: "volume", label: "Volume against its own baseline", weight: 0.1, fullAt: 3 },
];

/** Pseudo-items at the baseline rate added to both sides of the volume ratio, so a handful of items cannot swing it. */
export const VOLUME_SHRINK_ITEMS = 5;
/** Spike significance: one-sided mid-p below this. */
export const SPIKE_ALPHA = 0.01;
/** A spike needs at least this many items in the recent window, however significant: 3 items after a silent
 * quarter are statistically surprising but not worth a badge. */
export const SPIKE_MIN_RECENT = 5;
/** The low-sample warning fires when the 95% interval on the negative share is wider than this. */
export const LOW_SAMPLE_MAX_INTERVAL = 0.3;

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
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const pct = (share: number) => `${Math.round(share * 100)}%`;
const perDay = (rate: number) => `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/day`;
const times = (r: number) => `${r < 10 ? r.toFixed(1) : Math.round(r)}×`;
const counts = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const num = (n: number) => counts.format(n);
const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

/**
 * Scores one touchpoint: its counters over the range plus, in `context`, its volume history and spike test.
 * Pure and allocation-light: 800 touchpoints score in well under a millisecond each.
 * @example frictionScore(counters, { volume: { rangeDays: 90, baselineCount: 300, baselineDays: 90 }, spike }).score
 */
export function frictionScore(counters: FrictionCounters, context: FrictionContext = {}): FrictionScore {
  const parts = FRICTION_PARTS.map((part) => {
    const measured = measure(part.key, counters, context);
    const points = 100 * part.weight * measured.intensity;
    return {
      key: part.key,
      label: part.label,
      value: measured.value,
      unit: measured.unit,
      weight: part.weight,
      points,
      explanation: `${measured.explanation} ${pointsSentence(points, part.weight)}`,
    };
  });
  const score = counters.itemCount === 0 ? 0 : Math.round(parts.reduce((sum, p) => sum + p.points, 0));
  return { score, parts, lowSample: lowSampleWarning(counters.negativeCount, counters.itemCount) };
}

interface Measured {
  value: number | null;
  unit: "share" | "ratio";
  /** In [0, 1]: the share of the part's full points earned. */
  intensity: number;
  explanation: string;
}

function measure(key: FrictionPartKey, c: FrictionCounters, context: FrictionContext): Measured {
  const fullAt = FRICTION_PARTS.find((p) => p.key === key)?.fullAt ?? 1;
  switch (key) {
    case "negative":
      return shareOf(c.negativeCount, c.itemCount, fullAt, "items read as negative", "No feedback in the range.");
    case "lowScores":
      return shareOf(
        c.detractorCount,
        c.scoreCount,
        fullAt,
        "scored responses were low scores (NPS 0–6, CSAT or stars 1–2, 3-point CSAT 1, CES 1–3, thumbs down)",
        "No scored responses in the range.",
      );
    case "repeats":
      return shareOf(
        c.repeatCount,
        c.itemCount,
        fullAt,
        "items were repeat contacts: the same customer coming back about the same issue",
        "No feedback in the range.",
      );
    case "escalations":
      return shareOf(
        c.escalationCount,
        c.itemCount,
        fullAt,
        "items triggered an escalation rule (legal threats, cancellations, safety and the like)",
        "No feedback in the range.",
      );
    case "spike":
      return spikePart(context.spike, fullAt);
    case "volume":
      return volumePart(context.volume, c.itemCount, fullAt);
  }
}

function shareOf(part: number, whole: number, fullAt: number, what: string, none: string): Measured {
  if (whole === 0) return { value: null, unit: "share", intensity: 0, explanation: none };
  const share = part / whole;
  const saturation = fullAt < 1 ? ` Full points at ${pct(fullAt)}.` : "";
  return {
    value: share,
    unit: "share",
    intensity: clamp01(share / fullAt),
    explanation: `${num(part)} of ${num(whole)} ${what} (${pct(share)}).${saturation}`,
  };
}

/** Ratios earn points for the rise above 1×, linearly up to `fullAt`. */
const riseIntensity = (rateRatio: number, fullAt: number) => clamp01((rateRatio - 1) / (fullAt - 1));

function spikePart(spike: SpikeResult | undefined, fullAt: number): Measured {
  if (!spike || spike.rateRatio === null) {
    return {
      value: null,
      unit: "ratio",
      intensity: 0,
      explanation: "No feedback in the 8 weeks before the last 7 days to compare with.",
    };
  }
  const compared = `Last ${plural(spike.recentDays, "day", "days")}: ${plural(spike.recentCount, "item", "items")} (${perDay(spike.recentPerDay)}) against ${perDay(spike.baselinePerDay)} over the ${spike.baselineDays} days before (${times(spike.rateRatio)}).`;
  const test = `Exact Poisson test, one-sided mid-p ${formatP(spike.pValue)}`;
  if (!spike.spike) {
    const why =
      spike.pValue < SPIKE_ALPHA
        ? `significant but fewer than ${SPIKE_MIN_RECENT} recent items`
        : `not significant at ${SPIKE_ALPHA}`;
    return { value: spike.rateRatio, unit: "ratio", intensity: 0, explanation: `${compared} ${test}: ${why}.` };
  }
  return {
    value: spike.rateRatio,
    unit: "ratio",
    intensity: riseIntensity(spike.rateRatio, fullAt),
    explanation: `${compared} ${test}: a significant spike. Full points at ${times(fullAt)}.`,
  };
}

function volumePart(volume: VolumeHistory | undefined, rangeCount: number, fullAt: number): Measured {
  if (!volume || volume.baselineDays <= 0 || volume.rangeDays <= 0) {
    return {
      value: null,
      unit: "ratio",
      intensity: 0,
      explanation: "No feedback before the range to compare this touchpoint's volume with.",
    };
  }
  const baselinePerDay = volume.baselineCount / volume.baselineDays;
  const expected = baselinePerDay * volume.rangeDays;
  // Shrinking toward 1× with a few pseudo-items keeps 2 items after an empty baseline from reading as a surge.
  const shrunk = (rangeCount + VOLUME_SHRINK_ITEMS) / (expected + VOLUME_SHRINK_ITEMS);
  return {
    value: shrunk,
    unit: "ratio",
    intensity: riseIntensity(shrunk, fullAt),
    explanation:
      `${perDay(rangeCount / volume.rangeDays)} in the range against ${perDay(baselinePerDay)} over the ` +
      `${volume.baselineDays} days before it: ${times(shrunk)} its own usual volume (steadied by ` +
      `${VOLUME_SHRINK_ITEMS} items at the usual rate). Only a rise counts; full points at ${times(fullAt)}.`,
  };
}

function pointsSentence(points: number, weight: number): string {
  return `${points.toFixed(1)} of ${Math.round(weight * 100)} points.`;
}

function formatP(p: number): string {
  if (p < 0.0001) return "< 0.0001";
  return p < 0.01 ? p.toPrecision(2) : p.toFixed(2);
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

/** 95% Wilson score interval for `successes` out of `trials`; [0, 1] without trials. */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): { low: number; high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The low-sample warning for a negative share of `negativeCount / itemCount`, or `null` when the sample suffices. */
export function lowSampleWarning(negativeCount: number, itemCount: number): LowSampleWarning | null {
  const interval = wilsonInterval(negativeCount, itemCount);
  if (interval.high - interval.low <= LOW_SAMPLE_MAX_INTERVAL) return null;
  const message =
    itemCount === 0
      ? "No feedback in the range: there is nothing to score."
      : `Only ${plural(itemCount, "item", "items")}: the negative share of ${pct(negativeCount / itemCount)} could ` +
        `plausibly be anywhere from ${pct(interval.low)} to ${pct(interval.high)}. Read the score as a hint.`;
  return { message, sampleSize: itemCount, negativeShareInterval: interval };
}

/**
 * Compares the recent window's daily volume with the baseline's. The test is the exact conditional test for two
 * Poisson rates: given `n = recent + baseline` items, under "same rate" the recent count is
 * Binomial(n, recentDays / (recentDays + baselineDays)); the one-sided mid-p value (P(X > x) + ½·P(X = x)) is less
 * conservative than the plain exact p on small counts and needs no normal approximation. An empty baseline is
 * handled by the test itself; `baselineDays = 0` (no history) gives p = 1 and no ratio.
 * @example detectSpike(40, 7, 60, 56).spike // true: 5.7/day against 1.1/day
 */
export function detectSpike(
  recentCount: number,
  recentDays: number,
  baselineCount: number,
  baselineDays: number,
  { alpha = SPIKE_ALPHA, minRecent = SPIKE_MIN_RECENT } = {},
): SpikeResult {
  const recentPerDay = ratio(recentCount, recentDays);
  const baselinePerDay = ratio(baselineCount, baselineDays);
  const base = { recentCount, recentDays, baselineCount, baselineDays, recentPerDay, baselinePerDay };
  if (baselineDays <= 0 || recentDays <= 0) return { ...base, spike: false, pValue: 1, rateRatio: null };
  // Half an item keeps a touchpoint that was silent before from dividing by zero.
  const rateRatio = recentPerDay / (Math.max(baselineCount, 0.5) / baselineDays);
  const pValue = binomialUpperMidP(recentCount, recentCount + baselineCount, recentDays / (recentDays + baselineDays));
  return { ...base, spike: pValue < alpha && recentCount >= minRecent, pValue, rateRatio };
}

/**
 * One-sided mid-p, P(X > x) + ½·P(X = x) for X ~ Binomial(n, p). Sums the probability mass from x outward in
 * whichever direction is shorter and stops once terms no longer matter, so n in the tens of thousands costs a few
 * hundred steps.
 */
export function binomialUpperMidP(x: number, n: number, p: number): number {
  if (n <= 0 || x < 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return x === 0 ? 0.5 : 0;
  if (p >= 1) return x === n ? 0.5 : 1;
  const q = 1 - p;
  const atX = Math.exp(logChoose(n, x) + x * Math.log(p) + (n - x) * Math.log(q));
  if (x >= n * p) {
    // The upper tail beyond x is the short side.
    let term = atX;
    let above = 0;
    for (let k = x; k < n; k++) {
      term *= ((n - k) / (k + 1)) * (p / q);
      above += term;
      if (term === 0 || term < above * 1e-17) break;
    }
    return Math.min(1, above + atX / 2);
  }
  let term = atX;
  let below = 0;
  for (let k = x; k > 0; k--) {
    term *= (k / (n - k + 1)) * (q / p);
    below += term;
    if (term === 0 || term < below * 1e-17) break;
  }
  // P(X > x) = 1 − P(X < x) − P(X = x).
  return Math.max(0, Math.min(1, 1 - below - atX / 2));
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z ≥ 0.5 (Lanczos, g = 7): about 15 significant digits. */
function logGamma(z: number): number {
  const x = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
