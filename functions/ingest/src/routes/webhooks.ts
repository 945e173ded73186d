/**
 * `POST /webhooks/{provider}/{sourceId}`: the path of one delivery. Size and type first, then the signature on the
 * raw bytes, then parsing; the receipt is durable in D1 and handed to the queue before the 2xx.
 * @module
 */
import { decryptSecret, encryptSecret, getProvider, newId, type RawDelivery, sha256Hex } from "@firebreak/core";
import { deliveries, sources } from "@firebreak/db";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext } from "../context.ts";
import { ApiError, errorResponse } from "../errors.ts";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Headers kept with the raw payload for replay and diagnosis; credentials and cookies never are. */
const DROPPED_HEADERS = /^(authorization|proxy-authorization|cookie|cf-|x-forwarded-|x-real-ip)/;

/** Exact match, plus vendor JSON types (`application/vnd.surveymonkey.response.v1+json`) where JSON is accepted. */
function acceptsContentType(accepted: readonly string[], contentType: string): boolean {
  return accepted.includes(contentType) || (accepted.includes("application/json") && contentType.endsWith("+json"));
}

export interface DeliveryMessage {
  deliveryId: string;
}

/**
 * Hands deliveries to the queue. D1 already holds each one as `queued`, so a failed send loses nothing: the cron
 * sweep re-enqueues it. Returns how many were sent now.
 */
export async function enqueueDeliveries(env: Pick<Env, "DELIVERIES">, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    for (let i = 0; i < ids.length; i += 100) {
      await env.DELIVERIES.sendBatch(
        ids.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } satisfies DeliveryMessage })),
      );
    }
    return ids.length;
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", deliveries: ids.length, message: `queue send failed: ${error}` }));
    return 0;
  }
}

export const webhookRoutes = new Hono<AppContext>()
  // Some providers probe the URL before they send anything (SurveyMonkey sends HEAD when the webhook is created).
  .get("/:provider/:sourceId", async (c) => {
    const { provider, sourceId } = c.req.param();
    const source = getProvider(provider) && (await sources.findForWebhook(c.get("db"), provider, sourceId));
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
      const db = c.get("db");
      const source = await sources.findForWebhook(db, adapter.id, sourceId);
      if (!source) throw new ApiError("not_found", "No such webhook endpoint.");
      if (source.status === "paused")
        throw new ApiError("source_paused", "This source is paused; deliveries are not accepted.");

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
      const receipt = {
        id: newId("dlv", now),
        workspaceId: source.workspaceId,
        sourceId: source.id,
        provider: adapter.id,
        receivedAt: now,
        rawPayload: {
          id: newId("raw", now),
          contentType,
          headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.test(name))),
          // Raw payloads hold personal data, so they are encrypted at rest like secrets.
          body: await encryptSecret(raw.text, c.env.SECRETS_KEY),
          sizeBytes: body.byteLength,
        },
      };
      const reject = async (code: "invalid_signature" | "bad_request" | "unprocessable_event", reason: string) => {
        const status = code === "invalid_signature" ? 401 : code === "bad_request" ? 400 : 422;
        await deliveries.recordRejected(db, { ...receipt, reason, httpStatus: status, ackMs: Date.now() - startedAt });
        throw new ApiError(code, reason);
      };

      const secret = await decryptSecret(source.secretCiphertext, c.env.SECRETS_KEY);
      const verdict = await adapter.verify(raw, {
        secret,
        now,
        settings: source.settings,
        jwks: c.get("options").jwks,
      });
      if (!verdict.ok) return reject("invalid_signature", `Signature check failed: ${verdict.reason}.`);

      const parsed = adapter.parse(raw, {
        receivedAt: now,
        settings: source.settings,
        fieldMapping: source.fieldMapping,
      });
      if (parsed.kind === "handshake") return c.json(parsed.body as object, parsed.status as 200);
      if (parsed.kind === "invalid")
        return reject(parsed.status === 400 ? "bad_request" : "unprocessable_event", parsed.reason);

      const dedupeKey = parsed.eventId ?? `sha256:${await sha256Hex(body)}`;
      const { duplicateOf } = await deliveries.recordAccepted(db, {
        ...receipt,
        providerEventId: parsed.eventId ?? null,
        dedupeKey,
        ackMs: Date.now() - startedAt,
      });
      if (duplicateOf !== undefined) return c.json({ status: "duplicate", deliveryId: duplicateOf }, 200);

      // D1 already holds the receipt, so a failed send is not a lost delivery: the cron sweep re-enqueues it.
      try {
        await c.env.DELIVERIES.send({ deliveryId: receipt.id } satisfies DeliveryMessage);
      } catch (error) {
        console.warn(JSON.stringify({ level: "warn", deliveryId: receipt.id, message: `queue send failed: ${error}` }));
      }
      return c.json({ status: "queued", deliveryId: receipt.id }, 202);
    },
  );
