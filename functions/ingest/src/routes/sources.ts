/**
 * `/api/v1/sources`: connect a provider, get its webhook URL, its secret (once) and setup guide; pause, rotate,
 * delete; read the delivery log and replay.
 * @module
 */
import {
  getEnrichmentProvider,
  getProvider,
  isConnectable,
  PROVIDERS,
  ZSourceFieldMapping,
  ZSourceName,
  ZSourceSettings,
} from "@firebreak/core";
import { audit, deliveries, enrichment, replay, sourceChanges, sources } from "@firebreak/db";
import { DELIVERY_STATUSES } from "@firebreak/db/schema";
import { z } from "@hono/zod-openapi";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse, orNull } from "../openapi.ts";
import { forgetWebhookSource } from "../webhook-sources.ts";
import { ZEnrichmentSummary } from "./enrichment.ts";

const ZProvider = z
  .string()
  .refine(isConnectable, { message: `must be one of ${[...PROVIDERS.keys()].join(", ")} or csv` })
  .openapi({ description: "A provider id from `GET /api/v1/providers`, or `csv` for a file-only source." });
const ZId = z.string().min(1).max(64);
const ZSettings = ZSourceSettings.meta({
  id: "SourceSettings",
  description: "Provider-specific settings (HubSpot's `canonicalUrl`, Google's `audience`, …): see the setup guide.",
});
const ZFieldMapping = ZSourceFieldMapping.meta({
  id: "SourceFieldMapping",
  description: "Generic JSON sources: normalized field → JSON pointer into the payload (or a literal).",
});

const ZCreateSource = z
  .object({
    provider: ZProvider,
    name: ZSourceName,
    journeyId: ZId.optional().openapi({ description: "The journey its feedback belongs to." }),
    defaultTouchpointId: ZId.optional().openapi({ description: "Where items land when no rule places them." }),
    secret: z
      .string()
      .min(8)
      .max(500)
      .optional()
      .openapi({ description: "The provider's signing secret, for providers that issue it; else one is generated." }),
    settings: ZSettings.optional(),
    fieldMapping: ZFieldMapping.optional(),
  })
  .openapi("NewSourceInput", { example: { provider: "typeform", name: "Post-purchase NPS" } });

const ZPatchSource = z
  .object({
    name: ZSourceName,
    journeyId: ZId.nullable(),
    defaultTouchpointId: ZId.nullable(),
    status: z.enum(["active", "paused"]).openapi({ description: "`paused` answers deliveries with 423." }),
    settings: ZSettings,
    fieldMapping: orNull(ZFieldMapping),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" })
  .openapi("SourcePatch", { description: "The fields to change; at least one.", example: { status: "paused" } });

const ZRotate = z
  .object({
    secret: z
      .string()
      .min(8)
      .max(500)
      .optional()
      .openapi({ description: "The provider's new secret; absent for a generated one." }),
  })
  .default({});
const ZParams = idParams("source", "src");
const ZLogQuery = z.object({
  status: z
    .enum(DELIVERY_STATUSES)
    .optional()
    .openapi({ param: { description: "Only deliveries in this status." } }),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ param: { description: "`nextBefore` of the previous page (received before, ms)." } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { description: "Per page." } }),
});
const ZReplayAll = z
  .object({
    status: z
      .enum(["failed", "dead_lettered"])
      .default("dead_lettered")
      .openapi({ description: "Which of the source's deliveries to send again." }),
  })
  .default({ status: "dead_lettered" });

const ZSetupGuide = z
  .object({
    steps: z.array(z.string()),
    template: z
      .string()
      .optional()
      .openapi({ description: "The JSON template to paste, where the provider needs one." }),
    settings: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: "Settings the source needs beyond the secret, with what each is for." }),
  })
  .openapi("SetupGuide", { description: "How to connect the provider to the webhook URL." });

