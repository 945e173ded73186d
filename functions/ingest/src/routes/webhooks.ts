/**
 * `POST /webhooks/{provider}/{sourceId}`: the path of one delivery. The source's rate limit first, then size and type,
 * then the signature on the raw bytes, then parsing; the receipt is durable in D1 and handed to the queue before the
 * 2xx.
 * @module
 */
import {
  deliveryEventId,
  encryptSecret,
  getProvider,
  newId,
  type ProviderAdapter,
  type RawDelivery,
  sha256Hex,
} from "@firebreak/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext, AppOptions } from "../context.ts";
import { ApiError, ERROR_STATUS, errorResponse } from "../errors.ts";
import { webhookRateLimit } from "../middleware/rate-limit.ts";
import { recordReceipt } from "../receipts.ts";
import { getWebhookSource, type WebhookSource } from "../webhook-sources.ts";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Headers kept with the raw payload for replay and diagnosis; credentials and cookies never are. */
const DROPPED_HEADERS = /^(authorization|proxy-authorization|cookie|cf-|x-forwarded-|x-real-ip)/;

/** Exact match, plus vendor JSON types (`application/vnd.surveymonkey.response.v1+json`) where JSON is accepted. */
function acceptsContentType(accepted: readonly string[], contentType: string): boolean {
  return accepted.includes(contentType) || (accepted.includes("application/json") && contentType.endsWith("+json"));
}

export const webhookRoutes = new Hono<AppContext>()
  // First, before the body, the source or a signature is looked at: a flood to one source costs a counter call each.
  .use("/:provider/:sourceId", webhookRateLimit)
  // Some providers probe the URL before they send anything (SurveyMonkey sends HEAD when the webhook is created).
  .get("/:provider/:sourceId", async (c) => {
    const { provider, sourceId } = c.req.param();
    const source =
      getProvider(provider) &&
      (await getWebhookSource(c.get("db"), provider, sourceId, c.env.SECRETS_KEY, { fresh: true }));
    if (!source) throw new ApiError("not_found", "No such webhook endpoint.");
    return c.json({ ok: true, provider });
  })
  .post(
    "/:provider/:sourceId",
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) =>
        errorResponse(c, "payload_too_large", `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes.`),
    }),
    async (c) => {
      const startedAt = Date.now();
      const { provider, sourceId } = c.req.param();
      const adapter = getProvider(provider);
      if (!adapter) throw new ApiError("not_found", `Unknown provider "${provider}".`);
      const contentType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!acceptsContentType(adapter.contentTypes, contentType)) {
        throw new ApiError(
          "unsupported_media_type",
          `${adapter.label} webhooks must be ${adapter.contentTypes.join(" or ")}.`,
        );
      }
      const body = new Uint8Array(await c.req.arrayBuffer());
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const raw: RawDelivery = {
        method: c.req.method,
        url: c.req.url,
        headers,
        body,
        text: new TextDecoder().decode(body),
      };
      const now = c.get("options").now();
      const receiptId = newId("dlv", now);
      const rawPayload = {
        id: newId("raw", now),
        contentType,
        headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.test(name))),
        // Raw payloads hold personal data, so they are encrypted at rest like secrets.
        body: await encryptSecret(raw.text, c.env.SECRETS_KEY),
        sizeBytes: body.byteLength,
      };

      // Three tries at most: a cached source that turns out stale costs one more; a source changed twice while
      // this very delivery was being checked, one more again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const source = await getWebhookSource(c.get("db"), adapter.id, sourceId, c.env.SECRETS_KEY, {
          fresh: attempt > 0,
        });
        const verdict = await check(adapter, raw, source, now, c.get("options"));
        // Only a clean accept is taken on the cache's word; everything else is confirmed against a fresh read.
        if (verdict.kind !== "accept" && source?.cached) continue;
        if (verdict.kind === "missing") throw new ApiError("not_found", "No such webhook endpoint.");
        if (verdict.kind === "paused")
          throw new ApiError("source_paused", "This source is paused; deliveries are not accepted.");
        if (verdict.kind === "handshake") return c.json(verdict.body as object, verdict.status as 200);

        const receipt = {
          id: receiptId,
          workspaceId: verdict.source.row.workspaceId,
          sourceId: verdict.source.row.id,
          provider: adapter.id,
          receivedAt: now,
          rawPayload,
          ackMs: Date.now() - startedAt,
        };
        if (verdict.kind === "reject") {
          await recordReceipt(c, {
            ...receipt,
            kind: "rejected",
            reason: verdict.reason,
            httpStatus: ERROR_STATUS[verdict.code],
          });
          throw new ApiError(verdict.code, verdict.reason);
        }
        const outcome = await recordReceipt(c, {
          ...receipt,
          kind: "accepted",
          providerEventId: verdict.eventId ?? null,
          dedupeKey: verdict.eventId ?? `sha256:${await sha256Hex(body)}`,
          sourceVersion: verdict.source.row.version,
        });
        if (outcome.status === "duplicate")
          return c.json({ status: "duplicate", deliveryId: outcome.duplicateOf }, 200);
        if (outcome.status !== "stale") return c.json({ status: "queued", deliveryId: receiptId }, 202);
      }
      throw new ApiError("conflict", "The source changed while this delivery was being checked; send it again.");
    },
  );

type Verdict =
  | { kind: "missing" }
  | { kind: "paused" }
  | { kind: "handshake"; status: number; body: unknown }
  | {
      kind: "reject";
      source: WebhookSource;
      code: "invalid_signature" | "bad_request" | "unprocessable_event";
      reason: string;
    }
  | { kind: "accept"; source: WebhookSource; eventId: string | undefined };

/** What the source, as read, makes of a delivery: signature first, on the raw bytes, then parsing. */
async function check(
  adapter: ProviderAdapter,
  raw: RawDelivery,
  source: WebhookSource | undefined,
  now: number,
  options: AppOptions,
): Promise<Verdict> {
  if (!source) return { kind: "missing" };
  if (source.row.status === "paused") return { kind: "paused" };
  const { settings, fieldMapping } = source.row;
  const signature = await adapter.verify(raw, { secret: source.secret, now, settings, jwks: options.jwks });
  if (!signature.ok)
    return {
      kind: "reject",
      source,
      code: "invalid_signature",
      reason: `Signature check failed: ${signature.reason}.`,
    };
  const parsed = adapter.parse(raw, { receivedAt: now, settings, fieldMapping });
  if (parsed.kind === "handshake") return { kind: "handshake", status: parsed.status, body: parsed.body };
  if (parsed.kind === "invalid")
    return {
      kind: "reject",
      source,
      code: parsed.status === 400 ? "bad_request" : "unprocessable_event",
      reason: parsed.reason,
    };
  return { kind: "accept", source, eventId: deliveryEventId(parsed) };
}
