/**
 * `GET /api/v1/feedback`: normalized, redacted feedback items, newest first, filtered and cursor-paginated.
 * Customer emails are never stored (only keyed hashes), so `customer.email` is always null.
 * @module
 */
import { fromBase64, type Scale, scaleBounds, toBase64Url, ZHandledByKind } from "@firebreak/core";
import { feedback } from "@firebreak/db";
import { TOUCHPOINT_METHODS } from "@firebreak/db/schema";
import { z } from "@hono/zod-openapi";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, jsonResponse } from "../openapi.ts";

const SCALE_TYPES = ["nps", "csat", "stars", "ces", "thumbs", "custom"] as const;

const query = (description: string) => ({ param: { description } });

const ZQuery = z.object({
  sourceId: z.string().max(64).optional().openapi(query("Only this source's items.")),
  touchpointId: z
    .string()
    .max(64)
    .optional()
    .openapi(query("Only this touchpoint's items; `unassigned` for items placed on none.")),
  language: z.string().min(2).max(8).optional().openapi(query("ISO 639-1 code as detected (`en`, `da`, …).")),
  sentiment: z.enum(["negative", "neutral", "positive"]).optional().openapi(query("Only items read this way.")),
  from: z.iso.datetime({ offset: true }).optional().openapi(query("Occurred at or after (ISO 8601).")),
  to: z.iso.datetime({ offset: true }).optional().openapi(query("Occurred at or before (ISO 8601).")),
  cursor: z.string().max(200).optional().openapi(query("`nextCursor` of the previous page.")),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi(query("Items per page.")),
});

const ZFeedbackItem = z
  .object({
    id: z.string(),
    source: z.string().openapi({ description: "The source's provider (`zendesk`, `typeform`, …) or `csv`." }),
    sourceId: z.string(),
    externalId: z.string().openapi({ description: "The provider's id for the response, review or ticket." }),
    parentExternalId: z.string().nullable(),
    eventId: z.string().nullable().openapi({ description: "The provider's event id of the latest revision." }),
    occurredAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    revisedAt: z.iso.datetime().openapi({ description: "When the stored revision was produced." }),
    score: z.number().nullable(),
    scale: z
      .object({
        type: z.enum(SCALE_TYPES),
        min: z.number(),
        max: z.number(),
      })
      .nullable(),
    text: z.string().openapi({ description: "Redacted before it was stored: the original never is." }),
    textTruncated: z.boolean(),
    title: z.string().nullable(),
    customer: z
      .object({
        id: z.string(),
        email: z.null().openapi({ description: "Always null: emails are stored only as keyed hashes." }),
      })
      .nullable(),
    kind: z.enum(["survey", "review", "ticket", "message"]),
    channel: z.string(),
    tags: z.array(z.string()),
    ticketStatus: z.string().nullable(),
    url: z.string().nullable(),
    language: z.string().openapi({ description: "ISO 639-1, or `und` when undetermined." }),
    needsEnrichment: z.boolean().openapi({ description: "The webhook carried ids only; details are on their way." }),
    test: z.boolean().openapi({ description: 'A "Send a test event" sample: listed, never counted on the map.' }),
    handledBy: z
      .object({
        kind: z.enum(ZHandledByKind.options),
        evidence: z
          .string()
          .openapi({ description: "What the provider's payload showed, e.g. `Zendesk: via.channel = api`." }),
      })
      .nullable()
      .openapi({
        description:
          "A bot, macro or automation handled the ticket (kept once seen); at a human moment it raises an alert.",
      }),
    analysis: z.object({
      sentiment: z.number().openapi({ description: "From -1 (negative) to 1 (positive)." }),
      sentimentLabel: z.enum(["negative", "neutral", "positive"]),
      sentimentConfidence: z.number(),
      touchpointId: z.string().nullable(),
      touchpointMethod: z.enum(TOUCHPOINT_METHODS),
      touchpointConfidence: z.number(),
      escalations: z.array(z.string()).openapi({ description: "Ids of the escalation rules that fired." }),
      repeatOfItemId: z.string().nullable(),
      friction: z.number().openapi({ description: "What this item adds to its touchpoint's friction, 0..1." }),
      redactions: z.record(z.string(), z.number()).openapi({ description: "Redacted values per kind." }),
    }),
  })
  .openapi("FeedbackItem");

