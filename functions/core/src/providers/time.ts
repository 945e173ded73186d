/**
 * Provider timestamps → epoch milliseconds (UTC). Providers send ISO strings with nanoseconds, `+0200` offsets
 * without a colon, no zone at all, epoch seconds, float seconds and milliseconds.
 * @module
 */

/** How a bare number is to be read. */
export type EpochUnit = "s" | "ms";

/**
 * Parses a provider timestamp. Strings without a zone are read as UTC (never local time). Returns `undefined` for
 * anything unparseable, so callers can fall back to the receipt time explicitly.
 * @example parseProviderTime("2024-05-02 09:14:55") // Date.UTC(2024, 4, 2, 9, 14, 55)
 * @example parseProviderTime(1714641295, "s")
 */
export function parseProviderTime(value: unknown, unit: EpochUnit = "ms"): number | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? Math.round(unit === "s" ? value * 1000 : value) : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseProviderTime(Number(text), unit);
  const match =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i.exec(text);
  if (!match) {
    const fallback = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
    return Number.isNaN(fallback) ? undefined : fallback;
  }
  const [, date, hoursMinutes, seconds = "00", fraction = "", zone = "Z"] = match;
  // Keep milliseconds only: nanoseconds and microseconds would make Date.parse fail.
  const millis = fraction.padEnd(3, "0").slice(0, 3);
  const offset = zone.toUpperCase() === "Z" ? "Z" : normalizeOffset(zone);
  const parsed = Date.parse(`${date}T${hoursMinutes}:${seconds}.${millis}${offset}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(":", "");
  const hours = digits.slice(0, 2);
  const minutes = digits.slice(2, 4) || "00";
  return `${zone[0]}${hours}:${minutes}`;
}
