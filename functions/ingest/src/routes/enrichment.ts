/**
 * `/api/v1/sources/:id/enrichment`: the API credential a source's enrichment job fetches details with (stored
 * encrypted, shown again only as its last four characters), its state, and a run on demand.
 * @module
 */
import { encryptSecret, type FetchLike, getEnrichmentProvider } from "@firebreak/core";
import { audit, enrichment, sources } from "@firebreak/db";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { enrichSource } from "../enrichment.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

const ZParams = z.object({ id: z.string().min(1).max(64) });
const ZCredential = z.object({
  // Sent as a header value: printable ASCII without spaces, so a pasted line break cannot break every request.
  token: z
    .string()
    .trim()
    .min(8)
    .max(4000)
    .regex(/^[\x21-\x7e]+$/, "printable characters without spaces"),
  settings: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
});

/** The workspace's source; 404 for another workspace's, as everywhere. */
async function workspaceSource(c: Context<AppContext>, id: string) {
  const source = await sources.get(c.get("db"), c.get("auth").workspaceId, id);
  if (!source) throw new ApiError("not_found", "No such source in this workspace.");
  return source;
}

const NOTHING_TO_ENRICH = "webhooks carry their details; there is nothing to enrich.";

/** The Worker's own `fetch`, called detached (Workers refuse it as a method of another object). */
const workerFetch: FetchLike = (input, init) => fetch(input, init);

export const enrichmentRoutes = new Hono<AppContext>()
  .get("/:id/enrichment", requireToken("read"), validate("param", ZParams), async (c) => {
    const source = await workspaceSource(c, c.req.valid("param").id);
    const provider = getEnrichmentProvider(source.provider);
    const help = provider && { credential: provider.credential, settings: provider.settingsHelp };
    return c.json({ ...(await enrichment.summary(c.get("db"), source.workspaceId, source.id)), help: help ?? null });
  })
  .put(
    "/:id/enrichment",
    requireToken("write"),
    validate("param", ZParams),
    validate("json", ZCredential),
    async (c) => {
      const db = c.get("db");
      const { workspaceId, tokenId } = c.get("auth");
      const source = await workspaceSource(c, c.req.valid("param").id);
      const provider = getEnrichmentProvider(source.provider);
      if (!provider) throw new ApiError("bad_request", `${source.provider} ${NOTHING_TO_ENRICH}`);
      const input = c.req.valid("json");
      const settings = provider.settings.safeParse(input.settings ?? {});
      if (!settings.success) {
        const issue = settings.error.issues[0];
        throw new ApiError("bad_request", `settings.${issue?.path.join(".") || ""}: ${issue?.message ?? "invalid"}`);
      }
      const now = c.get("options").now();
      await db.batch([
        enrichment.saveCredential(db, {
          workspaceId,
          sourceId: source.id,
          tokenCiphertext: await encryptSecret(input.token, c.env.SECRETS_KEY),
          tokenHint: input.token.slice(-4),
          settings: settings.data,
          at: now,
        }),
        audit.entry(db, {
          workspaceId,
          actor: `token:${tokenId}`,
          action: "source.enrichment_credential_set",
          targetType: "source",
          targetId: source.id,
          at: now,
        }),
      ]);
      // The token is never returned, not even now: only its last four characters.
      return c.json(await enrichment.summary(db, workspaceId, source.id));
    },
  )
  .delete("/:id/enrichment", requireToken("write"), validate("param", ZParams), async (c) => {
    const db = c.get("db");
    const { workspaceId, tokenId } = c.get("auth");
    const source = await workspaceSource(c, c.req.valid("param").id);
    if (!(await enrichment.removeCredential(db, workspaceId, source.id))) {
      throw new ApiError("not_found", "This source has no enrichment credential.");
    }
    await audit.entry(db, {
      workspaceId,
      actor: `token:${tokenId}`,
      action: "source.enrichment_credential_removed",
      targetType: "source",
      targetId: source.id,
      at: c.get("options").now(),
    });
    return c.body(null, 204);
  })
  .post("/:id/enrichment/run", requireToken("write"), validate("param", ZParams), async (c) => {
    const db = c.get("db");
    const { workspaceId } = c.get("auth");
    const source = await workspaceSource(c, c.req.valid("param").id);
    const options = c.get("options");
    const run = await enrichSource(
      db,
      c.env,
      { workspaceId, sourceId: source.id },
      { fetch: options.fetch ?? workerFetch, now: options.now },
    );
    if (!run.ran && run.reason === "not_configured") {
      throw new ApiError("conflict", "Set an enrichment credential first: PUT /api/v1/sources/:id/enrichment.");
    }
    if (!run.ran && run.reason === "unsupported_provider") {
      throw new ApiError("bad_request", `${source.provider} ${NOTHING_TO_ENRICH}`);
    }
    if (!run.ran && run.reason === "credential_failing") {
      const { lastError } = await enrichment.summary(db, workspaceId, source.id);
      throw new ApiError("conflict", `The enrichment credential was refused (${lastError}). Set a new one first.`);
    }
    return c.json({ ...run, enrichment: await enrichment.summary(db, workspaceId, source.id) });
  });
