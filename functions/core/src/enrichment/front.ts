/**
 * Front: a webhook carries a message preview (`blurb`) and its conversation's id; the message comes from the
 * conversation's messages, `GET https://api2.frontapp.com/conversations/{id}/messages` (newest first, paginated), and
 * the subject, status and tags from `GET /conversations/{id}`. A message missing from the first pages is read with
 * `GET /messages/{id}`. The credential is an API token.
 * @see https://dev.frontapp.com/reference/conversations
 * @module
 */
import { z } from "zod";
import { parseProviderTime } from "../providers/time.ts";
import {
  asEmail,
  asRecord,
  asText,
  getJson,
  httpContext,
  isSafeSegment,
  missingReference,
  unexpectedAnswer,
} from "./http.ts";
import type { EnrichedDetails, EnrichmentClient, EnrichmentClientOptions, EnrichmentResult } from "./types.ts";

const LABEL = "Front";
const ORIGIN = "https://api2.frontapp.com";
/** A busy conversation can have hundreds of messages; the direct read below covers the rest. */
const MAX_MESSAGE_PAGES = 3;

export const ZFrontEnrichmentSettings = z.object({}).strict();

export function frontClient(options: EnrichmentClientOptions): EnrichmentClient {
  const http = httpContext(options, LABEL);
  const headers = { authorization: `Bearer ${options.credential}` };
  return {
    provider: "front",
    async fetchDetails(reference): Promise<EnrichmentResult> {
      const messageId = reference.externalId;
      if (!isSafeSegment(messageId)) return missingReference(LABEL, "message");
      const conversationId = isSafeSegment(reference.parentExternalId) ? reference.parentExternalId : undefined;

      let conversation: Record<string, unknown> | undefined;
      let message: Record<string, unknown> | undefined;
      if (conversationId) {
        const read = await getJson(http, `${ORIGIN}/conversations/${conversationId}`, headers);
        if (!read.ok) return read.result;
        conversation = asRecord(read.value);
        let next: string | undefined = `${ORIGIN}/conversations/${conversationId}/messages?limit=100`;
        for (let page = 0; next && !message && page < MAX_MESSAGE_PAGES; page++) {
          const list = await getJson(http, next, headers);
          if (!list.ok) return list.result;
          const results = asRecord(list.value)?._results;
          message = (Array.isArray(results) ? results : []).map(asRecord).find((m) => asText(m?.id) === messageId);
          next = nextPage(list.value);
        }
      }
      if (!message) {
        const read = await getJson(http, `${ORIGIN}/messages/${messageId}`, headers);
        if (!read.ok) return read.result;
        message = asRecord(read.value);
      }
      const details = message && mapFrontMessage(message, conversation);
      return details ? { kind: "enriched", details } : unexpectedAnswer(LABEL, "a message");
    },
  };
}

/** Only Front's own API may be followed: a `next` link elsewhere would send the token there. */
function nextPage(list: unknown): string | undefined {
  const next = asText(asRecord(asRecord(list)?._pagination)?.next);
  return next?.startsWith(`${ORIGIN}/`) ? next : undefined;
}

/** A message (and its conversation, when read) in normalized terms; `undefined` when it is not a message. */
export function mapFrontMessage(
  message: Record<string, unknown>,
  conversation?: Record<string, unknown>,
): EnrichedDetails | undefined {
  if (asText(message.id) === undefined) return undefined;
  const text =
    (typeof message.text === "string" && message.text.trim() ? message.text : undefined) ??
    (typeof message.body === "string" ? htmlToText(message.body) : undefined) ??
    (typeof message.blurb === "string" ? message.blurb : "");
  const sender = senderOf(message, conversation);
  const tags = conversation?.tags;
  return {
    text: text.trim(),
    title: asText(conversation?.subject) ?? asText(message.subject),
    status: asText(conversation?.status)?.toLowerCase(),
    tags: Array.isArray(tags) ? tags.flatMap((tag) => asText(asRecord(tag)?.name) ?? []) : undefined,
    customerEmail: asEmail(sender?.handle),
    customerId: contactIdOf(sender),
    // Front's times are float seconds.
    occurredAt: parseProviderTime(message.created_at, "s"),
  };
}

/** As the adapter: the message's `from` recipient, else the conversation's main recipient when it has that role. */
function senderOf(message: Record<string, unknown>, conversation: Record<string, unknown> | undefined) {
  const recipients = Array.isArray(message.recipients) ? message.recipients.map(asRecord) : [];
  const from = recipients.find((r) => asText(r?.role) === "from");
  const main = asRecord(conversation?.recipient);
  return from ?? (asText(main?.role) === "from" ? main : undefined);
}

/** Front's contact id (`crd_…`) is the last segment of the recipient's related-contact link. */
function contactIdOf(recipient: Record<string, unknown> | undefined): string | undefined {
  const link = asText(asRecord(asRecord(recipient?._links)?.related)?.contact);
  return link?.split("/").pop() || undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** Message bodies are HTML: block ends become line breaks, tags go, common entities are decoded. */
export function htmlToText(html: string): string | undefined {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d|tr|blockquote)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text || undefined;
}
