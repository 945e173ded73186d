/**
 * `/api/v1/sources/:id/enrichment`: the API credential a source's enrichment job fetches details with (stored
 * encrypted, shown again only as its last four characters), its state, and a run on demand.
 * @module
 */
import { encryptSecret, type FetchLike, getEnrichmentProvider } from "@firebreak/core";
import { audit, enrichment, sources } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppContext } from "../context.ts";
import { enrichSource } from "../enrichment.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse } from "../openapi.ts";

const ZParams = idParams("source", "src");
const ZCredential = z
  .object({
    // Sent as a header value: printable ASCII without spaces, so a pasted line break cannot break every request.
    token: z
      .string()
      .trim()
      .min(8)
      .max(4000)
      .regex(/^[\x21-\x7e]+$/, "printable characters without spaces")
      .openapi({
        description: "The provider API token; never returned, not even now (only its last four characters).",
      }),
    settings: z
      .record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()]))
      .optional()
      .openapi({ description: "The provider's enrichment settings: see `help.settings` of `GET …/enrichment`." }),
  })
  .openapi("EnrichmentCredentialInput", { example: { token: "pat-eu1-0000-0000" } });

/** A source's enrichment state, also part of `GET /api/v1/sources/{id}`. */
export const ZEnrichmentSummary = z
  .object({
    configured: z.boolean().openapi({ description: "A credential is set." }),
    hint: z.string().nullable().openapi({ description: "The credential's last four characters." }),
    status: z.enum(["active", "failing"]).nullable().openapi({
      description: "`failing` once the provider refused the credential: nothing is fetched until it is replaced.",
    }),
    lastError: z.string().nullable(),
    lastErrorAt: z.number().nullable(),
    retryAt: z.number().nullable().openapi({ description: "The provider asked to slow down: no fetches before this." }),
    lastRunAt: z.number().nullable(),
    settings: z.record(z.string(), z.unknown()),
    pending: z.number().int().openapi({ description: "Items still waiting for their details." }),
  })
  .openapi("EnrichmentSummary");

const ZEnrichmentState = ZEnrichmentSummary.extend({
  help: z
    .object({ credential: z.string(), settings: z.record(z.string(), z.string()) })
    .nullable()
    .openapi({ description: "What to paste as the credential and each setting; null when the provider needs none." }),
}).openapi("EnrichmentState");

const ZRun = z
  .union([
    z.object({
      ran: z.literal(false),
      sourceId: z.string(),
      reason: z
        .enum(["not_configured", "unsupported_provider", "credential_failing", "rate_limited"])
        .openapi({ description: "`rate_limited`: the provider asked to wait until `retryAt`." }),
      retryAt: z.number().nullable().optional(),
      enrichment: ZEnrichmentSummary,
    }),
    z.object({
      ran: z.literal(true),
      sourceId: z.string(),
      claimed: z.number().int(),
      enriched: z.number().int(),
      retried: z.number().int(),
      deferred: z.number().int(),
      unavailable: z.number().int(),
      released: z.number().int(),
      credentialFailed: z.boolean(),
      rateLimitedUntil: z.number().nullable(),
      enrichment: ZEnrichmentSummary,
    }),
  ])
  .openapi("EnrichmentRun");

const NO_SOURCE = "No such source in this workspace.";
const tag = "Enrichment";

/** The workspace's source; 404 for another workspace's, as everywhere. */
async function workspaceSource(c: Context<AppContext>, id: string) {
  const source = await sources.get(c.get("db"), c.get("auth").workspaceId, id);
  if (!source) throw new ApiError("not_found", NO_SOURCE);
  return source;
}

const NOTHING_TO_ENRICH = "webhooks carry their details; there is nothing to enrich.";

/** The Worker's own `fetch`, called detached (Workers refuse it as a method of another object). */
const workerFetch: FetchLike = (input, init) => fetch(input, init);

const getEnrichment = apiRoute({
  method: "get",
  path: "/{id}/enrichment",
  operationId: "getSourceEnrichment",
  tag,
  scope: "read",
  summary: "Get a source's enrichment state",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZEnrichmentState, "The state, with help on what to set.") },
  errors: { 404: NO_SOURCE },
});
const setCredential = apiRoute({
  method: "put",
  path: "/{id}/enrichment",
  operationId: "setSourceEnrichmentCredential",
  tag,
  scope: "write",
  summary: "Set or replace a source's enrichment credential",
  description:
    "For providers whose webhooks carry only ids (SurveyMonkey, Qualtrics, HubSpot, Google Business Profile, Front).",
  request: { params: ZParams, body: jsonBody(ZCredential) },
  responses: { 200: jsonResponse(ZEnrichmentSummary, "Stored (encrypted).") },
  errors: { 400: "Invalid input or settings, or the provider's webhooks carry their details already.", 404: NO_SOURCE },
});
const removeCredential = apiRoute({
  method: "delete",
  path: "/{id}/enrichment",
  operationId: "removeSourceEnrichmentCredential",
  tag,
  scope: "write",
  summary: "Remove a source's enrichment credential",
  request: { params: ZParams },
  responses: { 204: { description: "Removed." } },
  errors: { 404: "No such source in this workspace, or it has no enrichment credential." },
});
const runEnrichment = apiRoute({
  method: "post",
  path: "/{id}/enrichment/run",
  operationId: "runSourceEnrichment",
  tag,
  scope: "write",
  summary: "Fetch the details of a source's waiting items now",
  description: "Normally the cron's job, every 5 minutes.",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZRun, "What the run did (or why it waited), and the state after it.") },
  errors: {
    400: "The provider's webhooks carry their details; there is nothing to enrich.",
    404: NO_SOURCE,
    409: "No credential is set, or the provider refused it: set a new one first.",
  },
});

export const enrichmentRoutes = apiRouter()
  .openapi(getEnrichment, async (c) => {
    const source = await workspaceSource(c, c.req.valid("param").id);
    const provider = getEnrichmentProvider(source.provider);
    const help = provider && { credential: provider.credential, settings: provider.settingsHelp };
    return c.json(
      { ...(await enrichment.summary(c.get("db"), source.workspaceId, source.id)), help: help ?? null },
      200,
    );
  })
  .openapi(setCredential, async (c) => {
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
    return c.json(await enrichment.summary(db, workspaceId, source.id), 200);
  })
  .openapi(removeCredential, async (c) => {
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
  .openapi(runEnrichment, async (c) => {
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
    return c.json({ ...run, enrichment: await enrichment.summary(db, workspaceId, source.id) }, 200);
  });
