/**
 * Time for the demo: Copenhagen local time without `Intl` (deterministic and fast), the weekly and daily rhythm of
 * feedback, and a sampler that spreads items over the window with that rhythm and a gentle upward trend.
 * @module
 */

import type { Random } from "../../../functions/core/src/random.ts";
import type { Language } from "./content-types.ts";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface TimeWindow {
  start: number;
  end: number;
}

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday, as `Date#getUTCDay`. */
  weekday: number;
  hour: number;
  minute: number;
}

/** Epoch ms of the last Sunday of `month` (0-based) at 01:00 UTC, when EU clocks change. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
}

/** Copenhagen's UTC offset at `t`: CET (+1h), or CEST (+2h) between the EU clock changes. */
export function copenhagenOffsetMs(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const summer = t >= lastSundayAt1Utc(year, 2) && t < lastSundayAt1Utc(year, 9);
  return summer ? 2 * HOUR_MS : HOUR_MS;
}

/** Wall-clock parts of `t` in Copenhagen. */
export function localParts(t: number): LocalParts {
  const local = new Date(t + copenhagenOffsetMs(t));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  da: [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
  ],
  de: [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ],
};

const WEEKDAYS: Readonly<Record<Language, readonly string[]>> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  da: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
  de: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
};

export const monthName = (month: number, language: Language) => MONTHS[language][(month + 11) % 12] as string;
export const weekdayName = (weekday: number, language: Language) => WEEKDAYS[language][weekday % 7] as string;

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * A date the way customers write it: ISO (`2026-10-03`) or spelled out in English, `03.10.2026` or `3. oktober` in
 * Danish and German. The numeric forms are what redaction must leave alone.
 */
export function formatDate(t: number, language: Language, random: Random): string {
  const { year, month, day } = localParts(t);
  const numeric = random.chance(0.5);
  if (language === "en") return numeric ? `${year}-${pad2(month)}-${pad2(day)}` : `${day} ${monthName(month, "en")}`;
  return numeric ? `${pad2(day)}.${pad2(month)}.${year}` : `${day}. ${monthName(month, language)}`;
}

/** A clock time: `14:32`, or `14.32` as Danes write it. */
export function formatClock(hour: number, minute: number, language: Language): string {
  return `${pad2(hour)}${language === "da" ? "." : ":"}${pad2(minute)}`;
}

/** Fewer contacts at the weekend; Monday catches up on the weekend's problems. Index 0 = Sunday. */
const WEEKDAY_WEIGHT = [0.6, 1.2, 1.1, 1.05, 1, 0.9, 0.55];
/** Quiet nights, busy office hours and a second peak after dinner, when people read email and write reviews. */
const HOUR_WEIGHT = [
  0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 1, 1, 1, 1, 1, 1, 0.95, 0.9, 0.9, 1, 1, 0.9, 0.6, 0.3,
];
const MAX_RHYTHM = 1.2;
/** Volume grows ~35% over the window: the business is growing. */
const TREND_FROM = 0.85;
const TREND_TO = 1.15;

/** Relative likelihood of feedback at `t`: weekday × hour of day × trend. */
export function activityWeight(t: number, window: TimeWindow): number {
  const { weekday, hour } = localParts(t);
  const progress = (t - window.start) / (window.end - window.start);
  const trend = TREND_FROM + (TREND_TO - TREND_FROM) * progress;
  return (WEEKDAY_WEIGHT[weekday] as number) * (HOUR_WEIGHT[hour] as number) * trend;
}

export interface TimeSampler {
  /**
   * A moment in `[window.start, window.end)` drawn with the activity rhythm, times `boost(t)` (at most `maxBoost`),
   * which is how a spike is planted.
   */
  sample(random: Random, boost?: (t: number) => number, maxBoost?: number): number;
}

/**
 * A sampler for `window`. The rhythm is tabulated per clock hour once (Copenhagen's offset is whole hours, so UTC
 * hour buckets are local hour buckets); each draw is then rejection sampling against the table, a few tries per item.
 */
export function createTimeSampler(window: TimeWindow): TimeSampler {
  const firstHour = Math.floor(window.start / HOUR_MS) * HOUR_MS;
  const hours = Math.ceil((window.end - firstHour) / HOUR_MS);
  const weights = new Float64Array(hours);
  for (let h = 0; h < hours; h++) weights[h] = activityWeight(Math.max(window.start, firstHour + h * HOUR_MS), window);
  const span = window.end - window.start;
  return {
    sample(random, boost = () => 1, maxBoost = 1) {
      const ceiling = MAX_RHYTHM * TREND_TO * maxBoost;
      for (;;) {
        const t = window.start + Math.floor(random.next() * span);
        const rhythm = weights[Math.floor((t - firstHour) / HOUR_MS)] as number;
        if (random.next() * ceiling < rhythm * boost(t)) return t;
      }
    },
  };
}

/** True when `t` falls in waking hours in Copenhagen, for follow-up contacts that must look human. */
export function isWakingHour(t: number): boolean {
  const { hour } = localParts(t);
  return hour >= 7 && hour <= 22;
}
