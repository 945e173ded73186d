/** @module Delighted survey response (created or updated) → one normalized survey item. */
import type { ZodError } from "zod";
import { type NormalizedFeedback, type Scale, scaleBounds } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type DelightedSurveyResponseEvent, ZDelightedEnvelope, ZDelightedSurveyResponseEvent } from "./schema.ts";

type SurveyResponse = DelightedSurveyResponseEvent["event_data"];

interface ScaleOf {
  scale: Scale;
  scaleRange?: { min: number; max: number };
}

const FEEDBACK_EVENTS = new Set(["survey_response.created", "survey_response.updated"]);

/** Person properties Delighted adds itself (`Delighted Source`, `Delighted Device Type`, …): not customer facts. */
const DELIGHTED_PROPERTY = /^delighted[\s_]/i;
/** Property names that suggest personal data, which must not become segment attributes. */
const IDENTIFYING_KEY = /mail|name|phone|address|token|(^|_)ip$|(^|_)id$/;
const MAX_ATTRIBUTES = 20;
const MAX_ATTRIBUTE_LENGTH = 200;

export function parseDelighted(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };

  const envelope = ZDelightedEnvelope.safeParse(json.value);
  if (!envelope.success) return { kind: "invalid", status: 422, reason: firstIssue(envelope.error) };
  const { event_type: eventType } = envelope.data;
  if (!FEEDBACK_EVENTS.has(eventType)) {
    return {
      kind: "invalid",
      status: 422,
      reason: `"${eventType}" is not feedback: only survey_response.created and survey_response.updated`,
    };
  }

  const parsed = ZDelightedSurveyResponseEvent.safeParse(json.value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: firstIssue(parsed.error) };
  const { event_id: eventId, event_type: type, event_data: response } = parsed.data;

  const score = response.score ?? undefined;
  const comment = response.comment ?? "";
  if (score === undefined && !comment.trim()) {
    return { kind: "invalid", status: 422, reason: "response has neither a score nor a comment" };
  }
  const { scale, scaleRange } = score === undefined ? { scale: "none" as const } : scaleOf(response, context);
  const bounds = scaleBounds(scale, scaleRange);
  if (score !== undefined && bounds && (score < bounds.min || score > bounds.max)) {
    return {
      kind: "invalid",
      status: 422,
      reason: `score ${score} is outside the ${response.survey_type} scale ${bounds.min}–${bounds.max}`,
    };
  }

  const occurredAt = parseProviderTime(response.created_at, "s") ?? context.receivedAt;
  const item: NormalizedFeedback = {
    externalId: response.id,
    kind: "survey",
    channel: "survey",
    text: comment,
    score,
    scale,
    scaleRange,
    customerEmail: response.person?.email?.trim() || undefined,
    customerId: response.person?.id,
    customerAttributes: customerAttributesOf(response.person_properties),
    tags: (response.tags ?? []).filter((tag) => tag.trim()),
    url: response.permalink ?? undefined,
    touchpointHint: touchpointOf(response.person_properties),
    occurredAt,
    // The comment usually arrives in a later `.updated` event; its later updated_at makes it the winning revision.
    revisionAt: revisionOf(response, type, context),
  };
  return { kind: "events", eventId, items: [item] };
}

/**
 * Delighted's survey types and their scales. CES projects run 1–7 unless the source's `cesPoints` setting says 5;
 * PMF runs 1–3 with 3 ("very disappointed") the strongest fit; thumbs are read as 0 (down) / 1 (up). Unknown types
 * keep their score on an unbounded custom scale, so it is stored but not normalized.
 */
function scaleOf(response: SurveyResponse, context: ParseContext): ScaleOf {
  switch (response.survey_type?.toLowerCase()) {
    case "nps":
    case "enps":
      return { scale: "nps" };
    case "csat":
    case "smileys":
      return { scale: "csat5" };
    case "5_star":
    case "five_star":
    case "star":
      return { scale: "stars5" };
    case "ces":
      return context.settings.cesPoints === 5 ? { scale: "custom", scaleRange: { min: 1, max: 5 } } : { scale: "ces7" };
    case "pmf":
      return { scale: "custom", scaleRange: { min: 1, max: 3 } };
    case "thumbs":
      return response.score === 0 || response.score === 1 ? { scale: "thumbs" } : { scale: "custom" };
    default:
      return { scale: "custom" };
  }
}

/** `updated_at`; an update without one still has to outrank the created event, so it takes the receipt time. */
function revisionOf(response: SurveyResponse, type: string, context: ParseContext): number | undefined {
  const updatedAt = parseProviderTime(response.updated_at, "s");
  if (updatedAt !== undefined) return updatedAt;
  return type === "survey_response.updated" ? context.receivedAt : undefined;
}

/** Properties such as `Plan` or `Market` feed segments as `plan`, `market`; identifiers and Delighted's own are left out. */
function customerAttributesOf(
  properties: Record<string, unknown> | null | undefined,
): Record<string, string> | undefined {
  const entries = Object.entries(properties ?? {})
    .filter(([key]) => !DELIGHTED_PROPERTY.test(key))
    .map(([key, value]) => [attributeKey(key), attributeValue(value)] as const)
    .filter((entry): entry is readonly [string, string] => {
      const [key, value] = entry;
      return key !== "" && key !== "touchpoint" && !IDENTIFYING_KEY.test(key) && value !== undefined;
    })
    .slice(0, MAX_ATTRIBUTES);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function touchpointOf(properties: Record<string, unknown> | null | undefined): string | undefined {
  const entry = Object.entries(properties ?? {}).find(([key]) => attributeKey(key) === "touchpoint");
  return attributeValue(entry?.[1]);
}

/** `Customer Tier` → `customer_tier`, matching the lower-case attribute names segments use. */
function attributeKey(key: string): string {
  return key.trim().toLowerCase().replace(/\s+/g, "_");
}

function attributeValue(value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  return typeof text === "string" && text.trim() && text.length <= MAX_ATTRIBUTE_LENGTH ? text.trim() : undefined;
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message}`;
}
