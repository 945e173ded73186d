/** @module Qualtrics completed-response event → one survey item that needs enrichment. */
import type { ZodError } from "zod";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { ZQualtricsMessage } from "./schema.ts";
import { readQualtricsForm } from "./verify.ts";

/** `<brand>.surveyengine.completedResponse.<SurveyID>`; the brand prefix and survey suffix are optional here. */
const COMPLETED_RESPONSE_TOPIC = /(?:^|\.)surveyengine\.completedResponse(?:\.(?<surveyId>[^.]+))?$/;

export function parseQualtrics(delivery: RawDelivery, context: ParseContext): ParseResult {
  const form = readQualtricsForm(delivery.text);
  if (!form.ok) return { kind: "invalid", status: 400, reason: form.reason };
  if (form.msg === undefined) return { kind: "invalid", status: 400, reason: "missing MSG form field" };
  if (!form.topic) return { kind: "invalid", status: 422, reason: "missing Topic form field" };

  const topic = COMPLETED_RESPONSE_TOPIC.exec(form.topic);
  if (!topic) {
    return { kind: "invalid", status: 422, reason: `topic "${form.topic.slice(0, 200)}" is not a completed response` };
  }

  const json = parseJson(form.msg);
  // Subscriptions created with `encrypt: true` send ciphertext, which is the likeliest cause of a non-JSON MSG.
  if (!json.ok)
    return { kind: "invalid", status: 400, reason: `MSG is not JSON (encrypted subscription?): ${json.reason}` };
  const parsed = ZQualtricsMessage.safeParse(json.value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: `MSG.${firstIssue(parsed.error)}` };
  const message = parsed.data;

  // The topic is not signed: it may only name the survey the signed MSG names.
  const topicSurveyId = topic.groups?.surveyId;
  if (topicSurveyId !== undefined && topicSurveyId !== message.SurveyID) {
    return { kind: "invalid", status: 422, reason: "Topic and MSG name different surveys" };
  }

  const item: NormalizedFeedback = {
    externalId: message.ResponseID,
    // The survey is what enrichment needs besides the response id, and it is the response's container.
    parentExternalId: message.SurveyID,
    kind: "survey",
    channel: "survey",
    text: "",
    scale: "none",
    tags: [],
    occurredAt: parseProviderTime(message.CompletedDate) ?? context.receivedAt,
    needsEnrichment: true,
  };
  // Qualtrics sends no event id; a response completes once, so its id is the idempotency key.
  return { kind: "events", eventId: message.ResponseID, items: [item] };
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message}`;
}
