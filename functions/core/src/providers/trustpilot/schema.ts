/**
 * The fields of a Trustpilot service-review webhook that Firebreak reads (shared/docs/providers.md §5): a batch
 * `{events: [{eventName, version, eventData}]}`. Only created reviews were captured in the docs; updated reviews are
 * assumed to carry the same `eventData`, deleted ones are not read.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);

const ZOptionalId = z
  .union([z.string().max(200), z.number().int()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? undefined : String(value)));

/** The batch envelope; each `eventData` is read by event name, so other events' shapes never fail the batch. */
export const ZTrustpilotDelivery = z.object({
  events: z
    .array(
      z.object({
        eventName: z.string().min(1).max(100),
        version: z.union([z.string().max(20), z.number()]).optional(),
        eventData: z.unknown(),
      }),
    )
    .max(500),
});

export const ZTrustpilotReview = z.object({
  id: ZId,
  /** `en-GB`, `da-DK`, …; normalized to the primary language when read. */
  language: z.string().max(35).nullish(),
  title: z.string().nullish(),
  text: z.string().nullish(),
  referenceId: z.string().max(200).nullish(),
  stars: z.number().int().min(1).max(5),
  createdAt: z.string().max(64).nullish(),
  updatedAt: z.string().max(64).nullish(),
  isVerified: z.boolean().nullish(),
  locationId: ZOptionalId,
  // Only web links: the review link is shown to users as a link.
  link: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish()
    .catch(undefined),
  consumer: z.object({ id: ZOptionalId }).nullish(),
  tags: z
    .array(z.object({ group: z.string().max(100).nullish(), value: z.string().max(100) }))
    .max(100)
    .nullish(),
});
export type TrustpilotReview = z.infer<typeof ZTrustpilotReview>;
