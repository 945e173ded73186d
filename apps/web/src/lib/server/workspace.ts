/**
 * Which workspace a request sees, and as what: the signed-in user's active workspace, resolved once per request by
 * `hooks.server.ts` (the session's active workspace while they still belong to it, else their oldest). This is the
 * only place pages and actions ask, so every query they make is scoped to it.
 * @module
 */
import type { Membership } from "@firebreak/db/queries/members";
import { error } from "@sveltejs/kit";
import { getRequestEvent } from "$app/server";
import { type Role, roleAtLeast } from "./auth.ts";
import { ApiError } from "./http.ts";

export interface CurrentWorkspace {
  id: string;
  name: string;
}

/** The workspace of the request being handled, or `null` when the visitor belongs to none (or is signed out). */
export function currentWorkspace(): CurrentWorkspace | null {
  return getRequestEvent().locals.membership?.workspace ?? null;
}

/** The request's membership, or a 403 naming the role it takes when the member's role is below `needed`. */
export function requireRole(needed: Role): Membership {
  const membership = getRequestEvent().locals.membership;
  if (!membership) error(404, { message: "There is no workspace yet." });
  if (!roleAtLeast(membership.role, needed)) error(403, { message: forbiddenMessage(needed) });
  return membership;
}

/**
 * `requireRole` for the JSON endpoints: the member and their user, or an `ApiError` (404 without a workspace, 403
 * below `needed`) that the endpoint answers in the one error shape.
 */
export function requireRoleForApi(needed: Role): Membership & { userId: string } {
  const { membership, user } = getRequestEvent().locals;
  if (!membership || !user) throw new ApiError("not_found", "There is no workspace yet.");
  if (!roleAtLeast(membership.role, needed)) throw new ApiError("forbidden", forbiddenMessage(needed));
  return { ...membership, userId: user.id };
}

/** What a member too junior for a change is told. */
export function forbiddenMessage(needed: Role): string {
  return needed === "owner"
    ? "Only the workspace's owners can do this."
    : "Viewers can look but not change anything; ask an owner to make you an editor.";
}
