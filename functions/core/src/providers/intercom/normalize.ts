/**
 * Intercom notifications → normalized feedback. A conversation's opening message is an item keyed by the
 * conversation id; customer replies and the conversation rating are items under it.
 * @module
 */
import { type AutomationClue, automationTagsFor, detectAutomation } from "../../analysis/automation.ts";
import type { NormalizedFeedback } from "../../model.ts";
import { parseJson } from "../json.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import {
  type IntercomAuthor,
  type IntercomConversation,
  ZIntercomConversation,
  ZIntercomNotification,
} from "./schema.ts";

const CONVERSATION_TOPICS = new Set([
  "conversation.rating.added",
  "conversation.user.created",
  "conversation.user.replied",
]);
/** Author types that are the customer; admins, bots and teams are Intercom's side of the conversation. */
const CUSTOMER_AUTHORS = new Set(["user", "lead", "contact"]);
const CHANNEL = "chat";

type Invalid = Extract<ParseResult, { kind: "invalid" }>;

export function parseIntercom(delivery: RawDelivery, context: ParseContext): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const envelope = ZIntercomNotification.safeParse(json.value);
  if (!envelope.success) return unusable(envelope.error.issues[0]);
  const { id, topic, created_at, data } = envelope.data;

  // Intercom sends a ping when the webhook is saved or tested.
  if (topic === "ping") return { kind: "handshake", status: 200, body: { ok: true } };
  if (!CONVERSATION_TOPICS.has(topic)) {
    return { kind: "invalid", status: 422, reason: `unsupported topic "${topic.slice(0, 100)}"` };
  }
  const conversation = ZIntercomConversation.safeParse(data?.item);
  if (!conversation.success) return unusable(conversation.error.issues[0], "data.item");

  // The notification's own time dates items whose timestamp is missing.
  const notifiedAt = parseProviderTime(created_at ?? undefined, "s") ?? context.receivedAt;
  const items = itemsFor(topic, conversation.data, notifiedAt);
  if (!Array.isArray(items)) return items;
  const handledBy = detectAutomation(
    { provider: "Intercom", clues: automationClues(conversation.data), tags: tagsOf(conversation.data) },
    automationTagsFor(context.settings),
  );
  return {
    kind: "events",
    eventId: id ?? undefined,
    items: handledBy ? items.map((i) => ({ ...i, handledBy })) : items,
  };
}

function itemsFor(
  topic: string,
  conversation: IntercomConversation,
  notifiedAt: number,
): NormalizedFeedback[] | Invalid {
  if (topic === "conversation.rating.added") return ratingItem(conversation, notifiedAt);
  if (topic === "conversation.user.created") return openingMessage(conversation, notifiedAt);
  return replyItems(conversation, notifiedAt);
}

function ratingItem(conversation: IntercomConversation, notifiedAt: number): NormalizedFeedback[] | Invalid {
  const rating = conversation.conversation_rating;
  const score = rating?.rating;
  if (score === undefined || score === null) {
    return { kind: "invalid", status: 422, reason: "conversation_rating has no rating" };
  }
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    return { kind: "invalid", status: 422, reason: "conversation_rating.rating is not 1–5" };
  }
  const ratedAt = parseProviderTime(rating?.created_at ?? undefined, "s") ?? notifiedAt;
  const author = customerAuthor(conversation.source?.author);
  return [
    {
      externalId: `${conversation.id}:rating`,
      parentExternalId: conversation.id,
      kind: "survey",
      channel: CHANNEL,
      text: rating?.remark?.trim() ?? "",
      score,
      scale: "csat5",
      customerEmail: author?.email || undefined,
      customerId: rating?.contact?.external_id || rating?.contact?.id || author?.id || undefined,
      ...conversationFacts(conversation),
      occurredAt: ratedAt,
      revisionAt: ratedAt,
    },
  ];
}

