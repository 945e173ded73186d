/**
 * Places an item on a journey touchpoint. Today: the sender's explicit hint (a touchpoint id or key), then the
 * source's default touchpoint, else `unassigned`. User rules and the learned fallback slot in between.
 * @module
 */

export interface TouchpointRef {
  id: string;
  key: string;
}

export interface TouchpointIndex {
  byId: ReadonlyMap<string, TouchpointRef>;
  byKey: ReadonlyMap<string, TouchpointRef>;
}

export interface Placement {
  touchpointId: string | null;
  method: "hint" | "default" | "unassigned";
  confidence: number;
}

export function indexTouchpoints(touchpoints: readonly TouchpointRef[]): TouchpointIndex {
  return {
    byId: new Map(touchpoints.map((t) => [t.id, t])),
    byKey: new Map(touchpoints.map((t) => [t.key.toLowerCase(), t])),
  };
}

export function placeOnTouchpoint(
  hint: string | undefined,
  defaultTouchpointId: string | null | undefined,
  index: TouchpointIndex,
): Placement {
  if (hint) {
    const match = index.byId.get(hint) ?? index.byKey.get(hint.trim().toLowerCase());
    if (match) return { touchpointId: match.id, method: "hint", confidence: 1 };
  }
  if (defaultTouchpointId && index.byId.has(defaultTouchpointId)) {
    return { touchpointId: defaultTouchpointId, method: "default", confidence: 0.6 };
  }
  return { touchpointId: null, method: "unassigned", confidence: 0 };
}
