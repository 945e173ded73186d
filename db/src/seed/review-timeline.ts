/**
 * When the demo's review history happened, relative to the seed's `now`: last month's session on the 3rd at 09:00
 * UTC, and the fix it decided on shipped a week later. Pure, so the item generator (fewer "cannot pause" tickets
 * after the fix) and the review seed agree.
 * @module
 */
const DAY_MS = 86_400_000;

/** The share of its usual volume the fixed issue keeps after its fix: a real drop, not silence. */
export const DEMO_FIX_REMAINING = 0.2;
/** The planted issue whose fix shipped (`IssueSpec.fixShipped`). */
export const DEMO_FIXED_TOUCHPOINT_KEY = "delivery-tracking";

export interface ReviewTimeline {
  /** When last month's session started (its agenda froze). */
  startedAt: number;
  /** Midnight UTC of the day the fix shipped. */
  fixAt: number;
}

export function demoReviewTimeline(now: number): ReviewTimeline {
  const date = new Date(now);
  const startedAt = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 3, 9);
  const fixAt = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 10);
  return { startedAt, fixAt: Math.min(fixAt, now - 8 * DAY_MS) };
}
