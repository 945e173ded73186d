/**
 * Firebreak's Freshdesk automation template → one ticket item.
 *
 * Placeholders render dates as human text, so the template carries no usable time: the item is dated by the
 * receipt time from the parse context (`receivedAt`), which the router stores with the delivery. Re-parsing the
 * stored bytes therefore gives the same item, unlike `Date.now()`; a `Date` request header is not used because it
 * is not documented for Freshdesk webhooks and would differ between retries of the same event.
 * @module
 */
import { automationTagsFor, detectAutomation, tagKind } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { type FreshdeskTicketEvent, ZFreshdeskTicketEvent } from "./schema.ts";

const TICKET_EVENTS = new Set(["ticket_created", "ticket_updated"]);
const UNRENDERED_PLACEHOLDER = /^\s*\{\{.*\}\}\s*$/;
const HTTP_URL = /^https?:\/\/\S+$/i;

export function parseFreshdesk(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const parsed = ZFreshdeskTicketEvent.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "body";
    return { kind: "invalid", status: 422, reason: `not Firebreak's Freshdesk template (${where}: ${issue?.message})` };
  }
  const { event, ticket } = parsed.data;
  if (!TICKET_EVENTS.has(event)) {
    return {
      kind: "invalid",
      status: 422,
      reason: `unsupported event "${event.slice(0, 60)}"; expected ticket_created or ticket_updated`,
    };
  }
  const ticketId = rendered(ticket.id);
  if (!ticketId) return { kind: "invalid", status: 422, reason: "ticket.id is empty or an unrendered placeholder" };
  return { kind: "events", items: [ticketItem(ticketId, ticket, context)] };
}

function ticketItem(
  ticketId: string,
  ticket: FreshdeskTicketEvent["ticket"],
  context: ParseContext,
): NormalizedFeedback {
  const url = rendered(ticket.url);
  const source = rendered(ticket.source);
  // `{{ticket.tags}}` renders as "export, safari".
  const tags = (rendered(ticket.tags) ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  // `{{ticket.source}}` renders the source's name ("Email", "Portal", "Chat"); Freddy and other bots name themselves.
  const sourceKind = source ? tagKind(source) : undefined;
  return {
    externalId: ticketId,
    kind: "ticket",
    channel: source?.toLowerCase() ?? "web",
    title: rendered(ticket.subject),
    // On updates the newest public reply says more about the current friction than the original description.
    text: rendered(ticket.latest_public_comment) ?? rendered(ticket.description) ?? "",
    scale: "none",
    customerEmail: rendered(ticket.requester?.email),
    tags,
    status: rendered(ticket.status)?.toLowerCase(),
    handledBy: detectAutomation(
      {
        provider: "Freshdesk",
        clues: sourceKind ? [{ kind: sourceKind, evidence: `ticket.source = ${source}` }] : [],
        tags,
      },
      automationTagsFor(context.settings),
    ),
    url: url && HTTP_URL.test(url) ? url : undefined,
    occurredAt: context.receivedAt,
    revisionAt: context.receivedAt,
  };
}

/** A placeholder's rendered text, or `undefined` when it rendered empty or was left as `{{…}}`. */
function rendered(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text && !UNRENDERED_PLACEHOLDER.test(text) ? text : undefined;
}
