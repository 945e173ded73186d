/** @module Standard Webhooks feedback event → normalized feedback. */
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { ZStandardFeedbackEvent } from "./schema.ts";
import { standardHeaders } from "./verify.ts";

/** Event types that carry feedback; anything else (e.g. `ping`) is acknowledged and stored as nothing. */
const FEEDBACK_TYPE = /^feedback\.(created|updated)$/;

export function parseStandardWebhook(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const eventId = standardHeaders(delivery.headers).id;

  if (isPing(json.value)) return { kind: "handshake", status: 200, body: { ok: true } };
  const parsed = ZStandardFeedbackEvent.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: "invalid", status: 422, reason: `${issue?.path.join(".") || "body"}: ${issue?.message}` };
  }
  const { type, timestamp, data } = parsed.data;
  if (!FEEDBACK_TYPE.test(type)) return { kind: "invalid", status: 422, reason: `unsupported event type "${type}"` };
  if (data.score !== undefined && data.scale === "none") {
    return { kind: "invalid", status: 422, reason: "data.scale is required when data.score is given" };
  }
  if (!data.comment.trim() && data.score === undefined) {
    return { kind: "invalid", status: 422, reason: "event has neither a comment nor a score" };
  }

  const eventAt = timestamp ? Date.parse(timestamp) : undefined;
  const occurredAt = (data.occurred_at ? Date.parse(data.occurred_at) : eventAt) ?? context.receivedAt;
  const item: NormalizedFeedback = {
    externalId: data.id,
    kind: data.kind,
    channel: data.channel,
    title: data.title,
    text: data.comment,
    score: data.score,
    scale: data.scale,
    customerEmail: data.customer?.email || undefined,
    customerId: data.customer?.id || undefined,
    customerAttributes: data.customer?.attributes,
    tags: data.tags,
    touchpointHint: data.touchpoint,
    language: data.language,
    url: data.url,
    occurredAt,
    // `feedback.updated` events replace the stored item when their envelope timestamp is newer.
    revisionAt: eventAt ?? occurredAt,
  };
  return { kind: "events", eventId, items: [item] };
}

function isPing(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "ping";
}
