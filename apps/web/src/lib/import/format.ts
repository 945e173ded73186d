/** @module Formatting for the sources and upload pages: sizes, durations, rates, times (en-GB, UTC). */
import type { Scale } from "./types.ts";

const LOCALE = "en-GB";
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/** 1536 → 1.5 KB */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${oneDecimal.format(value)} ${units[unit]}`;
}

/** 95 → "1 min 35 s"; `null` → "estimating…" */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "estimating…";
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${whole % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How long something took: 350 → "under a second", 95_000 → "1 min 35 s" */
export function formatDuration(ms: number): string {
  return ms < 1000 ? "under a second" : formatEta(ms / 1000);
}

/** Epoch ms → "23 Nov 2026, 14:05 UTC" */
export function formatDateTime(ms: number): string {
  return `${dateTime.format(new Date(ms))} UTC`;
}

const SCALE_OUT_OF: Partial<Record<Scale, string>> = {
  nps: "/10",
  csat5: "/5",
  csat3: "/3",
  stars5: "★ /5",
  ces7: "/7",
};

/** A score as the scale reads it: thumbs are 👍/👎 in words, the rest "4/5". */
export function formatScore(score: number | null, scale: Scale): string {
  if (score === null) return "–";
  if (scale === "thumbs") return score >= 1 ? "Good (thumbs up)" : "Bad (thumbs down)";
  const suffix = SCALE_OUT_OF[scale];
  return `${oneDecimal.format(score)}${suffix ?? ""}`;
}
