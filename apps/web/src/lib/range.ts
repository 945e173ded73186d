/**
 * The date range a view covers, read from and written to the URL (`?from=YYYY-MM-DD&to=YYYY-MM-DD`) so any view can
 * be bookmarked. Days are UTC, matching `daily_rollups.day`.
 * @module
 */
import { formatRange } from "./format";

export interface DayRange {
  from: string;
  to: string;
}

export interface RangePreset {
  label: string;
  days: number;
  range: DayRange;
}

export const DEFAULT_RANGE_DAYS = 90;
/** Long enough for a year-over-year look, short enough to keep one grouped rollup query cheap. */
export const MAX_RANGE_DAYS = 731;
const PRESET_DAYS = [30, 90, 180, 365];
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Today as a UTC day. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The `days`-long range ending on `to` (inclusive). */
export function lastDays(days: number, to: string): DayRange {
  return { from: shiftDay(to, -(days - 1)), to };
}

/**
 * Reads `from`/`to` from a query string. Missing or malformed values fall back to the last 90 days ending today;
 * reversed bounds are swapped and overly long ranges are cut to `MAX_RANGE_DAYS` ending on `to`.
 */
export function rangeFromSearch(search: URLSearchParams, today = todayUtc()): DayRange & { days: number } {
  let to = parseDay(search.get("to")) ?? today;
  let from = parseDay(search.get("from")) ?? shiftDay(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  if (daysBetween(from, to) > MAX_RANGE_DAYS) from = shiftDay(to, -(MAX_RANGE_DAYS - 1));
  return { from, to, days: daysBetween(from, to) };
}

/** Quick picks that end today. */
export function rangePresets(today = todayUtc()): RangePreset[] {
  return PRESET_DAYS.map((days) => ({ label: `${days}d`, days, range: lastDays(days, today) }));
}

/** `?from=…&to=…`, for links that keep the current range. */
export function rangeQuery(range: DayRange): string {
  return `?${new URLSearchParams({ from: range.from, to: range.to })}`;
}

/** Inclusive number of days in a range. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

function parseDay(value: string | null): string | null {
  if (!value || !DAY_PATTERN.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Rejects impossible dates such as 2026-02-31, which Date would roll over.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : value;
}

/** The range in a sentence, for reasons that quote its numbers: "in the last 90 days", or "in 1 Aug – 3 Sep 2026". */
export function periodOf(range: DayRange, today = todayUtc()): string {
  if (range.to === today) return `in the last ${daysBetween(range.from, range.to)} days`;
  return `in ${formatRange(range.from, range.to)}`;
}
