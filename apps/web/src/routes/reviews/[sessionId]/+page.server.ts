import * as actionItems from "@firebreak/db/queries/action-items";
import * as members from "@firebreak/db/queries/members";
import * as reviews from "@firebreak/db/queries/reviews";
import * as shareLinks from "@firebreak/db/queries/share-links";
import { error, redirect } from "@sveltejs/kit";
import { z } from "zod";
import { roleAtLeast } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import {
  LINK_PROBLEMS,
  STATUS_LABELS,
  ZActionStatusChange,
  ZFixShipped,
  ZId,
  ZNewAction,
} from "$lib/server/review-forms";
import { revokeShareAction, shareAction, shareRow } from "$lib/server/share-forms";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform, params, locals }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const view = await reviews.sessionView(db, workspace.id, params.sessionId);
  if (!view) error(404, { message: "There is no such review session in this workspace." });
  const canEdit = roleAtLeast(locals.membership?.role ?? "viewer", "editor");
  const [people, shares] = await Promise.all([
    members.list(db, workspace.id),
    // Editors share a session and revoke its links; viewers do not see them.
    canEdit ? shareLinks.listFor(db, workspace.id, "session", params.sessionId) : null,
  ]);
  return {
    workspace,
    view,
    members: people.map((m) => ({ userId: m.userId, name: m.name })),
    canEdit,
    shares: shares?.map((row) => shareRow(row)) ?? null,
  };
};

const GONE = { status: 404 as const, message: "There is no such review session in this workspace." };
const ZNotes = z.object({
  itemId: ZId,
  notes: z.string().max(4000, "Keep notes under 4,000 characters.").default(""),
  decision: z.string().max(2000, "Keep the decision under 2,000 characters.").default(""),
});

export const actions: Actions = {
  start: formAction(z.object({}), async (db, workspaceId, _input, by, { params }) => {
    const started = await reviews.start(db, workspaceId, params.sessionId as string, by);
    if (started === null) return GONE;
    if (started === false) return { status: 409, message: "This session has already started." };
    return `Started: the agenda's ${started.items} items are frozen as they stand today.`;
  }),
  notes: formAction(ZNotes, async (db, workspaceId, input, by, { params }) => {
    const saved = await reviews.saveNotes(db, workspaceId, params.sessionId as string, input.itemId, input, by);
    if (saved === null) return { status: 404, message: "That agenda item is not part of this session." };
    if (saved === "not_in_progress")
      return { status: 409, message: "Notes are taken while the session is in progress." };
    return "Notes saved.";
  }),
  addAction: formAction(ZNewAction, async (db, workspaceId, input, by, { params }) => {
    const created = await actionItems.create(
      db,
      workspaceId,
      params.sessionId as string,
      { ...input, ...input.link },
      by,
    );
    if (!created.ok)
      return {
        status: created.problem === "session" ? 404 : 400,
        message: LINK_PROBLEMS[created.problem] ?? "Refused.",
      };
    return `Action item added: “${input.title}”.`;
  }),
  actionStatus: formAction(ZActionStatusChange, async (db, workspaceId, { id, status }, by, { params }) => {
    if (!(await reviews.get(db, workspaceId, params.sessionId as string))) return GONE;
    const updated = await actionItems.update(db, workspaceId, id, { status }, by);
    if (!updated?.ok) return { status: 404, message: "That action item does not exist." };
    return `“${updated.title}” is now ${STATUS_LABELS[status].toLowerCase()}.`;
  }),
  fixShipped: formAction(ZFixShipped, async (db, workspaceId, { themeId, day }, by, { params }) => {
    if (!(await reviews.get(db, workspaceId, params.sessionId as string))) return GONE;
    const done = await reviews.setFixShipped(db, workspaceId, themeId, day, by);
    return done ? `Fix marked as shipped on ${day}.` : { status: 404, message: "That issue no longer exists." };
  }),
  clearFix: formAction(z.object({ themeId: ZId }), async (db, workspaceId, { themeId }, by, { params }) => {
    if (!(await reviews.get(db, workspaceId, params.sessionId as string))) return GONE;
    const done = await reviews.setFixShipped(db, workspaceId, themeId, null, by);
    return done ? "Fix date cleared." : { status: 404, message: "That issue no longer exists." };
  }),
  close: formAction(z.object({}), async (db, workspaceId, _input, by, { params }) => {
    const closed = await reviews.close(db, workspaceId, params.sessionId as string, by);
    if (closed === null) return GONE;
    if (closed === false) return { status: 409, message: "Only a session in progress can be closed." };
    return "Session closed. Its open action items carry over to the next one.";
  }),
  share: shareAction("session", "sessionId"),
  revokeShare: revokeShareAction(),
};
