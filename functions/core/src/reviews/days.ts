/**
 * UTC calendar days for review sessions: the default period (the previous calendar month) and day arithmetic on
 * `YYYY-MM-DD` strings, so sessions, windows and tests never depend on the machine's time zone.
 * @module
 */

export const DAY_MS = 86_400_000;

/** Inclusive range of UTC days, both `YYYY-MM-DD`. */
export interface DayPeriod {
  from: string;
  to: string;
}

/** The UTC day of an instant. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in epoch ms. */
export function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return dayOf(startOfDay(day) + days * DAY_MS);
}

/** Days from `from` to `to` inclusive (0 when `to` is before `from`). */
export function daysIn({ from, to }: DayPeriod): number {
  return Math.max(0, Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS) + 1);
}

/**
 * The period a session reviews unless told otherwise: the previous calendar month, because the ritual is monthly and
 * a whole month compares like with like from one session to the next.
 * @example defaultPeriod(Date.parse("2026-11-24T10:00:00Z")) // { from: "2026-10-01", to: "2026-10-31" }
 */
export function defaultPeriod(now: number): DayPeriod {
  const date = new Date(now);
  const firstOfThisMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const lastOfPrevious = firstOfThisMonth - DAY_MS;
  const previous = new Date(lastOfPrevious);
  return { from: dayOf(Date.UTC(previous.getUTCFullYear(), previous.getUTCMonth(), 1)), to: dayOf(lastOfPrevious) };
}

/** The period of the same length ending the day before `period` starts: what "worse" compares with when there is no
 * earlier session. */
export function precedingPeriod(period: DayPeriod): DayPeriod {
  const length = daysIn(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** A readable title for a session over `period`: the month's name when it is one whole calendar month. */
export function sessionTitle(period: DayPeriod): string {
  const from = new Date(startOfDay(period.from));
  const to = new Date(startOfDay(period.to));
  const wholeMonth =
    from.getUTCDate() === 1 &&
    from.getUTCMonth() === to.getUTCMonth() &&
    from.getUTCFullYear() === to.getUTCFullYear() &&
    new Date(startOfDay(period.to) + DAY_MS).getUTCDate() === 1;
  const month = (d: Date) => d.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return wholeMonth ? `${month(from)} review` : `Review ${period.from} – ${period.to}`;
}

/** The earlier of two days (ISO days sort as text). */
export function earlierDay(a: string, b: string): string {
  return [a, b].sort()[0] as string;
}

/** The later of two days. */
export function laterDay(a: string, b: string): string {
  return [a, b].sort()[1] as string;
}
