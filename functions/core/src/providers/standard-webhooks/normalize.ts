/** @module Standard Webhooks feedback event → normalized feedback. */
import { automationTagsFor, detectAutomation, handledByValue } from "../../analysis/automation.ts";
import type { HandledBy, NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type StandardFeedbackEvent, ZStandardFeedbackEvent } from "./schema.ts";
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

  const handledBy = handledByOf(data, context);
  if (handledBy === "unreadable") {
    return { kind: "invalid", status: 422, reason: "data.handled_by is not bot, macro, automation or human" };
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
    handledBy,
    occurredAt,
    // `feedback.updated` events replace the stored item when their envelope timestamp is newer.
    revisionAt: eventAt ?? occurredAt,
  };
  return { kind: "events", eventId, items: [item] };
}

/** The sender's own `handled_by` when it gives one (`human` means none); otherwise what the tags show. */
function handledByOf(data: StandardFeedbackEvent["data"], context: ParseContext): HandledBy | undefined | "unreadable" {
  const said = data.handled_by;
  if (said === undefined) {
    return detectAutomation({ provider: "Webhook", tags: data.tags }, automationTagsFor(context.settings));
  }
  if (typeof said === "object") return { kind: said.kind, evidence: `Webhook: ${said.evidence ?? said.kind}` };
  const handled = handledByValue("Webhook", "data.handled_by", said);
  return handled === undefined ? "unreadable" : (handled ?? undefined);
}

function isPing(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "ping";
}
