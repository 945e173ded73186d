/**
 * Sign-in, sessions, workspaces and roles with better-auth, on D1 through its Drizzle adapter. Workspaces are
 * better-auth organizations (the `workspaces`, `members` and `invitations` tables); the three roles are owner, editor
 * and viewer. One instance per isolate and origin (`authFor`): building one costs ~4 ms of CPU, and it keeps no
 * request state of its own (better-auth's is in AsyncLocalStorage, the cookies go through SvelteKit's request event).
 * @module
 */
import { randomToken } from "@firebreak/core";
import { createDb, type Db } from "@firebreak/db/client";
import * as schema from "@firebreak/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { createAccessControl } from "better-auth/plugins/access";
import { organization } from "better-auth/plugins/organization";
import { defaultStatements, ownerAc } from "better-auth/plugins/organization/access";
import { sveltekitCookies } from "better-auth/svelte-kit";
import { getRequestEvent } from "$app/server";
import { type EmailSender, invitationEmail } from "./email.ts";

export type Role = "owner" | "editor" | "viewer";
export const ROLES: readonly Role[] = ["owner", "editor", "viewer"];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** Whether `role` may do what `needed` may: owner ⊃ editor ⊃ viewer. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

// Only owners manage the workspace itself (members, invitations, its name); editors and viewers get none of
// better-auth's organization permissions. What each role may do in the product is `roleAtLeast` in form actions.
const access = createAccessControl(defaultStatements);
const roles = {
  owner: access.newRole(ownerAc.statements),
  editor: access.newRole({}),
  viewer: access.newRole({}),
};

/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;

export interface AuthEnv {
  /** Signs session cookies; locally from apps/web/.dev.vars (scripts/lib.mjs ensureDevVars). */
  AUTH_SECRET?: string;
  /** The app's public origin; cookies are `Secure` when it is https. */
  APP_URL?: string;
}

export function createAuth(db: Db, env: AuthEnv, origin: string, mailer: EmailSender) {
  const baseURL = env.APP_URL ?? origin;
  return betterAuth({
    appName: "Firebreak",
    baseURL,
    secret: env.AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        organization: schema.workspaces,
        member: schema.members,
        invitation: schema.invitations,
        rateLimit: schema.rateLimits,
      },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Counted in D1, so every isolate sees the same attempts. Sign-in and sign-up are the guessing targets.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 300, max: 10 },
        "/sign-up/email": { window: 3600, max: 10 },
      },
    },
    advanced: {
      // Cloudflare sets the client's address here; locally wrangler does too.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip", "x-forwarded-for"] },
      // An invitation's id is the secret in its link: 192 random bits. Other ids are plain UUIDs.
      database: { generateId: ({ model }) => (model === "invitation" ? randomToken(24) : crypto.randomUUID()) },
    },
    trustedOrigins: [baseURL, origin],
    telemetry: { enabled: false },
    plugins: [
      organization({
        ac: access,
        roles,
        creatorRole: "owner",
        invitationExpiresIn: INVITATION_DAYS * 86_400,
        cancelPendingInvitationsOnReInvite: true,
        // The link (a 192-bit id sent to that address) is the proof of the address; no second verification email.
        requireEmailVerificationOnInvitation: false,
        sendInvitationEmail: async ({ id, email, organization: workspace, inviter, role }) => {
          await mailer.send(
            invitationEmail({
              to: email,
              workspace: workspace.name,
              inviter: inviter.user.name,
              role,
              link: `${baseURL}/invite/${id}`,
            }),
          );
        },
      }),
      // Last, as better-auth asks: copies the cookies a server-side call sets onto SvelteKit's response.
      sveltekitCookies(getRequestEvent),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<D1Database, Map<string, Auth>>();

/** The isolate's better-auth for this D1 binding and origin, made on first use. */
export function authFor(d1: D1Database, env: AuthEnv, origin: string, mailer: EmailSender): Auth {
  const byOrigin = instances.get(d1) ?? new Map<string, Auth>();
  instances.set(d1, byOrigin);
  const auth = byOrigin.get(origin) ?? createAuth(createDb(d1), env, origin, mailer);
  byOrigin.set(origin, auth);
  return auth;
}