const ZSource = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    provider: z.string(),
    name: z.string(),
    journeyId: z.string().nullable(),
    defaultTouchpointId: z.string().nullable(),
    secretHint: z
      .string()
      .openapi({ description: "The secret's last four characters: the secret is shown only once." }),
    settings: z.record(z.string(), z.unknown()),
    fieldMapping: z.record(z.string(), z.string()).nullable(),
    status: z.enum(["active", "paused"]),
    lastDeliveryAt: z.number().nullable().openapi({ description: "ms since the epoch, as every time here." }),
    version: z.number().int().openapi({ description: "Bumped by every change to how deliveries are checked." }),
    secretRotatedAt: z.number().nullable(),
    createdAt: z.number(),
    webhookUrl: z.string().openapi({ description: "Where the provider sends its events." }),
  })
  .openapi("Source");

const ZNewSource = ZSource.extend({
  secret: z.string().openapi({ description: "The signing secret, shown this once." }),
  setup: ZSetupGuide.optional(),
}).openapi("NewSource");
const ZSourceDetail = ZSource.extend({
  setup: ZSetupGuide.optional(),
  // For providers whose webhooks carry only ids: the state of fetching the details; else null.
  enrichment: orNull(ZEnrichmentSummary),
}).openapi("SourceDetail");
const ZRotatedSource = ZSource.extend({
  secret: z.string().openapi({ description: "The new secret, shown this once; the old one stops working at once." }),
}).openapi("RotatedSource");

const ZDelivery = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    sourceId: z.string(),
    provider: z.string(),
    providerEventId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    reason: z.string().nullable().openapi({ description: "Why it was rejected or failed." }),
    httpStatus: z.number().int().openapi({ description: "What the provider was answered." }),
    receivedAt: z.number(),
    processedAt: z.number().nullable(),
    ackMs: z.number().nullable(),
    processMs: z.number().nullable(),
    attempts: z.number().int(),
    itemCount: z.number().int(),
    duplicateOf: z.string().nullable(),
  })
  .openapi("Delivery");
const ZDeliveryPage = z
  .object({
    data: z.array(ZDelivery),
    nextBefore: z.number().nullable().openapi({ description: "Pass as `before` for the next page; null at the end." }),
  })
  .openapi("DeliveryPage");
const ZReplayed = z
  .object({ replayed: z.number().int().openapi({ description: "Deliveries sent to the queue again." }) })
  .openapi("Replayed");

const NO_SOURCE = "No such source in this workspace.";
const tag = "Sources";

function webhookUrl(ingestUrl: string, source: { provider: string; id: string }) {
  return `${ingestUrl.replace(/\/$/, "")}/webhooks/${source.provider}/${source.id}`;
}

function present(source: sources.SourceRow, ingestUrl: string) {
  return { ...sources.toView(source), webhookUrl: webhookUrl(ingestUrl, source) };
}

/** The pipelines' refusals as the API's errors. */
function unwrap<T extends { ok: true }>(result: T | sourceChanges.Refusal): T {
  if (!result.ok) throw new ApiError(result.problem, result.message);
  return result;
}

