/**
 * Zendesk deliveries → normalized feedback. One endpoint takes both kinds of Zendesk webhook: event subscriptions
 * (`zen:event-type:ticket.*`, a ticket or one of its comments) and Firebreak's CSAT trigger template (a Good/Bad
 * rating, stored as its own item under the ticket).
 * @module
 */
import { type AutomationClue, automationTagsFor, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import {
  type ZendeskCsatTrigger,
  type ZendeskTicketEvent,
  ZZendeskCsatTrigger,
  ZZendeskTicketEvent,
} from "./schema.ts";

const EVENT_PREFIX = "zen:event-type:";
const TICKET_EVENT_PREFIX = `${EVENT_PREFIX}ticket.`;
const COMMENT_ADDED = `${TICKET_EVENT_PREFIX}comment_added`;
/** Ticket events that say nothing about the customer's experience, or that withdraw content. */
const IGNORED_TICKET_EVENTS = new Set(
  [
    "soft_deleted",
    "permanently_deleted",
    "undeleted",
    "marked_as_spam",
    "comment_made_private",
    "comment_redacted",
  ].map((name) => `${TICKET_EVENT_PREFIX}${name}`),
);
/** Zendesk's rendered `{{satisfaction.current_rating}}` text: "Good, I'm satisfied" / "Bad, I'm unsatisfied". */
const GOOD_RATING = /^\s*good\b/i;
const BAD_RATING = /^\s*bad\b/i;
const UNRENDERED_PLACEHOLDER = /^\s*\{\{.*\}\}\s*$/;

export function parseZendesk(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const value = json.value;
  if (isEventSubscription(value)) return parseTicketEvent(value, context);
  if (isCsatTrigger(value)) return parseCsatTrigger(value, context);
  return {
    kind: "invalid",
    status: 422,
    reason: "neither a Zendesk event subscription nor Firebreak's CSAT trigger template",
  };
}

function isEventSubscription(value: unknown): value is { type: string } {
  return isObject(value) && typeof value.type === "string" && value.type.startsWith(EVENT_PREFIX);
}

function isCsatTrigger(value: unknown): value is Record<string, unknown> {
  return isObject(value) && "ticket_id" in value && "rating" in value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseTicketEvent(value: { type: string }, context: ParseContext): ParseResult {
  if (!value.type.startsWith(TICKET_EVENT_PREFIX) || IGNORED_TICKET_EVENTS.has(value.type)) {
    return { kind: "invalid", status: 422, reason: `unsupported Zendesk event type "${value.type.slice(0, 100)}"` };
  }
  const parsed = ZZendeskTicketEvent.safeParse(value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: describeIssue(parsed.error.issues[0]) };
  const event = parsed.data;
  if (event.type !== COMMENT_ADDED) return { kind: "events", eventId: event.id, items: [ticketItem(event, context)] };

  const comment = commentItem(event, context);
  if (typeof comment === "string") return { kind: "invalid", status: 422, reason: comment };
  return { kind: "events", eventId: event.id, items: [comment] };
}

function ticketItem(event: ZendeskTicketEvent, context: ParseContext): NormalizedFeedback {
  const { detail } = event;
  const eventTime = parseProviderTime(event.time) ?? context.receivedAt;
  return {
    externalId: detail.id,
    kind: "ticket",
    channel: channelOf(detail.via?.channel),
    title: detail.subject?.trim() || undefined,
    text: detail.description ?? "",
    scale: "none",
    customerId: detail.requester_id ?? undefined,
    tags: detail.tags ?? [],
    status: detail.status?.toLowerCase() || undefined,
    handledBy: handledByOf(detail, context),
    // A ticket keeps the date it was opened; each later event is a new revision of it.
    occurredAt: parseProviderTime(detail.created_at) ?? eventTime,
    revisionAt: eventTime,
  };
}

/** The comment as an item under its ticket, or why it is not feedback. */
function commentItem(event: ZendeskTicketEvent, context: ParseContext): NormalizedFeedback | string {
  const { detail } = event;
  const comment = event.event?.comment;
  if (!comment) return "ticket.comment_added without event.comment";
  if (comment.is_public === false) return "internal note, not customer feedback";
  if (comment.author?.is_staff === true) return "agent comment, not customer feedback";
  const body = comment.body?.trim() ?? "";
  if (!body) return "comment has no text";
  // Zendesk reports a new ticket's description as its first comment too; it is already stored with the ticket.
  if (body === detail.description?.trim()) return "comment repeats the ticket description";

  const eventTime = parseProviderTime(event.time) ?? context.receivedAt;
  return {
    externalId: comment.id,
    parentExternalId: detail.id,
    kind: "ticket",
    channel: channelOf(detail.via?.channel),
    text: body,
    scale: "none",
    customerId: detail.requester_id ?? undefined,
    tags: detail.tags ?? [],
    status: detail.status?.toLowerCase() || undefined,
    handledBy: handledByOf(detail, context),
    occurredAt: eventTime,
    revisionAt: eventTime,
  };
}

function parseCsatTrigger(value: Record<string, unknown>, context: ParseContext): ParseResult {
  const parsed = ZZendeskCsatTrigger.safeParse(value);
  if (!parsed.success) return { kind: "invalid", status: 422, reason: describeIssue(parsed.error.issues[0]) };
  const trigger = parsed.data;
  const ticketId = rendered(trigger.ticket_id);
  if (!ticketId) return { kind: "invalid", status: 422, reason: "ticket_id is empty or an unrendered placeholder" };
  const score = csatScore(trigger.rating);
  if (score === undefined) {
    const rating = trigger.rating.trim().slice(0, 60) || "empty";
    return { kind: "invalid", status: 422, reason: `ticket ${ticketId} is not rated Good or Bad (rating: ${rating})` };
  }
  return { kind: "events", items: [csatItem(ticketId, score, trigger, context)] };
}

function csatItem(
  ticketId: string,
  score: number,
  trigger: ZendeskCsatTrigger,
  context: ParseContext,
): NormalizedFeedback {
  const ratedAt = parseProviderTime(rendered(trigger.updated_at)) ?? context.receivedAt;
  // `{{ticket.tags}}` renders space-separated; Zendesk tags cannot contain spaces.
  const tags = (rendered(trigger.tags) ?? "").split(/\s+/).filter(Boolean);
  return {
    externalId: `${ticketId}:csat`,
    parentExternalId: ticketId,
    kind: "survey",
    channel: "survey",
    text: rendered(trigger.rating_comment) ?? "",
    score,
    scale: "thumbs",
    customerEmail: rendered(trigger.requester_email),
    customerId: rendered(trigger.requester_id),
    tags,
    status: rendered(trigger.status)?.toLowerCase(),
    handledBy: detectAutomation({ provider: "Zendesk", tags }, automationTagsFor(context.settings)),
    occurredAt: ratedAt,
    revisionAt: ratedAt,
  };
}

/** Good → 1, Bad → 0 on the thumbs scale; "Offered", "Unoffered" or nothing → no score. */
function csatScore(rating: string): number | undefined {
  if (GOOD_RATING.test(rating)) return 1;
  if (BAD_RATING.test(rating)) return 0;
  return undefined;
}

/** A placeholder's rendered text, or `undefined` when it rendered empty or was left as `{{…}}`. */
function rendered(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text && !UNRENDERED_PLACEHOLDER.test(text) ? text : undefined;
}

/**
 * Zendesk's via types that mean no person handled the ticket (developer.zendesk.com, "Via object reference" and
 * "Via types"): a macro (`macro_reference`, or a `macro…` source rel, with its title in `source.from.title`); Answer
 * Bot and AI agents answer as a bot; `rule` is a trigger or automation (`via.source.rel`), `api` an integration. Side conversations and satisfaction predictions are left out: agents or Zendesk's own scoring, not
 * an answer to the customer.
 */
function automationClue(via: ZendeskTicketEvent["detail"]["via"]): AutomationClue | undefined {
  const channel = via?.channel?.trim().toLowerCase();
  const rel = via?.source?.rel?.trim().toLowerCase();
  const title = via?.source?.from?.title?.trim();
  if (channel === "macro_reference" || rel?.startsWith("macro")) {
    const field = rel ? `via.source.rel = ${rel}` : `via.channel = ${channel}`;
    return { kind: "macro", evidence: `macro${title ? ` '${title}'` : ""} applied (${field})` };
  }
  if (!channel) return undefined;
  if (channel.startsWith("answer_bot") || channel.startsWith("ai_agent")) {
    return { kind: "bot", evidence: `via.channel = ${channel}` };
  }
  if (channel === "rule") {
    const rule = [rel, title && `'${title}'`].filter(Boolean).join(" ");
    return { kind: "automation", evidence: `via.channel = rule${rule ? ` (${rule})` : ""}` };
  }
  if (channel === "api") return { kind: "automation", evidence: "via.channel = api" };
  return undefined;
}

function handledByOf(detail: ZendeskTicketEvent["detail"], context: ParseContext) {
  const clue = automationClue(detail.via);
  return detectAutomation(
    { provider: "Zendesk", clues: clue ? [clue] : [], tags: detail.tags ?? [] },
    automationTagsFor(context.settings),
  );
}

function channelOf(via: string | null | undefined): string {
  return via?.trim().toLowerCase() || "web";
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}
