import * as followUps from "@firebreak/db/queries/follow-ups";
import { redirect } from "@sveltejs/kit";
import { z } from "zod";
import { actorLabels } from "$lib/server/actors";
import { dbFrom } from "$lib/server/db";
import { formAction } from "$lib/server/form-action";
import { currentWorkspace } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const LIMIT = 200;
const ZStatus = z.enum(["open", "done", "dismissed"]).catch("open");

/** Whether a follow-up's assignee (a touchpoint owner: a name, a team or an address) is the viewer. */
function assignedTo(assignee: string | null, viewer: { name: string; email: string }): boolean {
  const who = assignee?.trim().toLowerCase();
  return Boolean(who) && (who === viewer.email.toLowerCase() || who === viewer.name.trim().toLowerCase());
}

/** Follow-ups of one status, newest first; open ones assigned to the viewer come first. */
export const load: PageServerLoad = async ({ url, platform, locals }) => {
  const workspace = currentWorkspace();
  if (!workspace || !locals.user) redirect(307, "/");
  const viewer = locals.user;
  const db = dbFrom(platform);
  const status = ZStatus.parse(url.searchParams.get("status") ?? undefined);
  const rows = await followUps.list(db, workspace.id, { status, limit: LIMIT + 1 });
  const actors = await actorLabels(
    db,
    rows.map((r) => r.closedBy),
  );
  const listed = rows.slice(0, LIMIT).map((row) => ({
    id: row.id,
    status: row.status,
    touchpointId: row.touchpointId,
    touchpointName: row.touchpointName,
    assignee: row.assignee,
    mine: assignedTo(row.assignee, viewer),
    reasons: row.reasons,
    itemText: row.itemText,
    itemOccurredAt: row.itemOccurredAt,
    itemUrl: row.itemUrl,
    createdAt: row.createdAt,
    notifiedAt: row.notifiedAt,
    notifyAttempts: row.notifyAttempts,
    closedAt: row.closedAt,
    closedByName: row.closedBy ? (actors[row.closedBy] ?? null) : null,
    note: row.note,
  }));
  return { workspace, status, followUps: listed, truncated: rows.length > LIMIT };
};

const ZClose = z.object({
  id: z.string().min(1).max(64),
  status: z.enum(["done", "dismissed", "open"]),
  note: z
    .string()
    .trim()
    .max(500, "Keep the note under 500 characters.")
    .optional()
    .transform((note) => note || undefined),
});

const DONE: Record<z.infer<typeof ZClose>["status"], string> = {
  done: "Marked done.",
  dismissed: "Dismissed.",
  open: "Opened again.",
};

export const actions = {
  /** Marks a follow-up done or dismissed (with an optional note), or opens it again; audited. */
  close: formAction(ZClose, async (db, workspaceId, { id, status, note }, by) => {
    const changed = await followUps.setStatus(db, workspaceId, [id], status, { ...by, note });
    return changed === 1
      ? { done: DONE[status], followUpId: id }
      : { status: 409 as const, message: "That follow-up changed meanwhile; the list now shows where it stands." };
  }),
} satisfies Actions;
