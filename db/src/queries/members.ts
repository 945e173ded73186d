/**
 * Who belongs to which workspace, and as what. Writes go through better-auth's organization API in the web app; these
 * are the reads the app makes on every request and on its members page.
 * @module
 */
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { invitations, members, users, workspaces } from "../schema/index.ts";

export type Role = (typeof members.$inferSelect)["role"];

export interface Membership {
  workspace: { id: string; name: string };
  role: Role;
}

/**
 * The workspace a signed-in user works in: `preferredId` (the session's active workspace) when they still belong to
 * it, else their oldest membership; `undefined` when they belong to none.
 */
export async function membershipOf(
  db: Db,
  userId: string,
  preferredId: string | null,
): Promise<Membership | undefined> {
  const [row] = await db
    .select({ id: workspaces.id, name: workspaces.name, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(sql`${members.organizationId} = ${preferredId ?? ""} desc`, asc(members.createdAt))
    .limit(1);
  return row && { workspace: { id: row.id, name: row.name }, role: row.role };
}

/** Every workspace the user belongs to, for the workspace switcher. */
export function workspacesOf(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(workspaces.name));
}

/** The workspace's members with their names and emails, owners first. */
export function list(db: Db, workspaceId: string) {
  return db
    .select({
      id: members.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: members.role,
      joinedAt: members.createdAt,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.organizationId, workspaceId))
    .orderBy(sql`case ${members.role} when 'owner' then 0 when 'editor' then 1 else 2 end`, asc(users.name));
}

/** One member of the workspace, or `undefined` (another workspace's member is not found). */
export async function get(db: Db, workspaceId: string, memberId: string) {
  const [row] = await db
    .select({ id: members.id, userId: members.userId, role: members.role, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, workspaceId), eq(members.id, memberId)));
  return row;
}

/** How many owners the workspace has: the last one can be neither demoted nor removed. */
export async function ownerCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(and(eq(members.organizationId, workspaceId), eq(members.role, "owner")));
  return row?.n ?? 0;
}

/** Invitations still waiting for an answer, newest first. */
export function pendingInvitations(db: Db, workspaceId: string, now: number) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      inviter: users.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(
      and(
        eq(invitations.organizationId, workspaceId),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, new Date(now)),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

/**
 * An invitation by its id, which is the secret in the invitation link (better-auth makes it from 32 random
 * characters), with the name of the workspace it invites to. Not workspace-scoped: the invitee is not a member yet.
 */
export async function invitation(db: Db, id: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      workspaceId: invitations.organizationId,
      workspaceName: workspaces.name,
      inviter: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(eq(invitations.id, id));
  return row;
}

/** Whether an account exists for the email (the invitation page offers sign-in instead of sign-up). */
export async function hasAccount(db: Db, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()));
  return Boolean(row);
}

/** Display names for audit actors (`user:<id>`), for the ids given. */
export async function namesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sql`${users.id} in (select value from json_each(${JSON.stringify(userIds)}))`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
