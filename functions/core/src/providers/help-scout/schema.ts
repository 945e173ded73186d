/**
 * Help Scout webhook bodies (shared/docs/providers.md §12): the Rating object sent for `satisfaction.ratings`, and the
 * Conversation object sent for `convo.*`. The webhook docs and Mailbox API 2.0 name some fields differently
 * (`customer` vs `primaryCustomer`, `emails[]` vs `email`), so both spellings are read. Only the fields read.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const ZTime = z.string().max(64);
const ZText = z.string().max(200_000);

/** `emails` entries are `{id, value, location}` in the docs' example; plain strings are tolerated. */
const ZEmailEntry = z.union([z.string().max(320), z.object({ value: z.string().max(320).nullish() })]);

export const ZPerson = z.object({
  id: ZId.nullish(),
  type: z.string().max(50).nullish(),
  email: z.string().max(320).nullish(),
  emails: z.array(ZEmailEntry).max(100).nullish(),
});

export type HelpScoutPerson = z.infer<typeof ZPerson>;

export const ZRating = z.object({
  id: ZId,
  customer: ZPerson.nullish(),
  ticketId: ZId.nullish(),
  rating: z.string().max(50),
  comments: ZText.nullish(),
  createdAt: ZTime.nullish(),
  modifiedAt: ZTime.nullish(),
});

export type HelpScoutRating = z.infer<typeof ZRating>;

/**
 * A thread (webhooks' Thread Object): `type` `customer`, `message` (a reply), `note` or `lineitem`; a line item's
 * `actionType` `workflow` (Mailbox API 2.0: `action.type`) means a workflow ran, with its id in `actionSourceId`;
 * `savedReplyId` marks a reply sent from a saved reply.
 */
const ZThread = z.object({
  id: ZId,
  type: z.string().max(50).nullish(),
  body: ZText.nullish(),
  createdAt: ZTime.nullish(),
  createdBy: ZPerson.nullish(),
  actionType: z.string().max(100).nullish(),
  actionSourceId: ZId.nullish(),
  action: z.object({ type: z.string().max(100).nullish() }).nullish(),
  savedReplyId: ZId.nullish(),
});

export type HelpScoutThread = z.infer<typeof ZThread>;

/** Tags are strings in the legacy object and `{id, tag, color}` in Mailbox API 2.0. */
const ZTag = z.union([z.string().max(200), z.object({ tag: z.string().max(200) })]);

export const ZConversation = z.object({
  id: ZId,
  number: ZId.nullish(),
  type: z.string().max(50).nullish(),
  status: z.string().max(50).nullish(),
  subject: ZText.nullish(),
  preview: ZText.nullish(),
  customer: ZPerson.nullish(),
  primaryCustomer: ZPerson.nullish(),
  createdAt: ZTime.nullish(),
  tags: z.array(ZTag).max(500).nullish(),
  threads: z.union([z.array(ZThread).max(1000), z.number()]).nullish(),
  _embedded: z.object({ threads: z.array(ZThread).max(1000).nullish() }).nullish(),
});

export type HelpScoutConversation = z.infer<typeof ZConversation>;
