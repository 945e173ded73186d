/** @module Creating and switching workspaces for the signed-in user, through better-auth's organization API. */
import { randomToken } from "@firebreak/core";
import * as audit from "@firebreak/db/queries/audit";
import type { RequestEvent } from "@sveltejs/kit";
import { dbFrom } from "./db.ts";

/** A readable, unique slug: the name's letters and a random tail (workspaces may share names). */
function slugFor(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .slice(0, 40);
  return `${base || "workspace"}-${randomToken(6).toLowerCase()}`;
}

/** Creates a workspace owned by `userId`, makes it their active one, and audits it; returns its id. */
export async function createWorkspace(event: RequestEvent, userId: string, name: string): Promise<string> {
  const { auth } = event.locals;
  const created = await auth.api.createOrganization({ body: { name, slug: slugFor(name), userId } });
  if (!created) throw new Error("better-auth created no workspace");
  const now = Date.now();
  await audit.entry(dbFrom(event.platform), {
    workspaceId: created.id,
    actor: `user:${userId}`,
    action: "workspace.created",
    targetType: "workspace",
    targetId: created.id,
    details: { name },
    at: now,
  });
  return created.id;
}