const createSource = apiRoute({
  method: "post",
  path: "/",
  operationId: "createSource",
  tag,
  scope: "write",
  summary: "Connect a source",
  description: "Returns the webhook URL, the signing secret (this once) and the provider's setup guide.",
  request: { body: jsonBody(ZCreateSource) },
  responses: { 201: jsonResponse(ZNewSource, "Connected.") },
  errors: { 400: "Invalid input, an unknown provider, or a journey or touchpoint that is not the workspace's." },
});
const listSources = apiRoute({
  method: "get",
  path: "/",
  operationId: "listSources",
  tag,
  scope: "read",
  summary: "List sources",
  responses: { 200: jsonResponse(z.object({ data: z.array(ZSource) }), "The workspace's sources, newest first.") },
});
const getSource = apiRoute({
  method: "get",
  path: "/{id}",
  operationId: "getSource",
  tag,
  scope: "read",
  summary: "Get a source",
  description: "With its setup guide and, where the provider needs it, the state of enrichment. Never the secret.",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZSourceDetail, "The source.") },
  errors: { 404: NO_SOURCE },
});
const updateSource = apiRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateSource",
  tag,
  scope: "write",
  summary: "Change, pause or resume a source",
  request: { params: ZParams, body: jsonBody(ZPatchSource) },
  responses: { 200: jsonResponse(ZSource, "The changed source.") },
  errors: { 404: NO_SOURCE },
});
const rotateSecret = apiRoute({
  method: "post",
  path: "/{id}/rotate-secret",
  operationId: "rotateSourceSecret",
  tag,
  scope: "write",
  summary: "Rotate a source's secret",
  description: "The old secret stops working at once. The body may be left out for a generated secret.",
  request: { params: ZParams, body: jsonBody(ZRotate) },
  responses: { 200: jsonResponse(ZRotatedSource, "The source with its new secret.") },
  errors: { 404: NO_SOURCE },
});
const deleteSource = apiRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteSource",
  tag,
  scope: "write",
  summary: "Delete a source",
  description: "Its webhook URL answers 404 from now on.",
  request: { params: ZParams },
  responses: { 204: { description: "Deleted." } },
  errors: { 404: NO_SOURCE },
});
const listDeliveries = apiRoute({
  method: "get",
  path: "/{id}/deliveries",
  operationId: "listSourceDeliveries",
  tag,
  scope: "read",
  summary: "Read a source's delivery log",
  request: { params: ZParams, query: ZLogQuery },
  responses: { 200: jsonResponse(ZDeliveryPage, "Deliveries, newest first.") },
  errors: { 404: NO_SOURCE },
});
const replaySource = apiRoute({
  method: "post",
  path: "/{id}/replay",
  operationId: "replaySourceDeliveries",
  tag,
  scope: "write",
  summary: "Replay a source's failed or dead-lettered deliveries",
  description: "Safe to repeat. The body may be left out for the dead letters.",
  request: { params: ZParams, body: jsonBody(ZReplayAll) },
  responses: { 202: jsonResponse(ZReplayed, "Queued again.") },
  errors: { 404: NO_SOURCE },
});