const ZFeedbackPage = z
  .object({
    data: z.array(ZFeedbackItem),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null at the end." }),
  })
  .openapi("FeedbackPage");

/** Public scale names: the stored `csat5` is `{type: "csat", min: 1, max: 5}`. */
const SCALE_TYPE: Record<Exclude<Scale, "none">, (typeof SCALE_TYPES)[number]> = {
  nps: "nps",
  csat5: "csat",
  csat3: "csat",
  stars5: "stars",
  ces7: "ces",
  thumbs: "thumbs",
  custom: "custom",
};

function encodeCursor(occurredAt: number, id: string) {
  return toBase64Url(new TextEncoder().encode(`${occurredAt}:${id}`));
}

function decodeCursor(cursor: string) {
  try {
    const [at, id] = new TextDecoder().decode(fromBase64(cursor)).split(":", 2);
    if (!id || !/^\d+$/.test(at ?? "")) throw new Error("bad cursor");
    return { occurredAt: Number(at), id };
  } catch {
    throw new ApiError("bad_request", "cursor: not a cursor this API returned");
  }
}

type Row = Awaited<ReturnType<typeof feedback.list>>[number];

function present({ item, provider }: Row) {
  const custom =
    item.scaleMin != null && item.scaleMax != null ? { min: item.scaleMin, max: item.scaleMax } : undefined;
  const bounds = scaleBounds(item.scale, custom);
  return {
    id: item.id,
    source: provider,
    sourceId: item.sourceId,
    externalId: item.externalId,
    parentExternalId: item.parentExternalId,
    eventId: item.eventId,
    occurredAt: new Date(item.occurredAt).toISOString(),
    receivedAt: new Date(item.receivedAt).toISOString(),
    revisedAt: new Date(item.revisionAt).toISOString(),
    score: item.score,
    scale: item.scale === "none" || !bounds ? null : { type: SCALE_TYPE[item.scale], ...bounds },
    text: item.text,
    textTruncated: item.textTruncated,
    title: item.title,
    customer: item.customerId ? { id: item.customerId, email: null } : null,
    kind: item.kind,
    channel: item.channel,
    tags: item.tags,
    ticketStatus: item.status,
    url: item.url,
    language: item.language,
    needsEnrichment: item.needsEnrichment,
    // A "Send a test event" sample: listed here, never counted on the map.
    test: item.isTest,
    handledBy: item.handledBy,
    analysis: {
      sentiment: item.sentiment,
      sentimentLabel: item.sentimentLabel,
      sentimentConfidence: item.sentimentConfidence,
      touchpointId: item.touchpointId,
      touchpointMethod: item.touchpointMethod,
      touchpointConfidence: item.touchpointConfidence,
      escalations: item.escalations,
      repeatOfItemId: item.repeatOfItemId,
      friction: item.friction,
      redactions: item.redactions,
    },
  };
}

const listFeedback = apiRoute({
  method: "get",
  path: "/",
  operationId: "listFeedback",
  tag: "Feedback",
  scope: "read",
  summary: "List feedback items",
  description: "Normalized, redacted, analysed items, newest first, filtered and cursor-paginated.",
  request: { query: ZQuery },
  responses: { 200: jsonResponse(ZFeedbackPage, "A page of items.") },
});

export const feedbackRoutes = apiRouter().openapi(listFeedback, async (c) => {
  const query = c.req.valid("query");
  const rows = await feedback.list(c.get("db"), c.get("auth").workspaceId, {
    sourceId: query.sourceId,
    touchpointId: query.touchpointId === "unassigned" ? undefined : query.touchpointId,
    unassigned: query.touchpointId === "unassigned",
    language: query.language,
    sentiment: query.sentiment,
    from: query.from ? Date.parse(query.from) : undefined,
    to: query.to ? Date.parse(query.to) : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const last = rows.at(-1);
  return c.json(
    {
      data: rows.map(present),
      nextCursor: rows.length === query.limit && last ? encodeCursor(last.item.occurredAt, last.item.id) : null,
    },
    200,
  );
});
