import type { Db } from "@firebreak/db/client";
import * as audit from "@firebreak/db/queries/audit";
import * as members from "@firebreak/db/queries/members";
import type { Actor } from "@firebreak/db/queries/themes";
import type { RequestEvent } from "@sveltejs/kit";
import { APIError } from "better-auth/api";
import { z } from "zod";
import { INVITATION_DAYS, ROLES, type Role } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { formAction, type Problem, refuse } from "$lib/server/form-action";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const ZRole = z.enum(ROLES as [Role, ...Role[]], { message: "Pick owner, editor or viewer." });
const ZId = z.string().min(1).max(64);

export const load: PageServerLoad = async ({ platform, locals }) => {
  const membership = requireRole("viewer");
  const db = dbFrom(platform);
  const isOwner = membership.role === "owner";
  const [list, pending] = await Promise.all([
    members.list(db, membership.workspace.id),
    isOwner ? members.pendingInvitations(db, membership.workspace.id, Date.now()) : Promise.resolve([]),
  ]);
  return {
    workspace: membership.workspace,
    isOwner,
    me: locals.user?.id ?? null,
    members: list,
    invitations: pending,
    invitationDays: INVITATION_DAYS,
  };
};

/** better-auth refuses with an `APIError` (status and message) as a problem for the form; anything else is raised. */
async function viaAuth<T>(call: () => Promise<T>): Promise<{ value: T } | { problem: Problem }> {
  try {
    return { value: await call() };
  } catch (cause) {
    if (cause instanceof APIError) {
      const status = cause.statusCode;
      return {
        problem: refuse(status === 403 ? 403 : status === 404 ? 404 : status === 409 ? 409 : 400, cause.message),
      };
    }
    throw cause;
  }
}

const headersOf = (event: RequestEvent) => event.request.headers;

/** The audit entry of a change to the workspace's people. */
function record(
  db: Db,
  workspaceId: string,
  by: Actor,
  action: string,
  targetType: "invitation" | "member",
  targetId: string,
  details?: Record<string, unknown>,
) {
  return audit.entry(db, { workspaceId, actor: by.actor, action, targetType, targetId, details, at: by.now });
}

export const actions: Actions = {
  invite: formAction(
    z.object({ email: z.email("Enter the colleague's email address."), role: ZRole }),
    async (db, workspaceId, { email, role }, by, event) => {
      const invited = await viaAuth(() =>
        event.locals.auth.api.createInvitation({
          body: { email, role, organizationId: workspaceId, resend: true },
          headers: headersOf(event),
        }),
      );
      if ("problem" in invited) return invited.problem;
      await record(db, workspaceId, by, "member.invited", "invitation", invited.value.id, { email, role });
      return { done: `Invitation sent to ${email}.`, link: `${event.url.origin}/invite/${invited.value.id}` };
    },
    { role: "owner" },
  ),
  cancel: formAction(
    z.object({ id: ZId }),
    async (db, workspaceId, { id }, by, event) => {
      const canceled = await viaAuth(() =>
        event.locals.auth.api.cancelInvitation({ body: { invitationId: id }, headers: headersOf(event) }),
      );
      if ("problem" in canceled) return canceled.problem;
      await record(db, workspaceId, by, "member.invitation_canceled", "invitation", id);
      return "Invitation withdrawn.";
    },
    { role: "owner" },
  ),
  role: formAction(
    z.object({ memberId: ZId, role: ZRole }),
    async (db, workspaceId, { memberId, role }, by, event) => {
      const member = await members.get(db, workspaceId, memberId);
      if (!member) return refuse(404, "That person is no longer in this workspace.");
      if (member.role === role) return `${member.email} is already ${role}.`;
      if (member.role === "owner" && (await members.ownerCount(db, workspaceId)) <= 1) {
        return refuse(409, "A workspace needs at least one owner: make someone else owner first.");
      }
      const updated = await viaAuth(() =>
        event.locals.auth.api.updateMemberRole({
          body: { memberId, role, organizationId: workspaceId },
          headers: headersOf(event),
        }),
      );
      if ("problem" in updated) return updated.problem;
      await record(db, workspaceId, by, "member.role_changed", "member", memberId, {
        email: member.email,
        from: member.role,
        to: role,
      });
      return `${member.email} is now ${role}.`;
    },
    { role: "owner" },
  ),
  remove: formAction(
    z.object({ memberId: ZId }),
    async (db, workspaceId, { memberId }, by, event) => {
      const member = await members.get(db, workspaceId, memberId);
      if (!member) return refuse(404, "That person is no longer in this workspace.");
      if (member.role === "owner" && (await members.ownerCount(db, workspaceId)) <= 1) {
        return refuse(409, "The last owner cannot be removed.");
      }
      const removed = await viaAuth(() =>
        event.locals.auth.api.removeMember({
          body: { memberIdOrEmail: memberId, organizationId: workspaceId },
          headers: headersOf(event),
        }),
      );
      if ("problem" in removed) return removed.problem;
      await record(db, workspaceId, by, "member.removed", "member", memberId, {
        email: member.email,
        role: member.role,
      });
      return `${member.email} no longer has access.`;
    },
    { role: "owner" },
  ),
};
