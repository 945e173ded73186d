/** @module Front inbound-message events (rule or application webhooks) → message items; `sync` → challenge answer. */
import { automationTagsFor, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import {
  type FrontEvent,
  type FrontMessage,
  type FrontRecipient,
  ZFrontAppEnvelope,
  ZFrontEvent,
  ZFrontMessage,
} from "./schema.ts";

/** Inbound messages are what customers write; outbound replies, tags, assignments and the like are not feedback. */
const INBOUND_EVENT = "inbound";

/**
 * Front does not document how long a `blurb` may be before it is cut. A blurb shorter than this and not ending in an
 * ellipsis is taken as the whole message; anything else is flagged for enrichment, which only costs one API fetch.
 */
export const BLURB_COMPLETE_BELOW = 100;

/** Front message types → Firebreak channels; unknown types pass through as they are. */
const CHANNELS: Record<string, string> = {
  email: "email",
  custom: "email",
  front_chat: "chat",
  intercom: "chat",
  smooch: "chat",
  sms: "phone",
  call: "phone",
  whatsapp: "phone",
  tweet: "social",
  twitter_dm: "social",
  facebook: "social",
  instagram: "social",
  googleplay: "store",
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function parseFrontWebhook(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return invalid(400, json.reason);
  const envelope = ZFrontAppEnvelope.safeParse(json.value);
  if (!envelope.success) return invalid(422, "body is not a Front event");
  if (envelope.data.type === "sync") return answerSync(delivery.headers["x-front-challenge"]);

  // Application webhooks wrap the event in `payload`; rule webhooks send the event itself.
  const parsed = ZFrontEvent.safeParse(envelope.data.payload ?? json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(422, `${issue?.path.join(".") || "body"}: ${issue?.message}`);
  }
  const event = parsed.data;
  if (event.type !== INBOUND_EVENT) {
    return invalid(422, `event type "${event.type}" is not an inbound message`);
  }
  if (event.target?._meta.type !== "message") return invalid(422, "inbound event has no message target");
  const message = ZFrontMessage.safeParse(event.target.data);
  if (!message.success) return invalid(422, "target.data is not a message");
  if (message.data.is_inbound === false) return invalid(422, "target message is not inbound");

  return { kind: "events", eventId: event.id, items: [toItem(event, message.data, context)] };
}

/** Front validates an application webhook by expecting its challenge back; the request was verified like any other. */
function answerSync(challenge: string | undefined): ParseResult {
  return { kind: "handshake", status: 200, body: challenge ? { challenge } : { ok: true } };
}

function toItem(event: FrontEvent, message: FrontMessage, context: ParseContext): NormalizedFeedback {
  const conversation = event.conversation;
  const customer = senderOf(message, conversation?.recipient);
  const handle = customer?.handle?.trim();
  const text = message.text ?? message.blurb ?? "";
  const occurredAt =
    parseProviderTime(event.emitted_at, "s") ?? parseProviderTime(message.created_at, "s") ?? context.receivedAt;
  const tags = (conversation?.tags ?? []).map((tag) => tag.name);
  return {
    externalId: message.id,
    parentExternalId: conversation?.id,
    kind: "message",
    channel: channelOf(message.type),
    title: conversation?.subject ?? message.subject ?? undefined,
    text,
    scale: "none",
    customerEmail: handle && EMAIL.test(handle) ? handle : undefined,
    customerId: contactIdOf(customer),
    tags,
    status: conversation?.status ?? undefined,
    // Front's event previews name no author type for inbound messages; the conversation's tags are the evidence.
    handledBy: detectAutomation({ provider: "Front", tags }, automationTagsFor(context.settings)),
    occurredAt,
    eventId: event.id,
    // Full payloads carry `text`; previews only a `blurb`, complete only when it is short and not cut off.
    needsEnrichment: message.text == null && looksTruncated(text),
  };
}

function invalid(status: 400 | 422, reason: string): ParseResult {
  return { kind: "invalid", status, reason };
}

/** The sender of an inbound message is its `from` recipient; the conversation's main recipient when it has that role. */
function senderOf(message: FrontMessage, conversationRecipient: FrontRecipient | null | undefined) {
  const from = message.recipients?.find((recipient) => recipient.role === "from");
  return from ?? (conversationRecipient?.role === "from" ? conversationRecipient : undefined);
}

/** Front's contact id (`crd_…`) is the last segment of the recipient's related-contact link. */
function contactIdOf(recipient: FrontRecipient | undefined): string | undefined {
  const link = recipient?._links?.related?.contact;
  const id = link?.split("/").pop();
  return id || undefined;
}

function channelOf(type: string | null | undefined): string {
  if (!type) return "email";
  return CHANNELS[type] ?? type.toLowerCase();
}

function looksTruncated(blurb: string): boolean {
  const trimmed = blurb.trim();
  return trimmed === "" || /(…|\.\.\.)$/.test(trimmed) || [...trimmed].length >= BLURB_COMPLETE_BELOW;
}
