/**
 * Help Scout webhooks → normalized feedback: satisfaction ratings become survey items, and new conversations and
 * customer replies become message items. The event name comes from the `X-HelpScout-Event` header.
 * @module
 */
import { type AutomationClue, automationTagsFor, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import {
  type HelpScoutConversation,
  type HelpScoutPerson,
  type HelpScoutThread,
  ZConversation,
  ZRating,
} from "./schema.ts";

export const RATING_EVENT = "satisfaction.ratings";
export const CONVERSATION_CREATED = "convo.created";
export const CUSTOMER_REPLY = "convo.customer.reply.created";

/** Rating words → csat3. The API says "Bad" where the UI says "Not Good"; both are accepted. */
const RATING_SCORES: Record<string, number> = { great: 3, okay: 2, bad: 1, "not good": 1 };

export function parseHelpScoutWebhook(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return invalid(400, json.reason);
  const event = delivery.headers["x-helpscout-event"]?.trim();
  if (!event) return invalid(422, "missing X-HelpScout-Event header");
  if (event === RATING_EVENT) return parseRating(json.value, context);
  if (event === CONVERSATION_CREATED || event === CUSTOMER_REPLY) return parseConversation(event, json.value, context);
  return invalid(422, `event "${event}" is not feedback Firebreak stores`);
}

function parseRating(value: unknown, context: ParseContext): ParseResult {
  const parsed = ZRating.safeParse(value);
  if (!parsed.success) return schemaProblem(parsed.error.issues[0]);
  const rating = parsed.data;
  const score = RATING_SCORES[rating.rating.trim().toLowerCase()];
  if (score === undefined) return invalid(422, `unknown rating "${rating.rating}"`);

  const createdAt = parseProviderTime(rating.createdAt);
  const modifiedAt = parseProviderTime(rating.modifiedAt);
  const occurredAt = createdAt ?? modifiedAt ?? context.receivedAt;
  // Help Scout sends no event id; a changed rating keeps its id and gets a new modifiedAt.
  const eventId = `${RATING_EVENT}:${rating.id}:${rating.modifiedAt ?? rating.createdAt ?? ""}`;
  const item: NormalizedFeedback = {
    externalId: rating.id,
    parentExternalId: rating.ticketId ?? undefined,
    kind: "survey",
    channel: "email",
    text: rating.comments ?? "",
    score,
    scale: "csat3",
    customerEmail: emailOf(rating.customer),
    customerId: rating.customer?.id ?? undefined,
    tags: [],
    occurredAt,
    revisionAt: modifiedAt ?? occurredAt,
    eventId,
  };
  return { kind: "events", eventId, items: [item] };
}

function parseConversation(event: string, value: unknown, context: ParseContext): ParseResult {
  const parsed = ZConversation.safeParse(value);
  if (!parsed.success) return schemaProblem(parsed.error.issues[0]);
  const conversation = parsed.data;
  const customerThreads = threadsOf(conversation).filter((thread) => thread.type === "customer");
  const thread = event === CONVERSATION_CREATED ? earliest(customerThreads) : latest(customerThreads);

  if (thread) return messageFromThread(event, conversation, thread, context);
  // Without threads, only a new conversation can be told apart: its preview is the customer's opening message.
  // A reply has no id of its own to store under, so it is refused rather than merged into the conversation.
  if (event === CUSTOMER_REPLY) return invalid(422, "customer reply carries no customer thread");
  const eventId = `${event}:${conversation.id}`;
  const item: NormalizedFeedback = {
    ...conversationFields(conversation, context),
    externalId: conversation.id,
    text: conversation.preview ?? "",
    customerEmail: emailOf(customerOf(conversation)),
    customerId: customerOf(conversation)?.id ?? undefined,
    eventId,
    // `preview` holds only the start of the most recent thread.
    needsEnrichment: true,
  };
  return { kind: "events", eventId, items: [item] };
}

function messageFromThread(
  event: string,
  conversation: HelpScoutConversation,
  thread: HelpScoutThread,
  context: ParseContext,
): ParseResult {
  const eventId = `${event}:${conversation.id}:${thread.id}`;
  const author = thread.createdBy?.type === "customer" ? thread.createdBy : customerOf(conversation);
  const fields = conversationFields(conversation, context);
  const item: NormalizedFeedback = {
    ...fields,
    externalId: thread.id,
    parentExternalId: conversation.id,
    text: htmlToText(thread.body ?? ""),
    customerEmail: emailOf(author),
    customerId: author?.id ?? undefined,
    occurredAt: parseProviderTime(thread.createdAt) ?? fields.occurredAt,
    eventId,
    needsEnrichment: thread.body == null,
  };
  return { kind: "events", eventId, items: [item] };
}

type ConversationFields = Omit<NormalizedFeedback, "externalId" | "text">;

function conversationFields(conversation: HelpScoutConversation, context: ParseContext): ConversationFields {
  const tags = (conversation.tags ?? []).map((tag) => (typeof tag === "string" ? tag : tag.tag));
  return {
    kind: "message",
    channel: conversation.type?.toLowerCase() || "email",
    title: conversation.subject ?? undefined,
    scale: "none",
    tags,
    status: conversation.status ?? undefined,
    handledBy: detectAutomation(
      { provider: "Help Scout", clues: automationClues(threadsOf(conversation)), tags },
      automationTagsFor(context.settings),
    ),
    // The conversation link the webhook docs describe: /conversation/<id>/<number>/.
    url: conversation.number
      ? `https://secure.helpscout.net/conversation/${conversation.id}/${conversation.number}/`
      : undefined,
    occurredAt: parseProviderTime(conversation.createdAt) ?? context.receivedAt,
  };
}

/** Workflows that ran on the conversation, and replies sent from a saved reply, as the threads record them. */
function automationClues(threads: readonly HelpScoutThread[]): AutomationClue[] {
  const clues: AutomationClue[] = [];
  const workflow = threads.findLast((t) => (t.actionType ?? t.action?.type)?.toLowerCase() === "workflow");
  if (workflow) {
    const id = workflow.actionSourceId ? ` ${workflow.actionSourceId}` : "";
    clues.push({ kind: "automation", evidence: `workflow${id} ran (lineitem actionType = workflow)` });
  }
  const saved = threads.findLast((t) => t.type === "message" && t.savedReplyId);
  if (saved) clues.push({ kind: "macro", evidence: `reply sent from saved reply ${saved.savedReplyId}` });
  return clues;
}

function threadsOf(conversation: HelpScoutConversation): HelpScoutThread[] {
  if (conversation._embedded?.threads) return conversation._embedded.threads;
  return Array.isArray(conversation.threads) ? conversation.threads : [];
}

/** Threads are ordered by `createdAt`; among equal or missing times the one listed first wins. */
function latest(threads: HelpScoutThread[]): HelpScoutThread | undefined {
  return pick(threads, (a, b) => a > b);
}

function earliest(threads: HelpScoutThread[]): HelpScoutThread | undefined {
  return pick(threads, (a, b) => a < b);
}

function pick(threads: HelpScoutThread[], better: (a: number, b: number) => boolean): HelpScoutThread | undefined {
  let best: HelpScoutThread | undefined;
  let bestAt = Number.NaN;
  for (const thread of threads) {
    const at = parseProviderTime(thread.createdAt) ?? Number.NaN;
    if (!best || (!Number.isNaN(at) && (Number.isNaN(bestAt) || better(at, bestAt)))) {
      best = thread;
      bestAt = at;
    }
  }
  return best;
}

function customerOf(conversation: HelpScoutConversation): HelpScoutPerson | undefined {
  return conversation.primaryCustomer ?? conversation.customer ?? undefined;
}

/** The first email of a person: `emails[0].value` in the docs' example, `email` in Mailbox API 2.0. */
function emailOf(person: HelpScoutPerson | null | undefined): string | undefined {
  const first = person?.emails?.[0];
  const email = typeof first === "string" ? first : (first?.value ?? person?.email);
  return email?.trim() || undefined;
}

/** Markup entities, plus the letters and punctuation Nordic and German mail clients write as named entities. */
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  auml: "ä",
  Auml: "Ä",
  ouml: "ö",
  Ouml: "Ö",
  uuml: "ü",
  Uuml: "Ü",
  szlig: "ß",
  aring: "å",
  Aring: "Å",
  oslash: "ø",
  Oslash: "Ø",
  aelig: "æ",
  AElig: "Æ",
  eacute: "é",
  egrave: "è",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  euro: "€",
};

/** Thread bodies are HTML; analysis wants the words. Line-level tags become newlines, the rest is dropped. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|blockquote|h[1-6])>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== "#") return namedEntity(name) ?? namedEntity(name.toLowerCase());
  const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

// Own keys only: `&constructor;` must not reach Object.prototype.
function namedEntity(name: string): string | undefined {
  return Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : undefined;
}

function invalid(status: 400 | 422, reason: string): ParseResult {
  return { kind: "invalid", status, reason };
}

function schemaProblem(issue: { path: PropertyKey[]; message: string } | undefined): ParseResult {
  return invalid(422, `${issue?.path.map(String).join(".") || "body"}: ${issue?.message ?? "unexpected shape"}`);
}
