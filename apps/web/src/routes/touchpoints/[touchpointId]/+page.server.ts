import {
  HUMAN_MOMENT_OWNER_MAX,
  HUMAN_MOMENT_REASON_MAX,
  HUMAN_MOMENT_REASON_MIN,
  newId,
  suggestHumanMoment,
} from "@firebreak/core";
import * as humanMoments from "@firebreak/db/queries/human-moments";
import { getTouchpointDetail } from "@firebreak/db/queries/map";
import * as placement from "@firebreak/db/queries/placement";
import * as themes from "@firebreak/db/queries/themes";
import { error, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { periodOf, rangeFromSearch } from "$lib/range";
import { actorLabels } from "$lib/server/actors";
import { dbFrom } from "$lib/server/db";
import { formAction, listOf } from "$lib/server/form-action";
import { resolveFilter } from "$lib/server/view-filter";
import { currentWorkspace } from "$lib/server/workspace";
import { filterFromSearch } from "$lib/view-filter";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, url, platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");

  const range = rangeFromSearch(url.searchParams);
  const { view, filter } = await resolveFilter(db, workspace.id, filterFromSearch(url.searchParams));
  const [detail, history, touchpoints] = await Promise.all([
    getTouchpointDetail(db, workspace.id, params.touchpointId, range, filter),
    humanMoments.history(db, workspace.id, params.touchpointId),
    placement.touchpointChoices(db, workspace.id),
  ]);
  if (!detail) error(404, { message: "This touchpoint does not exist in your workspace." });

  const { counters } = detail.stats;
  const suggestion =
    detail.touchpoint.humanMoment === "suggested"
      ? suggestHumanMoment({ ...detail.touchpoint, ...counters, period: periodOf(range) })
      : null;
  const actors = await actorLabels(
    db,
    history.map((event) => event.actor),
  );
  return { workspace, detail, view, history, actors, touchpoints, suggestion };
};

/** The route's touchpoint id (always present on this route). */
const touchpointOf = (params: Partial<Record<string, string>>) => params.touchpointId ?? "";

const ZItemIds = listOf(z.string().min(1).max(64)).pipe(
  z.array(z.string()).min(1, "Choose at least one item.").max(100, "Choose at most 100 items."),
);
const ZTouchpointId = z.string({ error: "Choose a touchpoint." }).min(1, "Choose a touchpoint.").max(64);
const ZMove = z.object({ itemIds: ZItemIds, touchpointId: ZTouchpointId });
const ZSplit = z.object({
  itemIds: ZItemIds,
  label: z.string({ error: "Name the new issue." }).trim().min(1, "Name the new issue.").max(120),
});
const ZHumanMoment = z.object({
  reason: z
    .string({ error: "Explain why a person must handle this." })
    .trim()
    .min(
      HUMAN_MOMENT_REASON_MIN,
      `Explain why a person must handle this, in at least ${HUMAN_MOMENT_REASON_MIN} characters.`,
    )
    .max(HUMAN_MOMENT_REASON_MAX, `Keep the reason under ${HUMAN_MOMENT_REASON_MAX} characters.`),
  owner: z
    .string({ error: "Name the team or person who owns this moment." })
    .trim()
    .min(1, "Name the team or person who owns this moment.")
    .max(HUMAN_MOMENT_OWNER_MAX, `Keep the owner under ${HUMAN_MOMENT_OWNER_MAX} characters.`),
});
const ZUnmark = z.object({
  why: z
    .string({ error: "Say why a person is no longer needed here." })
    .trim()
    .min(10, "Say why a person is no longer needed here, in at least 10 characters.")
    .max(600),
});
const ZRule = z.object({
  touchpointId: ZTouchpointId,
  kind: z.enum(["keyword", "tag", "source"], { error: "Choose what the rule matches." }),
  language: z.string().max(8).optional(),
  keywords: z.string().max(400).optional(),
  tag: z.string().max(120).optional(),
  source: z.string().max(64).optional(),
});

const GONE = { status: 404 as const, message: "This touchpoint no longer exists." };
/** Rule drafts are previewed on the same window re-clustering re-places: the last 90 days. */
const WINDOW_MS = 90 * 86_400_000;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export const actions: Actions = {
  /** Marks, edits, or accepts the suggestion: always with a reason and an owner. */
  mark: formAction(ZHumanMoment, async (db, workspaceId, input, by, { params }) => {
    const done = await humanMoments.mark(db, workspaceId, touchpointOf(params), input, by);
    if (!done) return GONE;
    if (done === "edited") return "Saved the reason and owner.";
    return `Marked as a human moment, owned by ${input.owner}. Within a minute, very negative feedback here escalates.`;
  }),
  unmark: formAction(ZUnmark, async (db, workspaceId, { why }, by, { params }) => {
    const done = await humanMoments.unmark(db, workspaceId, touchpointOf(params), why, by);
    if (done === null) return GONE;
    return done ? "No longer a human moment. The reason is in the history below." : "This is not a human moment.";
  }),
  dismiss: formAction(z.object({}), async (db, workspaceId, _input, by, { params }) => {
    const done = await humanMoments.dismiss(db, workspaceId, touchpointOf(params), by);
    if (done === null) return GONE;
    return done ? "Suggestion dismissed." : "There is no suggestion to dismiss.";
  }),

  move: formAction(ZMove, async (db, workspaceId, input, by, { params }) => {
    if (input.touchpointId === touchpointOf(params)) return { status: 400, message: "Those items are already here." };
    const moved = await placement.moveItems(db, workspaceId, input.itemIds, input.touchpointId, by);
    if (moved === null) return { status: 404, message: "That touchpoint no longer exists or its journey is archived." };
    return `${plural(moved, "item", "items")} moved. The move sticks, and Firebreak learns from it.`;
  }),
  split: formAction(ZSplit, async (db, workspaceId, input, by) => {
    const result = await themes.splitSelection(db, workspaceId, { ...input, newId: newId("thm", by.now) }, by);
    if (!result.ok) return { status: 404, message: "Those items no longer exist." };
    return `Created the pinned issue “${result.theme.label}” from ${plural(result.moved, "item", "items")}.`;
  }),
  draftRule: formAction(z.object({ itemIds: ZItemIds }), async (db, workspaceId, { itemIds }, by) => {
    const drafts = await placement.draftRules(db, workspaceId, itemIds, by.now - WINDOW_MS);
    if (drafts.length === 0) return { status: 404, message: "Those items no longer exist." };
    return { done: "", rule: { drafts, itemCount: itemIds.length } };
  }),
  createRule: formAction(ZRule, async (db, workspaceId, input, by) => {
    const match =
      input.kind === "keyword"
        ? (input.keywords ?? "")
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [(input.kind === "tag" ? input.tag : input.source)?.trim() ?? ""].filter(Boolean);
    if (match.length === 0) return { status: 400, message: "Give the rule at least one keyword." };
    const language = input.kind === "keyword" && input.language ? input.language : null;
    const priority = await placement.firstPriority(db, workspaceId);
    const rule = { touchpointId: input.touchpointId, priority, kind: input.kind, language, match, enabled: true };
    const created = await placement.createRule(db, workspaceId, rule, by);
    if (!created) return { status: 404, message: "That touchpoint no longer exists." };
    return (
      "Rule created, checked before your other rules. New feedback follows it at once; unplaced, default- and " +
      "fallback-placed items of the last 90 days are re-placed at the next re-clustering (within six hours)."
    );
  }),
};