function openingMessage(conversation: IntercomConversation, notifiedAt: number): NormalizedFeedback[] | Invalid {
  const source = conversation.source;
  const text = htmlToText(source?.body ?? "");
  if (!text) return { kind: "invalid", status: 422, reason: "the conversation's first message has no text" };
  const author = customerAuthor(source?.author);
  const startedAt = parseProviderTime(conversation.created_at ?? undefined, "s") ?? notifiedAt;
  return [
    {
      // Keyed by the conversation, so replies and the rating can name it as their parent.
      externalId: conversation.id,
      kind: "message",
      channel: CHANNEL,
      title: htmlToText(source?.subject ?? "") || undefined,
      text,
      scale: "none",
      customerEmail: author?.email || undefined,
      customerId: customerIdOf(conversation, author),
      ...conversationFacts(conversation),
      occurredAt: startedAt,
      revisionAt: startedAt,
    },
  ];
}

function replyItems(conversation: IntercomConversation, notifiedAt: number): NormalizedFeedback[] | Invalid {
  const parts = conversation.conversation_parts?.conversation_parts ?? [];
  const items: NormalizedFeedback[] = [];
  for (const part of parts) {
    const author = customerAuthor(part.author);
    const text = htmlToText(part.body ?? "");
    if (!author || !text || (part.part_type && part.part_type !== "comment")) continue;
    const repliedAt = parseProviderTime(part.created_at ?? undefined, "s") ?? notifiedAt;
    items.push({
      externalId: part.id,
      parentExternalId: conversation.id,
      kind: "message",
      channel: CHANNEL,
      text,
      scale: "none",
      customerEmail: author.email || undefined,
      customerId: customerIdOf(conversation, author),
      ...conversationFacts(conversation),
      occurredAt: repliedAt,
      revisionAt: repliedAt,
    });
  }
  if (items.length === 0) {
    return { kind: "invalid", status: 422, reason: "no customer reply with text in the conversation parts" };
  }
  return items;
}

function conversationFacts(conversation: IntercomConversation) {
  return {
    tags: tagsOf(conversation),
    status: conversation.state?.toLowerCase() || undefined,
  };
}

function tagsOf(conversation: IntercomConversation): string[] {
  return conversation.tags?.tags.map((tag) => tag.name) ?? [];
}

/** Fin or another bot on Intercom's side of the conversation: its parts, the opening message, the AI agent flag. */
function automationClues(conversation: IntercomConversation): AutomationClue[] {
  const clues: AutomationClue[] = [];
  const replies = (conversation.conversation_parts?.conversation_parts ?? []).filter(
    (part) => part.author && !customerAuthor(part.author),
  );
  const lastBot = replies.findLast((part) => isBot(part.author));
  if (lastBot) {
    const who = `a bot${lastBot.author?.name ? ` (${lastBot.author.name})` : ""}`;
    clues.push({
      kind: "bot",
      evidence: lastBot === replies.at(-1) ? `last reply authored by ${who}` : `a reply authored by ${who}`,
    });
  }
  const opener = conversation.source?.author;
  if (isBot(opener)) {
    clues.push({ kind: "bot", evidence: `conversation opened by a bot${opener?.name ? ` (${opener.name})` : ""}` });
  }
  if (conversation.ai_agent_participated) {
    const state = conversation.ai_agent?.resolution_state;
    clues.push({ kind: "bot", evidence: `ai_agent_participated${state ? ` (resolution_state = ${state})` : ""}` });
  }
  return clues;
}

function isBot(author: IntercomAuthor | null | undefined): boolean {
  return author?.type === "bot" || author?.from_ai_agent === true || author?.is_ai_answer === true;
}

function customerAuthor(author: IntercomAuthor | null | undefined): IntercomAuthor | undefined {
  return author && CUSTOMER_AUTHORS.has(author.type ?? "") ? author : undefined;
}

/** The customer's own id (`external_id`) when the conversation lists the author as a contact, else Intercom's id. */
function customerIdOf(conversation: IntercomConversation, author: IntercomAuthor | undefined): string | undefined {
  if (!author?.id) return undefined;
  const contact = conversation.contacts?.contacts.find((candidate) => candidate.id === author.id);
  return contact?.external_id || author.id;
}

function unusable(issue: { path: PropertyKey[]; message: string } | undefined, prefix = ""): Invalid {
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  return { kind: "invalid", status: 422, reason: `${path || "body"}: ${issue?.message ?? "invalid"}` };
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Intercom bodies are HTML: block ends become line breaks, tags go, entities are decoded once. */
export function htmlToText(html: string): string {
  const withoutTags = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/blockquote)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(withoutTags)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== "#") return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
