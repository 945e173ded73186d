/** @module Google Business Profile review notification (Pub/Sub push) → one review item awaiting enrichment. */

import { tryFromBase64 } from "../../crypto.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type ReviewNotification, ZPushEnvelope, ZReviewNotification } from "./schema.ts";

/** The notification types that concern reviews; questions, answers and listing updates are not feedback. */
const REVIEW_TYPES = new Set(["NEW_REVIEW", "UPDATED_REVIEW"]);

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function parseGooglePush(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return invalid(400, json.reason);
  const envelope = ZPushEnvelope.safeParse(json.value);
  if (!envelope.success) return invalid(422, "body is not a Pub/Sub push message");
  const { message } = envelope.data;
  const messageId = message.messageId ?? message.message_id;
  if (!messageId) return invalid(422, "message.messageId is missing");
  if (!message.data) return invalid(422, "message.data is empty");

  const decoded = decodeData(message.data);
  if (!decoded.ok) return invalid(400, decoded.reason);
  const notification = ZReviewNotification.safeParse(decoded.value);
  if (!notification.success) return invalid(422, "message.data is not a Business Profile notification");
  const { type } = notification.data;
  if (!type || !REVIEW_TYPES.has(type)) {
    return invalid(422, `unsupported notification type "${type ?? "missing"}"; only NEW_REVIEW and UPDATED_REVIEW`);
  }
  const reviewName = reviewNameOf(notification.data);
  if (!reviewName) return invalid(422, "notification names no review");

  const occurredAt = parseProviderTime(message.publishTime ?? message.publish_time) ?? context.receivedAt;
  const item: NormalizedFeedback = {
    externalId: reviewName,
    kind: "review",
    channel: "social",
    // The notification carries no review content: stars and comment come from reviews.get during enrichment.
    text: "",
    score: undefined,
    scale: "stars5",
    tags: [],
    // `accounts/{a}/locations/{l}/reviews/{r}`: a touchpoint keyed by the location id (a store) takes the review.
    touchpointHint: /\/locations\/([^/]+)\//.exec(reviewName)?.[1],
    occurredAt,
    // An UPDATED_REVIEW for the same review name is a newer revision of the same item.
    revisionAt: occurredAt,
    eventId: messageId,
    needsEnrichment: true,
  };
  return { kind: "events", eventId: messageId, items: [item] };
}

function invalid(status: 400 | 422, reason: string): ParseResult {
  return { kind: "invalid", status, reason };
}

function decodeData(data: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const bytes = tryFromBase64(data.trim());
  if (!bytes) return { ok: false, reason: "message.data is not base64" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: "message.data is not UTF-8" };
  }
  const json = parseJson(text);
  return json.ok ? json : { ok: false, reason: `message.data: ${json.reason}` };
}

function reviewNameOf(notification: ReviewNotification): string | undefined {
  return notification.reviewName ?? notification.review_name ?? notification.review;
}
