/** @module Rating answers whose scale is only known by its range, mapped onto the normalized scales. */
import type { EnrichedDetails } from "./types.ts";

/**
 * The named scale for a range of answers (0–10 is NPS, 1–5 CSAT or stars, 1–3 CSAT), else a custom scale with its
 * bounds. A 1–7 range stays custom: seven points are as often satisfaction as effort, and CES would guess.
 */
export function scaleForRange(min: number, max: number, stars = false): Pick<EnrichedDetails, "scale" | "scaleRange"> {
  if (min === 0 && max === 10) return { scale: "nps" };
  if (min === 1 && max === 5) return { scale: stars ? "stars5" : "csat5" };
  if (min === 1 && max === 3) return { scale: "csat3" };
  if (Number.isFinite(min) && Number.isFinite(max) && max > min) return { scale: "custom", scaleRange: { min, max } };
  return { scale: "none" };
}

/** An integer written as text ("7"), or `undefined`. */
export function integerText(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string" || !/^\s*-?\d{1,6}\s*$/.test(value)) return undefined;
  return Number(value);
}
