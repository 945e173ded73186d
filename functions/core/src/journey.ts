/**
 * Journey editing vocabulary and rules that need no database: the channel list, stable touchpoint keys, dense
 * reordering, and the current-vs-future comparison. Free of zod, so the web app's browser code can import it cheaply.
 * @module
 */

/** The channels a touchpoint can be on, with their labels, in the order the editor offers them. */
export const TOUCHPOINT_CHANNELS = {
  web: "Web",
  app: "App",
  email: "Email",
  phone: "Phone",
  chat: "Chat",
  sms: "SMS",
  social: "Social",
  store: "Store",
  survey: "Survey",
  post: "Post",
  other: "Other",
} as const;

export type TouchpointChannel = keyof typeof TOUCHPOINT_CHANNELS;

/** The label of a stored channel; channels from before the fixed list show as they are. */
export function channelLabel(channel: string): string {
  return (TOUCHPOINT_CHANNELS as Record<string, string>)[channel] ?? channel;
}

const KEY_MAX = 48;

/** Letters that Unicode does not decompose into a base letter plus accent. */
const FOLD: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", þ: "th" };

/**
 * A touchpoint key from its name: lowercase ASCII words joined by `-` (accents dropped), at most 48 characters.
 * @example slugify("Checkout – Payment") // "checkout-payment"
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[øæœßłđþ]/g, (letter) => FOLD[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, KEY_MAX)
    .replace(/-+$/, "");
  return slug || "touchpoint";
}

/**
 * `base`, or `base-2`, `base-3`, … : the first that is not `taken`. The suffix never pushes a key past 48 characters.
 * @example uniqueKey("checkout", new Set(["checkout"])) // "checkout-2"
 */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, KEY_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * `ids` with `id` moved to `index` (clamped to the list); an `id` not in the list is inserted there.
 * @example moveTo(["a", "b", "c"], "c", 0) // ["c", "a", "b"]
 */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const at = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** What the comparison needs of a touchpoint. */
export interface CompareTouchpoint {
  id: string;
  name: string;
  stageId: string;
  channel: string;
  isHumanMoment: boolean;
  humanMomentReason: string | null;
  /** Only on the future side: the current touchpoint it was copied from. */
  basedOnTouchpointId?: string | null;
}

/** What the comparison needs of a stage (touchpoints in order). */
export interface CompareStage<T extends CompareTouchpoint = CompareTouchpoint> {
  id: string;
  name: string;
  /** Only on the future side: the current stage it was copied from. */
  basedOnStageId?: string | null;
  touchpoints: T[];
}

export type TouchpointChange = "added" | "removed" | "moved" | "renamed" | "human-moment";

export interface ComparedTouchpoint<T extends CompareTouchpoint> {
  current: T | null;
  future: T | null;
  /** The future stage's name when the touchpoint moved to another stage. */
  movedTo: string | null;
  changes: TouchpointChange[];
}

export interface ComparedStage<T extends CompareTouchpoint> {
  current: { id: string; name: string } | null;
  future: { id: string; name: string } | null;
  status: "same" | "renamed" | "added" | "removed";
  touchpoints: ComparedTouchpoint<T>[];
}

/**
 * Current and future state side by side. Touchpoints and stages are matched by the copy's origin; rows follow the
 * current journey's order, and what exists only in the future comes after its stage's matched rows (or in a stage
 * of its own). A touchpoint counts as moved when it sits in another stage, or when it is one of the fewest
 * touchpoints whose moving explains the stage's new order (so one card dragged up is one move, not a shifted stage).
 */
export function compareJourneys<T extends CompareTouchpoint>(
  current: readonly CompareStage<T>[],
  future: readonly CompareStage<T>[],
): ComparedStage<T>[] {
  const futureStageByOrigin = new Map(future.filter((s) => s.basedOnStageId).map((s) => [s.basedOnStageId, s]));
  const futureTouchpoints = future.flatMap((s) =>
    s.touchpoints.map((t, index) => ({ touchpoint: t, index, stage: s })),
  );
  const futureByOrigin = new Map(
    futureTouchpoints.filter((f) => f.touchpoint.basedOnTouchpointId).map((f) => [f.touchpoint.basedOnTouchpointId, f]),
  );
  const matchedFuture = new Set<string>();
  const rows: ComparedStage<T>[] = current.map((stage) => {
    const futureStage = futureStageByOrigin.get(stage.id) ?? null;
    const reordered = reorderedWithin(stage, futureByOrigin);
    const touchpoints = stage.touchpoints.map((touchpoint): ComparedTouchpoint<T> => {
      const copy = futureByOrigin.get(touchpoint.id);
      if (!copy) return { current: touchpoint, future: null, movedTo: null, changes: ["removed"] };
      matchedFuture.add(copy.touchpoint.id);
      const otherStage = copy.stage.basedOnStageId !== stage.id;
      const changes: TouchpointChange[] = [];
      if (otherStage || reordered.has(touchpoint.id)) changes.push("moved");
      if (copy.touchpoint.name !== touchpoint.name) changes.push("renamed");
      if (
        copy.touchpoint.isHumanMoment !== touchpoint.isHumanMoment ||
        (copy.touchpoint.humanMomentReason ?? "") !== (touchpoint.humanMomentReason ?? "")
      ) {
        changes.push("human-moment");
      }
      return { current: touchpoint, future: copy.touchpoint, movedTo: otherStage ? copy.stage.name : null, changes };
    });
    const status = !futureStage ? "removed" : futureStage.name === stage.name ? "same" : "renamed";
    return {
      current: { id: stage.id, name: stage.name },
      future: futureStage && { id: futureStage.id, name: futureStage.name },
      status,
      touchpoints,
    };
  });
  for (const stage of future) {
    const added = stage.touchpoints
      .filter((t) => !matchedFuture.has(t.id))
      .map((t): ComparedTouchpoint<T> => ({ current: null, future: t, movedTo: null, changes: ["added"] }));
    const row = rows.find((r) => r.future?.id === stage.id);
    if (row) row.touchpoints.push(...added);
    else rows.push({ current: null, future: { id: stage.id, name: stage.name }, status: "added", touchpoints: added });
  }
  return rows;
}

/**
 * The touchpoints of a current stage that changed place among those still in its copy: all but a longest run that
 * kept its relative order.
 */
function reorderedWithin(
  stage: CompareStage,
  futureByOrigin: ReadonlyMap<string | null | undefined, { index: number; stage: CompareStage }>,
): Set<string> {
  const kept = stage.touchpoints
    .map((t, rank) => ({ id: t.id, rank, copy: futureByOrigin.get(t.id) }))
    .filter((t) => t.copy && t.copy.stage.basedOnStageId === stage.id)
    .sort((a, b) => (a.copy?.index ?? 0) - (b.copy?.index ?? 0));
  // Longest increasing subsequence of the current ranks, in future order (quadratic: stages are small).
  const length = kept.map(() => 1);
  const previous = kept.map(() => -1);
  for (let i = 0; i < kept.length; i++) {
    for (let j = 0; j < i; j++) {
      if ((kept[j]?.rank ?? 0) < (kept[i]?.rank ?? 0) && (length[j] ?? 0) + 1 > (length[i] ?? 0)) {
        length[i] = (length[j] ?? 0) + 1;
        previous[i] = j;
      }
    }
  }
  const stayed = new Set<string>();
  let at = length.indexOf(Math.max(0, ...length));
  while (at >= 0) {
    stayed.add(kept[at]?.id ?? "");
    at = previous[at] ?? -1;
  }
  return new Set(kept.filter((t) => !stayed.has(t.id)).map((t) => t.id));
}
