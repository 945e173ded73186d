/**
 * The windows one journey-map range implies: the range itself with its sparkline buckets, the last 7 days (spike
 * window), the 8 weeks before them (spike baseline) and the 90 days before the range (volume baseline).
 * @module
 */

/** Inclusive range of UTC days, both `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export const DAY_MS = 86_400_000;
/** The spike window: the last days of the range. */
export const RECENT_DAYS = 7;
/** The spike baseline: the weeks before the spike window. */
export const SPIKE_BASELINE_DAYS = 56;
/** The volume baseline: the days before the range a touchpoint's own usual volume is taken from. */
export const VOLUME_BASELINE_DAYS = 90;
const SPARKLINE_POINTS = 13;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface RangePlan {
  from: string;
  to: string;
  days: number;
  /** First day of the spike window, and how many days it has (fewer than 7 only in a shorter range). */
  recentFrom: string;
  recentDays: number;
  /** First day of the spike baseline, which may lie before the range. */
  spikeBaselineFrom: string;
  /** First day of the volume baseline; also the first day any map query reads. */
  baselineFrom: string;
  bucketDays: number;
  bucketCount: number;
  fromMs: number;
  toExclusiveMs: number;
}

/** Validates a range and derives its windows. Throws `RangeError` on a malformed or reversed range. */
export function planRange({ from, to }: DayRange): RangePlan {
  if (!DAY_PATTERN.test(from) || !DAY_PATTERN.test(to)) throw new RangeError(`Days must be YYYY-MM-DD: ${from}..${to}`);
  const fromMs = dayMs(from);
  const toMs = dayMs(to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) throw new RangeError(`Bad range: ${from}..${to}`);
  const days = (toMs - fromMs) / DAY_MS + 1;
  // Daily points up to a month; beyond that ~13 points, which is weekly for the default 90 days.
  const bucketDays = days <= 31 ? 1 : Math.ceil(days / SPARKLINE_POINTS);
  const recentFromMs = Math.max(fromMs, toMs - (RECENT_DAYS - 1) * DAY_MS);
  return {
    from,
    to,
    days,
    recentFrom: isoDay(recentFromMs),
    recentDays: (toMs - recentFromMs) / DAY_MS + 1,
    spikeBaselineFrom: isoDay(recentFromMs - SPIKE_BASELINE_DAYS * DAY_MS),
    baselineFrom: isoDay(fromMs - VOLUME_BASELINE_DAYS * DAY_MS),
    bucketDays,
    bucketCount: Math.ceil(days / bucketDays),
    fromMs,
    toExclusiveMs: toMs + DAY_MS,
  };
}

/** Midnight UTC of a `YYYY-MM-DD` day, in epoch milliseconds. */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` up to (not including) `to`; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** A stretch of days with its item and negative counts: a sparkline point, a week of a trend. */
export interface DayBucket {
  from: string;
  to: string;
  days: number;
  itemCount: number;
  negativeCount: number;
}

/**
 * `count` empty buckets of `bucketDays` days, oldest first, the newest ending on the day `toMs`; the oldest is cut
 * at the day `fromMs`, so it may be shorter than the rest.
 */
export function emptyBuckets(fromMs: number, toMs: number, bucketDays: number, count: number): DayBucket[] {
  return Array.from({ length: count }, (_, index) => {
    const endMs = toMs - (count - 1 - index) * bucketDays * DAY_MS;
    const startMs = Math.max(fromMs, endMs - (bucketDays - 1) * DAY_MS);
    return {
      from: isoDay(startMs),
      to: isoDay(endMs),
      days: (endMs - startMs) / DAY_MS + 1,
      itemCount: 0,
      negativeCount: 0,
    };
  });
}
