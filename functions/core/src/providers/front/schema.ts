/**
 * Front event previews (shared/docs/providers.md §12). Rule webhooks post the event itself; application webhooks wrap
 * it as `{type: "inbound_received", authorization, payload: <event>}` [oss]. Only the fields Firebreak reads.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const ZText = z.string().max(100_000);

const ZRecipient = z.object({
  handle: z.string().max(500).nullish(),
  role: z.string().max(50).nullish(),
  _links: z.object({ related: z.object({ contact: z.string().max(2000).nullish() }).nullish() }).nullish(),
});

export type FrontRecipient = z.infer<typeof ZRecipient>;

export const ZFrontEvent = z.object({
  id: ZId.optional(),
  type: z.string().min(1).max(100),
  emitted_at: z.union([z.number(), z.string().max(64)]).optional(),
  conversation: z
    .object({
      id: ZId,
      subject: ZText.nullish(),
      status: z.string().max(50).nullish(),
      recipient: ZRecipient.nullish(),
      tags: z
        .array(z.object({ name: z.string().max(200) }))
        .max(500)
        .nullish(),
    })
    .optional(),
  target: z
    .object({
      _meta: z.object({ type: z.string().max(50) }),
      data: z.unknown(),
    })
    .nullish(),
});

export type FrontEvent = z.infer<typeof ZFrontEvent>;

/** `target.data` when `target._meta.type` is "message". `text` is present only in full (non-preview) payloads. */
export const ZFrontMessage = z.object({
  id: ZId,
  type: z.string().max(50).nullish(),
  is_inbound: z.boolean().nullish(),
  created_at: z.union([z.number(), z.string().max(64)]).nullish(),
  subject: ZText.nullish(),
  blurb: ZText.nullish(),
  text: ZText.nullish(),
  recipients: z.array(ZRecipient).max(1000).nullish(),
});

export type FrontMessage = z.infer<typeof ZFrontMessage>;

/** The application-webhook envelope, and the `sync` validation request. */
export const ZFrontAppEnvelope = z.object({
  type: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
});
