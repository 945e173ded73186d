/** @module SurveyMonkey response callback → one survey item that needs enrichment. */
import type { ZodError } from "zod";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { ZSurveyMonkeyEnvelope, ZSurveyMonkeyResponseEvent } from "./schema.ts";

/** Events that mean a response exists or changed; disqualified, over-quota and deleted responses are not feedback. */
const FEEDBACK_EVENTS = new Set(["response_completed", "response_updated"]);

export function parseSurveyMonkey(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };

  const envelope = ZSurveyMonkeyEnvelope.safeParse(json.value);
  if (!envelope.success) return { kind: "invalid", status: 422, reason: firstIssue(envelope.error) };
  const { event_type: eventType } = envelope.data;
  if (!FEEDBACK_EVENTS.has(eventType)) {
    return {
      kind: "invalid",
      status: 422,
      reason: `"${eventType}" is not a feedback event: only response_completed and response_updated`,
    };
  }

  const parsed = ZSurveyMonkeyResponseEvent.safeParse(json.value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: firstIssue(parsed.error) };
  const event = parsed.data;

  // The callback names the response only: score, text and email arrive with enrichment.
  const item: NormalizedFeedback = {
    externalId: event.object_id,
    // The survey is what enrichment needs besides the response id, and it is the response's container.
    parentExternalId: event.resources?.survey_id,
    kind: "survey",
    channel: "survey",
    text: "",
    scale: "none",
    customerId: event.resources?.recipient_id,
    tags: [],
    occurredAt: parseProviderTime(event.event_datetime) ?? context.receivedAt,
    needsEnrichment: true,
  };
  return { kind: "events", eventId: event.event_id, items: [item] };
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message}`;
}
