/**
 * Display formatting shared by the pages. Fixed to en-GB for now so server and browser render the same text.
 * @module
 */

const LOCALE = "en-GB";
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const preciseDay = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const shortDay = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", timeZone: "UTC" });

/** 12,345 */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 12.3K; for tight spaces. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** 0.237 → 24% */
export function formatPercent(share: number): string {
  return percent.format(share);
}

/** −0.32 / +0.10, with a real minus sign; an en dash when there is no value. */
export function formatSentiment(value: number | null): string {
  if (value === null) return "–";
  const fixed = Math.abs(value).toFixed(2);
  if (fixed === "0.00") return "0.00";
  return `${value < 0 ? "−" : "+"}${fixed}`;
}

/** Words for a mean sentiment in [-1, 1]. */
export function sentimentWord(value: number | null): string {
  if (value === null) return "no data";
  if (value <= -0.35) return "very negative";
  if (value < -0.05) return "negative";
  if (value <= 0.05) return "neutral";
  if (value < 0.35) return "positive";
  return "very positive";
}

/** 2026-11-23 → 23 Nov 2026 */
export function formatDay(day: string): string {
  return preciseDay.format(new Date(`${day}T00:00:00Z`));
}

/** 2026-11-23 → 23 Nov */
export function formatShortDay(day: string): string {
  return shortDay.format(new Date(`${day}T00:00:00Z`));
}

/** Epoch milliseconds → 23 Nov 2026 */
export function formatTimestamp(ms: number): string {
  return preciseDay.format(new Date(ms));
}

/** 26 Aug – 23 Nov 2026 */
export function formatRange(from: string, to: string): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${sameYear ? formatShortDay(from) : formatDay(from)} – ${formatDay(to)}`;
}

const CHANNEL_LABELS: Record<string, string> = { sms: "SMS", ivr: "IVR", app: "App", email: "Email", web: "Web" };

/** sms → SMS, chat → Chat */
export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel.charAt(0).toUpperCase() + channel.slice(1);
}
