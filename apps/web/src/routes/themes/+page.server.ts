import type { Db } from "@firebreak/db/client";
import * as themes from "@firebreak/db/queries/themes";
import { fail, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");
  const rows = await themes.list(db, workspace.id);
  return { workspace, themes: rows.map(themes.toView) };
};

const ZId = z.string().min(1).max(64);
const ZRename = z.object({ id: ZId, label: z.string().trim().min(1, "Give the issue a name.").max(120) });
const ZTheme = z.object({ id: ZId });
const ZMerge = z.object({ id: ZId, into: ZId });

const GONE = "That issue no longer exists.";

/**
 * One curation action: the form parsed with `schema` (a bad form is a 400 with the first problem), the change made
 * in the current workspace, and a message for the page. Until sign-in exists, changes are audited as the app's.
 * SvelteKit's origin check already refuses forms posted from another site.
 */
function action<T>(
  schema: z.ZodType<T>,
  change: (
    db: Db,
    workspaceId: string,
    input: T,
    by: themes.Actor,
  ) => Promise<string | { status: 400 | 404; message: string }>,
) {
  return async ({ request, platform }: RequestEvent) => {
    const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const db = dbFrom(platform);
    const workspace = await currentWorkspace(db);
    if (!workspace) return fail(404, { message: "There is no workspace yet." });
    const outcome = await change(db, workspace.id, parsed.data, { actor: "user:web", now: Date.now() });
    return typeof outcome === "string" ? { done: outcome } : fail(outcome.status, { message: outcome.message });
  };
}

const gone = { status: 404 as const, message: GONE };

export const actions: Actions = {
  rename: action(ZRename, async (db, workspaceId, { id, label }, by) => {
    const updated = await themes.update(db, workspaceId, id, { label }, by);
    return updated ? `Renamed to “${updated.label}”.` : gone;
  }),
  pin: action(ZTheme, async (db, workspaceId, { id }, by) => {
    const updated = await themes.update(db, workspaceId, id, { pinned: true }, by);
    return updated ? `Pinned “${updated.label}”: its keywords now decide which items belong to it.` : gone;
  }),
  unpin: action(ZTheme, async (db, workspaceId, { id }, by) => {
    const updated = await themes.update(db, workspaceId, id, { pinned: false }, by);
    return updated ? `Unpinned “${updated.label}”.` : gone;
  }),
  merge: action(ZMerge, async (db, workspaceId, { id, into }, by) => {
    const result = await themes.merge(db, workspaceId, id, into, by);
    if (result.ok) return `Merged: ${result.moved.toLocaleString("en")} items moved.`;
    return result.problem === "same" ? { status: 400, message: "An issue cannot merge into itself." } : gone;
  }),
};
