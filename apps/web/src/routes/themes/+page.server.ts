import * as reviews from "@firebreak/db/queries/reviews";
import * as themes from "@firebreak/db/queries/themes";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import { ZDay } from "$lib/server/review-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const rows = await themes.list(db, workspace.id);
  return { workspace, themes: rows.map(themes.toView) };
};

const ZId = z.string().min(1).max(64);
const ZRename = z.object({ id: ZId, label: z.string().trim().min(1, "Give the issue a name.").max(120) });
const ZTheme = z.object({ id: ZId });
const ZMerge = z.object({ id: ZId, into: ZId });
const ZFixShipped = z.object({ id: ZId, day: ZDay });

const GONE = "That issue no longer exists.";

const gone = { status: 404 as const, message: GONE };

export const actions: Actions = {
  rename: formAction(ZRename, async (db, workspaceId, { id, label }, by) => {
    const updated = await themes.update(db, workspaceId, id, { label }, by);
    return updated ? `Renamed to “${updated.label}”.` : gone;
  }),
  pin: formAction(ZTheme, async (db, workspaceId, { id }, by) => {
    const updated = await themes.update(db, workspaceId, id, { pinned: true }, by);
    return updated ? `Pinned “${updated.label}”: its keywords now decide which items belong to it.` : gone;
  }),
  unpin: formAction(ZTheme, async (db, workspaceId, { id }, by) => {
    const updated = await themes.update(db, workspaceId, id, { pinned: false }, by);
    return updated ? `Unpinned “${updated.label}”.` : gone;
  }),
  fixShipped: formAction(ZFixShipped, async (db, workspaceId, { id, day }, by) => {
    const done = await reviews.setFixShipped(db, workspaceId, id, day, by);
    return done ? `Fix marked as shipped on ${day}: review sessions compare before and after it.` : gone;
  }),
  clearFix: formAction(ZTheme, async (db, workspaceId, { id }, by) => {
    const done = await reviews.setFixShipped(db, workspaceId, id, null, by);
    return done ? "Fix date cleared." : gone;
  }),
  merge: formAction(ZMerge, async (db, workspaceId, { id, into }, by) => {
    const result = await themes.merge(db, workspaceId, id, into, by);
    if (result.ok) return `Merged: ${result.moved.toLocaleString("en")} items moved.`;
    return result.problem === "same" ? { status: 400, message: "An issue cannot merge into itself." } : gone;
  }),
};
