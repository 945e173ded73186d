/**
 * Did the fix work? The volume of an issue in the N days before its fix shipped against the days after, with an
 * exact test. Success is fewer tickets, not faster ones: the verdict rests on volume per day alone, and friction is
 * shown beside it so a drop in volume that left the remaining tickets angrier is visible too.
 * @module
 */
import { binomialUpperMidP, type FrictionCounters, frictionScore } from "../friction.ts";
import { addDays, type DayPeriod, daysIn, earlierDay } from "./days.ts";

/** The default comparison: four weeks each side, whole weeks so weekday rhythms cancel out. */
export const BEFORE_AFTER_DAYS = 28;
/** A change is called only when significant at this level (one-sided mid-p). */
export const BEFORE_AFTER_ALPHA = 0.05;
/** Fewer than this many days after the fix and there is nothing to judge yet. */
export const BEFORE_AFTER_MIN_DAYS = 7;

export interface FixWindows {
  before: DayPeriod & { days: number };
  /** Empty (`days: 0`) until the day after the fix. */
  after: DayPeriod & { days: number };
}

/**
 * The windows around a fix shipped on `fixDay`, seen on `today`: the `windowDays` days before the fix day, and the
 * days after it up to `windowDays` or yesterday, whichever comes first. The fix day itself belongs to neither: its
 * tickets are a mix of before and after.
 */
export function fixWindows(fixDay: string, today: string, windowDays = BEFORE_AFTER_DAYS): FixWindows {
  const before = { from: addDays(fixDay, -windowDays), to: addDays(fixDay, -1) };
  const afterFrom = addDays(fixDay, 1);
  const lastComplete = addDays(today, -1);
  const maxAfter = addDays(fixDay, windowDays);
  const afterTo = earlierDay(lastComplete, maxAfter);
  const after = { from: afterFrom, to: afterTo };
  return { before: { ...before, days: windowDays }, after: { ...after, days: daysIn(after) } };
}

/** What one side of the comparison shows. */
export interface SideFigures {
  days: number;
  itemCount: number;
  perDay: number;
  /** Summed item friction per day: volume times severity. */
  frictionPerDay: number;
  /** Mean friction of one item, in [0, 1]: how bad each ticket is. */
  frictionPerItem: number;
  /** The touchpoint's 0–100 friction score over the window (the map's six parts, without spike and volume
   * history); `null` for a theme, whose rollups do not keep every counter. */
  score: number | null;
}

export type ChangeVerdict = "fewer" | "more" | "no_clear_change" | "too_early";

export interface Comparison {
  before: SideFigures;
  after: SideFigures;
  /** After ÷ before daily volume; `null` when there was nothing before. */
  ratio: number | null;
  /** One-sided mid-p of the exact conditional test in the direction of the change; 1 when untestable. */
  pValue: number;
  verdict: ChangeVerdict;
}

/** Counters of one window: the theme reads give items and friction only, touchpoint reads give all of them. */
export interface WindowCounters {
  itemCount: number;
  frictionSum: number;
  counters?: FrictionCounters;
}

function side(days: number, c: WindowCounters): SideFigures {
  return {
    days,
    itemCount: c.itemCount,
    perDay: days > 0 ? c.itemCount / days : 0,
    frictionPerDay: days > 0 ? c.frictionSum / days : 0,
    frictionPerItem: c.itemCount > 0 ? c.frictionSum / c.itemCount : 0,
    score: c.counters ? frictionScore(c.counters).score : null,
  };
}

/**
 * Compares two windows' daily volumes by the exact conditional test for two Poisson rates (the spike test's): given
 * n = before + after items, under "same rate" the after count is Binomial(n, afterDays / (beforeDays + afterDays)).
 * @example compareWindows(28, { itemCount: 84, frictionSum: 50 }, 28, { itemCount: 28, frictionSum: 15 }).verdict // "fewer"
 */
export function compareWindows(
  beforeDays: number,
  before: WindowCounters,
  afterDays: number,
  after: WindowCounters,
  alpha = BEFORE_AFTER_ALPHA,
): Comparison {
  const figures = { before: side(beforeDays, before), after: side(afterDays, after) };
  if (afterDays < BEFORE_AFTER_MIN_DAYS || beforeDays <= 0) {
    return { ...figures, ratio: null, pValue: 1, verdict: "too_early" };
  }
  const n = before.itemCount + after.itemCount;
  const afterShare = afterDays / (beforeDays + afterDays);
  const ratio = figures.before.perDay > 0 ? figures.after.perDay / figures.before.perDay : null;
  // P(after ≥ observed) tests a rise; P(before ≥ observed) with the complementary share tests a drop.
  const pRise = binomialUpperMidP(after.itemCount, n, afterShare);
  const pDrop = binomialUpperMidP(before.itemCount, n, 1 - afterShare);
  const dropped = figures.after.perDay < figures.before.perDay;
  const pValue = n === 0 ? 1 : dropped ? pDrop : pRise;
  let verdict: ChangeVerdict = "no_clear_change";
  if (n > 0 && pValue < alpha) verdict = dropped ? "fewer" : "more";
  return { ...figures, ratio, pValue, verdict };
}

/** One subject's before/after: the theme itself, or one of the touchpoints it occurs at. */
export interface SubjectBeforeAfter extends Comparison {
  id: string;
  name: string;
}

/** A shipped fix's whole before/after, as the session shows it and freezes it. */
export interface FixBeforeAfter {
  themeId: string;
  label: string;
  fixDay: string;
  windows: FixWindows;
  theme: SubjectBeforeAfter;
  touchpoints: SubjectBeforeAfter[];
}

export interface FixCounts {
  themeId: string;
  label: string;
  fixDay: string;
  theme: { before: WindowCounters; after: WindowCounters };
  touchpoints: { id: string; name: string; before: WindowCounters; after: WindowCounters }[];
}

/** Builds the before/after of a fix from its windows' counters (read for `fixWindows(fixDay, today, windowDays)`). */
export function beforeAfter(counts: FixCounts, windows: FixWindows): FixBeforeAfter {
  const compare = (id: string, name: string, c: { before: WindowCounters; after: WindowCounters }) => ({
    id,
    name,
    ...compareWindows(windows.before.days, c.before, windows.after.days, c.after),
  });
  return {
    themeId: counts.themeId,
    label: counts.label,
    fixDay: counts.fixDay,
    windows,
    theme: compare(counts.themeId, counts.label, counts.theme),
    touchpoints: counts.touchpoints.map((t) => compare(t.id, t.name, t)),
  };
}
