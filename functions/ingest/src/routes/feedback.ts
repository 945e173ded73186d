/**
 * `GET /api/v1/feedback`: normalized, redacted feedback items, newest first, filtered and cursor-paginated.
 * Customer emails are never stored (only keyed hashes), so `customer.email` is always null.
 * @module
 */
import { fromBase64, type Scale, scaleBounds, toBase64Url } from "@firebreak/core";
import { feedback } from "@firebreak/db";
import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

const ZQuery = z.object({
  sourceId: z.string().max(64).optional(),
  touchpointId: z.string().max(64).optional(),
  language: z.string().min(2).max(8).optional(),
  sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Public scale names: the stored `csat5` is `{type: "csat", min: 1, max: 5}`. */
const SCALE_TYPE: Record<Exclude<Scale, "none">, string> = {
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

export const feedbackRoutes = new Hono<AppContext>().get(
  "/",
  requireToken("read"),
  validate("query", ZQuery),
  async (c) => {
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
    return c.json({
      data: rows.map(present),
      nextCursor: rows.length === query.limit && last ? encodeCursor(last.item.occurredAt, last.item.id) : null,
    });
  },
);
