import { API_TOKEN_SCOPES, apiTokenStatus, generateApiToken, highestScope } from "@firebreak/core/api-tokens";
import * as tokens from "@firebreak/db/queries/tokens";
import { z } from "zod";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

const DAY_MS = 86_400_000;
/** The expiry choices, in days; "never" is allowed but not the default. */
const EXPIRY_DAYS = { "30": 30, "90": 90, "365": 365 } as const;

/** A token acts for the whole workspace through the API, so only owners create, see and revoke them. */
const OWNER = { role: "owner" } as const;

/** The workspace's API tokens, newest first, with what each may do and whether it still works. */
export const load: PageServerLoad = async ({ platform }) => {
  const { workspace } = requireRole("owner");
  const db = dbFrom(platform);
  const now = Date.now();
  const rows = await tokens.list(db, workspace.id);
  return {
    workspace,
    apiUrl: `${platform?.env.INGEST_URL ?? ""}/api/v1`,
    tokens: rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scope: highestScope(row.scopes),
      createdAt: row.createdAt,
      createdBy: row.createdByName,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
      status: apiTokenStatus(row, now),
    })),
  };
};

const ZCreate = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after where it is used.")
    .max(80, "Keep the name under 80 characters."),
  scope: z.enum(API_TOKEN_SCOPES, "Choose what the token may do."),
  expires: z.enum(["never", ...Object.keys(EXPIRY_DAYS)] as ["never", "30", "90", "365"], "Choose when it expires."),
});
const ZRevoke = z.object({ id: z.string().min(1).max(64) });

/** The new token's value, in this response only: it is never stored or shown again. */
interface Created {
  done: string;
  created: { id: string; name: string; token: string };
}

export const actions = {
  create: formAction<z.infer<typeof ZCreate>, Created>(
    ZCreate,
    async (db, workspaceId, input, by) => {
      const made = await generateApiToken();
      const expiresAt = input.expires === "never" ? null : by.now + EXPIRY_DAYS[input.expires] * DAY_MS;
      const id = await tokens.create(
        db,
        workspaceId,
        { name: input.name, scopes: [input.scope], prefix: made.prefix, tokenHash: made.hash, expiresAt },
        by,
      );
      return { done: `Created ${input.name}.`, created: { id, name: input.name, token: made.token } };
    },
    OWNER,
  ),
  revoke: formAction(
    ZRevoke,
    async (db, workspaceId, { id }, by) => {
      const outcome = await tokens.revoke(db, workspaceId, id, by);
      if (outcome === "not_found") return refuse(404, "That token no longer exists.");
      if (outcome === "already_revoked") return refuse(409, "That token was already revoked.");
      return "Revoked: the API refuses the token from its next request.";
    },
    OWNER,
  ),
} satisfies Actions;
