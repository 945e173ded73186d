/** @module Typeform `form_response` → one normalized survey item. */
import type { ZodError } from "zod";
import type { NormalizedFeedback, Scale } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import {
  type TypeformAnswer,
  type TypeformFieldDefinition,
  type TypeformResponseEvent,
  ZTypeformEnvelope,
  ZTypeformResponseEvent,
} from "./schema.ts";

type FormResponse = TypeformResponseEvent["form_response"];

interface ScoreOnScale {
  score: number;
  scale: Scale;
  scaleRange?: { min: number; max: number };
}

/** Question types whose numeric answer is the response's score, in Typeform's own words. */
const SCORED_FIELD_TYPES = new Set(["nps", "rating", "opinion_scale"]);

/** Typeform's builder defaults, used when the webhook's field definition does not state the scale. */
const DEFAULT_RATING_STEPS = 5;
const DEFAULT_OPINION_STEPS = 11;

/** Hidden fields with a meaning of their own; every other hidden field may become a customer attribute. */
const CUSTOMER_ID_KEYS = ["user_id", "customer_id", "account_id"] as const;
const RESERVED_HIDDEN_KEYS = new Set(["email", "touchpoint", "language", "lang", ...CUSTOMER_ID_KEYS]);
/** Hidden-field names that suggest personal data, which must not become segment attributes. */
const IDENTIFYING_KEY = /mail|name|phone|address|token|(^|_)ip$|(^|_)id$/i;
const MAX_ATTRIBUTES = 20;
const MAX_ATTRIBUTE_LENGTH = 200;

export function parseTypeform(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };

  const envelope = ZTypeformEnvelope.safeParse(json.value);
  if (!envelope.success) return { kind: "invalid", status: 422, reason: firstIssue(envelope.error) };
  const { event_type: eventType } = envelope.data;
  if (eventType !== "form_response") {
    return { kind: "invalid", status: 422, reason: `unsupported event type "${eventType}": only form_response` };
  }

  const parsed = ZTypeformResponseEvent.safeParse(json.value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: firstIssue(parsed.error) };
  const response = parsed.data.form_response;

  const scored = scoreOf(response);
  const text = textOf(response.answers);
  if (!scored && !text.trim()) {
    return { kind: "invalid", status: 422, reason: "response has neither a score nor a text answer" };
  }

  const item: NormalizedFeedback = {
    externalId: response.token,
    parentExternalId: response.form_id,
    kind: "survey",
    channel: "survey",
    text,
    score: scored?.score,
    scale: scored?.scale ?? "none",
    scaleRange: scored?.scaleRange,
    customerEmail: emailOf(response),
    customerId: firstHidden(response.hidden, CUSTOMER_ID_KEYS),
    customerAttributes: customerAttributesOf(response.hidden),
    tags: [],
    // Both the field's ref (stable, set in the form builder) and its id, so a question rule may name either.
    questionIds: [
      ...new Set(response.answers.flatMap((a) => [a.field.ref, a.field.id].filter((q) => q !== undefined))),
    ],
    touchpointHint: firstHidden(response.hidden, ["touchpoint"]),
    language: languageOf(firstHidden(response.hidden, ["language", "lang"])),
    occurredAt: parseProviderTime(response.submitted_at) ?? context.receivedAt,
  };
  return { kind: "events", eventId: parsed.data.event_id, items: [item] };
}

/** The first NPS, rating or opinion-scale answer; `calculated.score` is a quiz score, never the NPS. */
function scoreOf(response: FormResponse): ScoreOnScale | undefined {
  const answer = response.answers.find((a) => SCORED_FIELD_TYPES.has(a.field.type) && a.number !== undefined);
  if (answer?.number === undefined) return undefined;
  const definition = response.definition?.fields.find((f) => f.id === answer.field.id);
  if (answer.field.type === "nps") return { score: answer.number, scale: "nps" };
  if (answer.field.type === "rating") return ratingScale(answer.number, definition);
  return opinionScale(answer.number, definition);
}

/** Five steps are the familiar stars; other step counts keep their own 1..steps range. */
function ratingScale(score: number, definition: TypeformFieldDefinition | undefined): ScoreOnScale {
  const steps = definition?.properties?.steps ?? DEFAULT_RATING_STEPS;
  if (steps === 5) return { score, scale: "stars5" };
  return { score, scale: "custom", scaleRange: { min: 1, max: steps } };
}

/** Opinion scales start at 0 or 1 and have 5–11 steps; unknown ones are read as Typeform's default 0–10. */
function opinionScale(score: number, definition: TypeformFieldDefinition | undefined): ScoreOnScale {
  const min = definition?.properties?.start_at_one ? 1 : 0;
  const steps = definition?.properties?.steps ?? DEFAULT_OPINION_STEPS;
  return { score, scale: "custom", scaleRange: { min, max: min + steps - 1 } };
}

/** The first non-empty long-text answer, else the first short-text one: long text is where people explain. */
function textOf(answers: TypeformAnswer[]): string {
  const byType = (type: string) => answers.find((a) => a.field.type === type && a.text?.trim())?.text;
  return byType("long_text") ?? byType("short_text") ?? "";
}

function emailOf(response: FormResponse): string | undefined {
  const answered = response.answers.find((a) => a.type === "email" && a.email?.trim())?.email?.trim();
  return answered ?? firstHidden(response.hidden, ["email"]);
}

function firstHidden(hidden: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = hidden?.[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return undefined;
}

/** Hidden fields such as `plan` or `market` feed segments; identifiers and personal data are left out. */
function customerAttributesOf(hidden: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(hidden ?? {})
    .filter(([key]) => !RESERVED_HIDDEN_KEYS.has(key) && !IDENTIFYING_KEY.test(key))
    .flatMap(([key, value]) =>
      typeof value === "string" && value.trim() && value.length <= MAX_ATTRIBUTE_LENGTH ? [[key, value.trim()]] : [],
    )
    .slice(0, MAX_ATTRIBUTES);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** `da`, `de-DE` → `da`, `de`; anything that is not a language tag is dropped. */
function languageOf(value: string | undefined): string | undefined {
  const primary = value?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message}`;
}
