/**
 * The webhook endpoints in the OpenAPI document. They are for providers, not API clients, and take raw bytes checked
 * against the provider's signature, so they are described here instead of being rebuilt as OpenAPI routes.
 * @module
 */
import { PROVIDERS } from "@firebreak/core";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { errorResponses, jsonResponse } from "./openapi.ts";
import { MAX_WEBHOOK_BYTES } from "./routes/webhooks.ts";

const ZWebhookParams = z.object({
  provider: z
    .enum([...PROVIDERS.keys()] as [string, ...string[]])
    .openapi({ param: { description: "The source's provider, as in its webhook URL." }, example: "typeform" }),
  sourceId: z.string().openapi({
    param: { description: "The source's id, as in its webhook URL." },
    example: "src_0kd3x5v2am7q8w1e9r4t6y2u3i5o",
  }),
});

const ZWebhookReceipt = z
  .object({
    status: z.enum(["queued", "duplicate"]),
    deliveryId: z
      .string()
      .openapi({ description: "The delivery in the source's delivery log (the first one, for a duplicate)." }),
  })
  .openapi("WebhookReceipt");

const providerList = [...PROVIDERS.values()]
  .map((p) => `- \`${p.id}\`: ${p.label} (${p.contentTypes.join(", ")})`)
  .join("\n");

/** Registers `GET` and `POST /webhooks/{provider}/{sourceId}` in the app's document. */
export function registerWebhookDocs(registry: OpenAPIHono["openAPIRegistry"]) {
  const common = { path: "/webhooks/{provider}/{sourceId}", tags: ["Webhooks"], security: [] };
  registry.registerPath({
    ...common,
    method: "post",
    operationId: "receiveWebhook",
    summary: "Receive a provider's webhook",
    description: [
      "The URL a source's provider sends its events to (`webhookUrl` of the source). No API token: each delivery is " +
        "checked against the source's secret as the provider signs it, on the raw bytes, before anything is parsed " +
        "(Trustpilot sends the secret as `?token=`, Freshdesk as Basic auth). The receipt is stored and queued " +
        "before the 2xx; analysis follows within seconds.",
      `Providers and the content types they send:\n\n${providerList}`,
    ].join("\n\n"),
    request: {
      params: ZWebhookParams,
      body: {
        required: true,
        description: `The provider's payload exactly as it sends it, at most ${MAX_WEBHOOK_BYTES} bytes.`,
        content: {
          "application/json": { schema: { type: "object", additionalProperties: true } },
          "application/x-www-form-urlencoded": { schema: { type: "object", additionalProperties: true } },
        },
      },
    },
    responses: {
      202: jsonResponse(ZWebhookReceipt, "Accepted and queued (`status: queued`)."),
      200: {
        description:
          "A duplicate of an event already accepted (`status: duplicate`, nothing stored twice), or the answer a " +
          "provider's handshake expects (a challenge echoed, a ping), in the provider's own shape.",
        content: { "application/json": { schema: z.union([ZWebhookReceipt, z.record(z.string(), z.unknown())]) } },
      },
      ...errorResponses([400, 401, 404, 409, 413, 415, 422, 423, 429, 500], {
        400: "The payload could not be parsed; recorded as a rejected delivery.",
        401: "The signature (or token) does not match the source's secret, or its timestamp is more than 5 minutes off.",
        404: "No such provider, or no such source for it.",
        409: "The source changed while the delivery was being checked; the provider should send it again.",
        413: `The body is larger than ${MAX_WEBHOOK_BYTES} bytes.`,
        415: "Not a content type this provider sends.",
        422: "Well-formed but unusable (no text, no score); recorded as a rejected delivery.",
        423: "The source is paused; the provider should retry later.",
        429: "Too many deliveries to this source; the provider should retry after `Retry-After` seconds.",
      }),
    },
  });
  registry.registerPath({
    ...common,
    method: "get",
    operationId: "probeWebhook",
    summary: "Check a webhook URL",
    description: "Some providers probe the URL before sending (SurveyMonkey sends `HEAD`); answers whether it exists.",
    request: { params: ZWebhookParams },
    responses: {
      200: jsonResponse(z.object({ ok: z.literal(true), provider: z.string() }), "The endpoint exists."),
      ...errorResponses([404, 429, 500], {
        404: "No such provider, or no such source for it.",
        429: "Too many requests to this source (probes count with deliveries); retry after `Retry-After` seconds.",
      }),
    },
  });
}
