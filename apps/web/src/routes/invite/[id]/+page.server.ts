import * as audit from "@firebreak/db/queries/audit";
import * as members from "@firebreak/db/queries/members";
import { error, fail, type RequestEvent, redirect } from "@sveltejs/kit";
import { APIError } from "better-auth/api";
import { z } from "zod";
import { callAuth } from "$lib/server/auth-call";
import { dbFrom } from "$lib/server/db";
import { readForm } from "$lib/server/form-action";
import type { Actions, PageServerLoad } from "./$types";

/** The invitation in the URL while it can still be accepted; a friendly 404 or 410 otherwise. */
async function openInvitation(event: RequestEvent) {
  const id = event.params.id ?? "";
  const invitation = id.length <= 64 ? await members.invitation(dbFrom(event.platform), id) : undefined;
  if (!invitation) error(404, { message: "This invitation link is not valid. Ask for a new one." });
  if (invitation.status !== "pending") {
    error(410, { message: "This invitation has already been used or was withdrawn. Ask for a new one." });
  }
  if (invitation.expiresAt.getTime() <= Date.now()) {
    error(410, { message: "This invitation has expired. Ask the person who invited you for a new one." });
  }
  return invitation;
}

/** Joins the workspace as the user whose session `cookie` (or the request's) carries; audited. */
async function accept(event: RequestEvent, invitationId: string, cookie?: string) {
  const headers = cookie ? new Headers({ cookie }) : event.request.headers;
  let joined: Awaited<ReturnType<typeof event.locals.auth.api.acceptInvitation>>;
  try {
    joined = await event.locals.auth.api.acceptInvitation({ body: { invitationId }, headers });
  } catch (cause) {
    if (cause instanceof APIError) return fail(cause.statusCode === 403 ? 403 : 400, { message: cause.message });
    throw cause;
  }
  const member = joined?.member;
  if (!member) return fail(400, { message: "The invitation could not be accepted." });
  await audit.entry(dbFrom(event.platform), {
    workspaceId: member.organizationId,
    actor: `user:${member.userId}`,
    action: "member.joined",
    targetType: "member",
    targetId: member.id,
    details: { role: member.role, invitationId },
    at: Date.now(),
  });
  redirect(303, "/journeys");
}

export const load: PageServerLoad = async (event) => {
  const invitation = await openInvitation(event);
  const user = event.locals.user;
  return {
    invitation: {
      email: invitation.email,
      role: invitation.role,
      workspaceName: invitation.workspaceName,
      inviter: invitation.inviter,
    },
    signedInAs: user?.email ?? null,
    emailMatches: user?.email.toLowerCase() === invitation.email.toLowerCase(),
    hasAccount: user ? true : await members.hasAccount(dbFrom(event.platform), invitation.email),
  };
};

const ZPassword = z.string().min(1, "Enter a password.").max(128);

export const actions: Actions = {
  accept: async (event) => {
    const invitation = await openInvitation(event);
    if (event.locals.user?.email.toLowerCase() !== invitation.email.toLowerCase()) {
      return fail(403, {
        message: `This invitation is for ${invitation.email}. Sign in as that address to accept it.`,
      });
    }
    return accept(event, invitation.id);
  },
  signup: async (event) => {
    const invitation = await openInvitation(event);
    const parsed = z
      .object({ name: z.string().trim().min(1, "Enter your name.").max(80), password: ZPassword })
      .safeParse(Object.fromEntries(await readForm(event.request)));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const result = await callAuth(event, "/sign-up/email", { ...parsed.data, email: invitation.email });
    if (!result.ok) return fail(result.status === 429 ? 429 : 400, { message: result.message });
    return accept(event, invitation.id, result.cookie);
  },
  signin: async (event) => {
    const invitation = await openInvitation(event);
    const parsed = z.object({ password: ZPassword }).safeParse(Object.fromEntries(await readForm(event.request)));
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? "Invalid form." });
    const result = await callAuth(event, "/sign-in/email", { email: invitation.email, password: parsed.data.password });
    if (!result.ok) return fail(result.status === 429 ? 429 : 400, { message: result.message });
    return accept(event, invitation.id, result.cookie);
  },
};
