/** @module Trustpilot service-review batch → one review item per created or updated review. */
import type { ZodError } from "zod";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type TrustpilotReview, ZTrustpilotDelivery, ZTrustpilotReview } from "./schema.ts";

/** Events that carry a review; `service-review-deleted` (and anything unknown) is skipped, not stored. */
const REVIEW_EVENTS = new Set(["service-review-created", "service-review-updated"]);

type ItemOrError = { ok: true; item: NormalizedFeedback } | { ok: false; reason: string };

export function parseTrustpilot(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };

  const parsed = ZTrustpilotDelivery.safeParse(json.value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: firstIssue(parsed.error) };
  const { events } = parsed.data;

  const items: NormalizedFeedback[] = [];
  for (const [index, event] of events.entries()) {
    if (!REVIEW_EVENTS.has(event.eventName)) continue;
    // One malformed review refuses the whole batch: the rejected delivery is kept and can be replayed, whereas a
    // silently dropped review would be lost.
    const result = reviewItem(event.eventName, event.eventData, context);
    if (!result.ok) return { kind: "invalid", status: 422, reason: `events.${index}.eventData.${result.reason}` };
    items.push(result.item);
  }
  if (items.length === 0) {
    const names = [...new Set(events.map((e) => e.eventName))].slice(0, 5).join(", ") || "none";
    return { kind: "invalid", status: 422, reason: `no feedback events (received: ${names})` };
  }
  // No delivery-level id: Trustpilot sends none, so the router fingerprints the body; each item has its own.
  return { kind: "events", items };
}

function reviewItem(eventName: string, eventData: unknown, context: ParseContext): ItemOrError {
  const parsed = ZTrustpilotReview.safeParse(eventData);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const review = parsed.data;
  return {
    ok: true,
    item: {
      externalId: review.id,
      kind: "review",
      channel: "social",
      title: review.title?.trim() || undefined,
      text: review.text ?? "",
      score: review.stars,
      scale: "stars5",
      // Trustpilot never sends the reviewer's email; the consumer id is the only stable handle.
      customerId: review.consumer?.id,
      tags: (review.tags ?? []).map((tag) => tag.value).filter((value) => value.trim()),
      url: review.link ?? undefined,
      // A review of one shop or branch: a touchpoint keyed by the location id (a store on the journey) takes it.
      touchpointHint: review.locationId ?? undefined,
      language: languageOf(review.language),
      occurredAt: parseProviderTime(review.createdAt) ?? context.receivedAt,
      revisionAt: revisionOf(eventName, review, context),
      eventId: `${eventName}:${review.id}`,
    },
  };
}

/** An edit must outrank the original review; without `updatedAt` the receipt time is the best known edit time. */
function revisionOf(eventName: string, review: TrustpilotReview, context: ParseContext): number | undefined {
  if (eventName !== "service-review-updated") return undefined;
  return parseProviderTime(review.updatedAt) ?? context.receivedAt;
}

/** `en-GB` → `en`; anything that is not a language tag is dropped. */
function languageOf(value: string | null | undefined): string | undefined {
  const primary = value?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message}`;
}
