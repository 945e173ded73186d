/**
 * Google Business Profile review notifications as Pub/Sub push deliveries (shared/docs/providers.md §6): the push
 * envelope, and the notification JSON base64-encoded in `message.data`. Only the fields Firebreak reads.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const ZResourceName = z.string().min(1).max(1000);

/** Pub/Sub writes both spellings in push bodies (`messageId` and `message_id`), so either is enough. */
export const ZPushEnvelope = z.object({
  message: z.object({
    data: z.string().max(1_000_000).optional(),
    messageId: ZId.optional(),
    message_id: ZId.optional(),
    publishTime: z.string().max(64).optional(),
    publish_time: z.string().max(64).optional(),
  }),
});

export type PushEnvelope = z.infer<typeof ZPushEnvelope>;

/**
 * The decoded notification. The v4 docs name `reviewName`/`locationName`; the wire keys were never confirmed from a
 * captured message, so the short and snake_case spellings are accepted too.
 */
export const ZReviewNotification = z.object({
  type: z.string().max(100).optional(),
  reviewName: ZResourceName.optional(),
  review_name: ZResourceName.optional(),
  review: ZResourceName.optional(),
  locationName: ZResourceName.optional(),
  location_name: ZResourceName.optional(),
  location: ZResourceName.optional(),
});

export type ReviewNotification = z.infer<typeof ZReviewNotification>;
