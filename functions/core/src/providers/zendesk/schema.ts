/**
 * The Zendesk fields Firebreak reads (shared/docs/providers.md §7): event subscriptions (`zen:event-type:ticket.*`)
 * and the CSAT trigger template from "Firebreak conventions".
 * @module
 */
import { z } from "zod";

/** Event payloads send ids as strings, the REST API as integers; both are kept as strings. */
const ZId = z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String);

export const ZZendeskTicketEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  time: z.string().max(100),
  detail: z.object({
    id: ZId,
    subject: z.string().nullish(),
    description: z.string().nullish(),
    requester_id: ZId.nullish(),
    status: z.string().max(100).nullish(),
    tags: z.array(z.string().max(200)).max(500).nullish(),
    created_at: z.string().max(100).nullish(),
    /**
     * How the ticket came in. Event payloads document `{channel}`; `source` (`rel` "trigger" / "automation", and the
     * rule's `from.title`) is the Via object of the Support API, read when a payload carries it.
     */
    via: z
      .object({
        channel: z
          .union([z.string().max(100), z.number()])
          .transform(String)
          .nullish(),
        source: z
          .object({
            rel: z.string().max(100).nullish(),
            from: z.object({ title: z.string().max(200).nullish() }).nullish(),
          })
          .nullish(),
      })
      .nullish(),
  }),
  event: z
    .object({
      comment: z
        .object({
          id: ZId,
          body: z.string().nullish(),
          is_public: z.boolean().nullish(),
          author: z.object({ is_staff: z.boolean().nullish() }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

export type ZendeskTicketEvent = z.infer<typeof ZZendeskTicketEvent>;

/** Placeholders render as text, so every value is a string; numbers are admitted for hand-written templates. */
const ZRendered = z.union([z.string(), z.number()]).transform(String);

export const ZZendeskCsatTrigger = z.object({
  ticket_id: ZRendered,
  rating: z.string().max(200),
  rating_comment: ZRendered.optional(),
  requester_email: z.string().max(320).optional(),
  requester_id: ZRendered.optional(),
  status: z.string().max(100).optional(),
  tags: z.string().optional(),
  updated_at: z.string().max(100).optional(),
});

export type ZendeskCsatTrigger = z.infer<typeof ZZendeskCsatTrigger>;
