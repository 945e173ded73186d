import * as journeys from "@firebreak/db/queries/journeys";
import { touchpointChoices } from "@firebreak/db/queries/placement";
import { error, redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { type ChangeOutcome, formAction } from "$lib/server/form-action";
import {
  ZJourneyEdit,
  ZMove,
  ZRestore,
  ZStage,
  ZStageEdit,
  ZTarget,
  ZTouchpoint,
  ZTouchpointDelete,
  ZTouchpointEdit,
  ZTouchpointMove,
} from "$lib/server/journey-forms";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, platform }) => {
  const db = dbFrom(platform);
  // Editing pages: a viewer gets a 403 saying why, not a form that fails on save.
  const { workspace } = requireRole("editor");
  const [editor, choices] = await Promise.all([
    journeys.getEditor(db, workspace.id, params.journeyId),
    touchpointChoices(db, workspace.id),
  ]);
  if (!editor) error(404, { message: "This journey does not exist in your workspace." });
  return { workspace, editor, choices };
};

const GONE = { status: 404 as const, message: "That no longer exists; reload the page to see the current journey." };

function moved(outcome: journeys.MoveOutcome | null): ChangeOutcome {
  return outcome
    ? `Moved ${outcome.name} to position ${outcome.position} of ${outcome.of} in ${outcome.within}.`
    : GONE;
}

/** What the page needs to offer an undo: only deletes of empty stages or touchpoints can be restored. */
type Undo = { done: string; undo: { kind: "stage" | "touchpoint"; id: string } };

function deleted(
  outcome: journeys.DeleteOutcome,
  what: "stage" | "touchpoint",
  id: string,
  moved: boolean,
): ChangeOutcome<Undo> {
  if (outcome.ok) {
    return moved ? `Deleted the ${what}.` : { done: `Deleted the ${what}.`, undo: { kind: what, id } };
  }
  if (outcome.problem === "has_feedback") {
    const items = `${outcome.itemCount.toLocaleString("en")} feedback item${outcome.itemCount === 1 ? "" : "s"}`;
    return {
      status: 409,
      message:
        what === "stage"
          ? `This stage's touchpoints hold ${items}. Move them, or their items, to another touchpoint first.`
          : `This touchpoint holds ${items}. Choose a touchpoint to move them to, then delete.`,
    };
  }
  if (outcome.problem === "bad_target") {
    return { status: 400, message: "Move the items to another touchpoint of an active current-state journey." };
  }
  return GONE;
}

export const actions: Actions = {
  update: formAction(ZJourneyEdit, async (db, workspaceId, { id, ...change }, by) =>
    (await journeys.update(db, workspaceId, id, change, by)) ? "Saved the journey." : GONE,
  ),
  archive: formAction(ZTarget, async (db, workspaceId, { id }, by) => {
    if (!(await journeys.setArchived(db, workspaceId, id, true, by))) return GONE;
    // The journeys page offers to undo it.
    redirect(303, `/journeys?archived=${encodeURIComponent(id)}`);
  }),
  duplicate: formAction(ZTarget, async (db, workspaceId, { id }, by) => {
    const copy = await journeys.duplicateAsFuture(db, workspaceId, id, by);
    if (copy.ok) redirect(303, `/journeys/${encodeURIComponent(copy.id)}/edit?duplicated=1`);
    return copy.problem === "is_future"
      ? { status: 400, message: "This is already a future state; duplicate its current journey instead." }
      : GONE;
  }),
  createStage: formAction(ZStage, async (db, workspaceId, input, by, { params }) =>
    (await journeys.createStage(db, workspaceId, params.journeyId ?? "", input, by))
      ? `Added the stage ${input.name}.`
      : GONE,
  ),
  updateStage: formAction(ZStageEdit, async (db, workspaceId, { id, ...change }, by) =>
    (await journeys.updateStage(db, workspaceId, id, change, by)) ? "Saved the stage." : GONE,
  ),
  moveStage: formAction(ZMove, async (db, workspaceId, { id, index }, by) =>
    moved(await journeys.moveStage(db, workspaceId, id, index, by)),
  ),
  deleteStage: formAction<{ id: string }, Undo>(ZTarget, async (db, workspaceId, { id }, by) =>
    deleted(await journeys.deleteStage(db, workspaceId, id, by), "stage", id, false),
  ),
  createTouchpoint: formAction(ZTouchpoint, async (db, workspaceId, { stageId, ...input }, by) => {
    const created = await journeys.createTouchpoint(db, workspaceId, stageId, input, by);
    return created ? `Added ${input.name} (key ${created.key}).` : GONE;
  }),
  updateTouchpoint: formAction(ZTouchpointEdit, async (db, workspaceId, { id, ...change }, by) =>
    (await journeys.updateTouchpoint(db, workspaceId, id, change, by)) ? `Saved ${change.name}.` : GONE,
  ),
  moveTouchpoint: formAction(ZTouchpointMove, async (db, workspaceId, { id, stageId, index }, by) =>
    moved(await journeys.moveTouchpoint(db, workspaceId, id, stageId, index, by)),
  ),
  deleteTouchpoint: formAction<{ id: string; moveItemsTo: string | null }, Undo>(
    ZTouchpointDelete,
    async (db, workspaceId, { id, moveItemsTo }, by) =>
      deleted(await journeys.deleteTouchpoint(db, workspaceId, id, moveItemsTo, by), "touchpoint", id, !!moveItemsTo),
  ),
  restore: formAction(ZRestore, async (db, workspaceId, { kind, id }, by) => {
    const outcome = await journeys.restoreDeleted(db, workspaceId, kind, id, by);
    return outcome.ok
      ? `Put ${outcome.name} back.`
      : { status: outcome.problem === "not_found" ? 404 : 409, message: outcome.message };
  }),
};
