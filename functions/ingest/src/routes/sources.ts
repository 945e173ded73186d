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
import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";
import { forgetWebhookSource } from "../webhook-sources.ts";

const ZProvider = z
  .string()
  .refine(isConnectable, { message: `must be one of ${[...PROVIDERS.keys()].join(", ")} or csv` });
const ZId = z.string().min(1).max(64);

const ZCreateSource = z.object({
  provider: ZProvider,
  name: ZSourceName,
  journeyId: ZId.optional(),
  defaultTouchpointId: ZId.optional(),
  secret: z.string().min(8).max(500).optional(),
  settings: ZSourceSettings.optional(),
  fieldMapping: ZSourceFieldMapping.optional(),
});

const ZPatchSource = z
  .object({
    name: ZSourceName,
    journeyId: ZId.nullable(),
    defaultTouchpointId: ZId.nullable(),
    status: z.enum(["active", "paused"]),
    settings: ZSourceSettings,
    fieldMapping: ZSourceFieldMapping.nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" });

const ZRotate = z.object({ secret: z.string().min(8).max(500).optional() }).default({});
const ZParams = z.object({ id: ZId });
const ZLogQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ZReplayAll = z.object({ status: z.enum(["failed", "dead_lettered"]).default("dead_lettered") }).default({
  status: "dead_lettered",
});

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

export const sourceRoutes = new Hono<AppContext>()
  .post("/", requireToken("write"), validate("json", ZCreateSource), async (c) => {
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
  .get("/", requireToken("read"), async (c) => {
    const rows = await sources.list(c.get("db"), c.get("auth").workspaceId);
    return c.json({ data: rows.map((row) => present(row, c.env.INGEST_URL)) });
  })
  .get("/:id", requireToken("read"), validate("param", ZParams), async (c) => {
    const source = await sources.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", "No such source in this workspace.");
    const setup = getProvider(source.provider)?.setup(webhookUrl(c.env.INGEST_URL, source));
    // Only for providers whose webhooks carry ids or previews: the details are fetched with an API credential.
    const details = getEnrichmentProvider(source.provider)
      ? await enrichment.summary(c.get("db"), source.workspaceId, source.id)
      : null;
    return c.json({ ...present(source, c.env.INGEST_URL), setup, enrichment: details });
  })
  .patch("/:id", requireToken("write"), validate("param", ZParams), validate("json", ZPatchSource), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const { source: updated } = unwrap(
      await sourceChanges.change(c.get("db"), workspaceId, c.req.valid("param").id, c.req.valid("json"), by),
    );
    forgetWebhookSource(updated.id);
    return c.json(present(updated, c.env.INGEST_URL));
  })
  .post(
    "/:id/rotate-secret",
    requireToken("write"),
    validate("param", ZParams),
    validate("json", ZRotate),
    async (c) => {
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
      return c.json({ ...present(rotated, c.env.INGEST_URL), secret });
    },
  )
  .delete("/:id", requireToken("write"), validate("param", ZParams), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const db = c.get("db");
    const now = c.get("options").now();
    const id = c.req.valid("param").id;
    if (!(await sources.remove(db, workspaceId, id, now)))
      throw new ApiError("not_found", "No such source in this workspace.");
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
  .get("/:id/deliveries", requireToken("read"), validate("param", ZParams), validate("query", ZLogQuery), async (c) => {
    const { workspaceId } = c.get("auth");
    const db = c.get("db");
    const source = await sources.get(db, workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", "No such source in this workspace.");
    const page = c.req.valid("query");
    const rows = await deliveries.listForSource(db, workspaceId, source.id, page);
    const last = rows.at(-1);
    return c.json({
      data: rows.map(({ rawPayloadId: _raw, dedupeKey: _key, claimedAt: _claim, ...row }) => row),
      nextBefore: rows.length === page.limit && last ? last.receivedAt : null,
    });
  })
  .post("/:id/replay", requireToken("write"), validate("param", ZParams), validate("json", ZReplayAll), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const db = c.get("db");
    const source = await sources.get(db, workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", "No such source in this workspace.");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const status = c.req.valid("json").status;
    const replayed = await replay.replaySource(db, c.env.DELIVERIES, workspaceId, source.id, status, by);
    return c.json({ replayed }, 202);
  });

/** `/api/v1/deliveries/:id/replay`: replay one delivery of the workspace. */
export const deliveryRoutes = new Hono<AppContext>().post(
  "/:id/replay",
  requireToken("write"),
  validate("param", ZParams),
  async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now() };
    const result = await replay.replayDelivery(c.get("db"), c.env.DELIVERIES, workspaceId, c.req.valid("param").id, by);
    if (result.ok) return c.json({ replayed: result.replayed }, 202);
    if (result.problem === "not_found") throw new ApiError("not_found", "No such delivery in this workspace.");
    throw new ApiError("conflict", `A ${result.status} delivery has nothing to replay.`);
  },
);

/** `/api/v1/providers`: what can be connected, and how. */
export const providerRoutes = new Hono<AppContext>().get("/", requireToken("read"), (c) =>
  c.json({
    data: [...PROVIDERS.values()].map((p) => ({
      id: p.id,
      label: p.label,
      secretIssuedBy: p.secretIssuedBy,
      contentTypes: p.contentTypes,
    })),
  }),
);