export const sourceRoutes = apiRouter()
  .openapi(createSource, async (c) => {
    const input = c.req.valid("json");
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const { source: created, secret } = unwrap(
      await sourceChanges.connect(c.get("db"), workspaceId, input, c.env.SECRETS_KEY, by),
    );
    // The secret is returned this once; afterwards only its last four characters are shown.
    return c.json(
      {
        ...present(created, c.env.INGEST_URL),
        secret,
        setup: getProvider(created.provider)?.setup(webhookUrl(c.env.INGEST_URL, created)),
      },
      201,
    );
  })
  .openapi(listSources, async (c) => {
    const rows = await sources.list(c.get("db"), c.get("auth").workspaceId);
    return c.json({ data: rows.map((row) => present(row, c.env.INGEST_URL)) }, 200);
  })
  .openapi(getSource, async (c) => {
    const source = await sources.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", NO_SOURCE);
    const setup = getProvider(source.provider)?.setup(webhookUrl(c.env.INGEST_URL, source));
    // Only for providers whose webhooks carry ids or previews: the details are fetched with an API credential.
    const details = getEnrichmentProvider(source.provider)
      ? await enrichment.summary(c.get("db"), source.workspaceId, source.id)
      : null;
    return c.json({ ...present(source, c.env.INGEST_URL), setup, enrichment: details }, 200);
  })
  .openapi(updateSource, async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const { source: updated } = unwrap(
      await sourceChanges.change(c.get("db"), workspaceId, c.req.valid("param").id, c.req.valid("json"), by),
    );
    forgetWebhookSource(updated.id);
    return c.json(present(updated, c.env.INGEST_URL), 200);
  })
  .openapi(rotateSecret, async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const { source: rotated, secret } = unwrap(
      await sourceChanges.rotateSecret(
        c.get("db"),
        workspaceId,
        c.req.valid("param").id,
        c.req.valid("json").secret,
        c.env.SECRETS_KEY,
        by,
      ),
    );
    forgetWebhookSource(rotated.id);
    return c.json({ ...present(rotated, c.env.INGEST_URL), secret }, 200);
  })
  .openapi(deleteSource, async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const db = c.get("db");
    const now = c.get("options").now();
    const id = c.req.valid("param").id;
    if (!(await sources.remove(db, workspaceId, id, now))) throw new ApiError("not_found", NO_SOURCE);
    forgetWebhookSource(id);
    await audit.entry(db, {
      workspaceId,
      actor: `token:${tokenId}`,
      action: "source.deleted",
      targetType: "source",
      targetId: id,
      at: now,
    });
    return c.body(null, 204);
  })
  .openapi(listDeliveries, async (c) => {
    const { workspaceId } = c.get("auth");
    const db = c.get("db");
    const source = await sources.get(db, workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", NO_SOURCE);
    const page = c.req.valid("query");
    const rows = await deliveries.listForSource(db, workspaceId, source.id, page);
    const last = rows.at(-1);
    return c.json(
      {
        data: rows.map(({ rawPayloadId: _raw, dedupeKey: _key, claimedAt: _claim, ...row }) => row),
        nextBefore: rows.length === page.limit && last ? last.receivedAt : null,
      },
      200,
    );
  })
  .openapi(replaySource, async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const db = c.get("db");
    const source = await sources.get(db, workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", NO_SOURCE);
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const status = c.req.valid("json").status;
    const replayed = await replay.replaySource(db, c.env.DELIVERIES, workspaceId, source.id, status, by);
    return c.json({ replayed }, 202);
  });

const replayDelivery = apiRoute({
  method: "post",
  path: "/{id}/replay",
  operationId: "replayDelivery",
  tag: "Deliveries",
  scope: "write",
  summary: "Replay one delivery",
  description: "Processes the stored bytes again; items are updated, never duplicated.",
  request: { params: idParams("delivery", "dlv") },
  responses: { 202: jsonResponse(ZReplayed, "Queued again.") },
  errors: {
    404: "No such delivery in this workspace.",
    409: "The delivery has nothing to replay (it was rejected, or is a duplicate).",
  },
});

/** `/api/v1/deliveries/:id/replay`: replay one delivery of the workspace. */
export const deliveryRoutes = apiRouter().openapi(replayDelivery, async (c) => {
  const { workspaceId, tokenId } = c.get("auth");
  const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
  const result = await replay.replayDelivery(c.get("db"), c.env.DELIVERIES, workspaceId, c.req.valid("param").id, by);
  if (result.ok) return c.json({ replayed: result.replayed }, 202);
  if (result.problem === "not_found") throw new ApiError("not_found", "No such delivery in this workspace.");
  throw new ApiError("conflict", `A ${result.status} delivery has nothing to replay.`);
});

const ZProviderView = z
  .object({
    id: z.string(),
    label: z.string(),
    secretIssuedBy: z.enum(["provider", "firebreak"]).openapi({
      description: "`provider`: paste the provider's secret when connecting; `firebreak`: one is generated.",
    }),
    contentTypes: z.array(z.string()),
  })
  .openapi("Provider");

const listProviders = apiRoute({
  method: "get",
  path: "/",
  operationId: "listProviders",
  tag: "Providers",
  scope: "read",
  summary: "List the providers a source can be connected to",
  responses: { 200: jsonResponse(z.object({ data: z.array(ZProviderView) }), "Every webhook provider.") },
});

/** `/api/v1/providers`: what can be connected, and how. */
export const providerRoutes = apiRouter().openapi(listProviders, (c) =>
  c.json(
    {
      data: [...PROVIDERS.values()].map((p) => ({
        id: p.id,
        label: p.label,
        secretIssuedBy: p.secretIssuedBy,
        contentTypes: [...p.contentTypes],
      })),
    },
    200,
  ),
);
