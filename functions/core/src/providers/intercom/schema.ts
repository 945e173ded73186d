/**
 * The Intercom fields Firebreak reads (shared/docs/providers.md §9): the notification envelope and the conversation
 * it carries in `data.item`.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().trim().min(1).max(200), z.number().int()]).transform(String);
const ZEpochSeconds = z.number().finite().nonnegative();

/** The envelope; `id` is null on `ping` notifications. */
export const ZIntercomNotification = z.object({
  id: z.string().max(200).nullish(),
  topic: z.string().min(1).max(200),
  created_at: ZEpochSeconds.nullish(),
  data: z.object({ item: z.unknown().optional() }).nullish(),
});

/**
 * `type` is `user`/`lead`/`contact` for the customer and `admin`/`bot`/`team` for Intercom's side; `from_ai_agent` and
 * `is_ai_answer` mark Fin's parts (intercom-client `ConversationPartAuthor`; a captured `conversation.admin.replied`
 * shows Fin as `{type: "bot", name: "Fin Bot"}`).
 */
const ZAuthor = z.object({
  type: z.string().max(50).nullish(),
  id: ZId.nullish(),
  name: z.string().max(200).nullish(),
  email: z.string().max(320).nullish(),
  from_ai_agent: z.boolean().nullish(),
  is_ai_answer: z.boolean().nullish(),
});

const ZContactRef = z.object({ id: ZId.nullish(), external_id: z.string().max(200).nullish() });

const ZConversationPart = z.object({
  id: ZId,
  part_type: z.string().max(100).nullish(),
  body: z.string().nullish(),
  created_at: ZEpochSeconds.nullish(),
  author: ZAuthor.nullish(),
});

export const ZIntercomConversation = z.object({
  id: ZId,
  created_at: ZEpochSeconds.nullish(),
  state: z.string().max(50).nullish(),
  tags: z.object({ tags: z.array(z.object({ name: z.string().max(200) })).max(500) }).nullish(),
  contacts: z.object({ contacts: z.array(ZContactRef).max(100) }).nullish(),
  source: z
    .object({
      subject: z.string().nullish(),
      body: z.string().nullish(),
      author: ZAuthor.nullish(),
    })
    .nullish(),
  conversation_parts: z.object({ conversation_parts: z.array(ZConversationPart).max(1000) }).nullish(),
  /** Fin AI Agent took part (Conversation model, API 2.10+), with how it ended (`resolution_state`). */
  ai_agent_participated: z.boolean().nullish(),
  ai_agent: z.object({ resolution_state: z.string().max(100).nullish() }).nullish(),
  conversation_rating: z
    .object({
      rating: z.number().nullish(),
      remark: z.string().nullish(),
      created_at: ZEpochSeconds.nullish(),
      contact: ZContactRef.nullish(),
    })
    .nullish(),
});

export type IntercomConversation = z.infer<typeof ZIntercomConversation>;
export type IntercomAuthor = z.infer<typeof ZAuthor>;
