/**
 * Where a menu's panel goes beside its trigger so that it stays wholly inside the window (see `floating.ts`).
 * @module
 */

/** Gap between the summary and the panel, and the least space kept to the window's edges (px). */
const GAP = 6;
const EDGE = 8;

/** Below this much room on either side, a panel covers its trigger rather than scroll in a sliver. */
const MIN_ROOM = 160;

/**
 * Where a `width` × `height` panel goes beside `trigger` in a `viewport`: lined up with the trigger's start or end
 * edge and moved sideways to stay inside; below the trigger, or above when only that fits; when neither fits, in the
 * roomier side with `maxHeight` (it scrolls), or over the whole window when both sides are slivers.
 */
export function placePanel(
  trigger: { top: number; bottom: number; left: number; right: number },
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
  align: "start" | "end" = "end",
): { top: number; left: number; maxHeight: number } {
  const preferred = align === "end" ? trigger.right - panel.width : trigger.left;
  const left = Math.max(EDGE, Math.min(preferred, viewport.width - EDGE - panel.width));
  const below = trigger.bottom + GAP;
  const roomBelow = viewport.height - EDGE - below;
  const roomAbove = trigger.top - GAP - EDGE;
  if (panel.height <= roomBelow) return { top: below, left, maxHeight: roomBelow };
  if (panel.height <= roomAbove) return { top: trigger.top - GAP - panel.height, left, maxHeight: roomAbove };
  // Fits on neither side: scroll inside the roomier one, or over the whole window when both are slivers.
  if (Math.max(roomBelow, roomAbove) < MIN_ROOM) return { top: EDGE, left, maxHeight: viewport.height - 2 * EDGE };
  return roomBelow >= roomAbove
    ? { top: below, left, maxHeight: roomBelow }
    : { top: EDGE, left, maxHeight: roomAbove };
}
