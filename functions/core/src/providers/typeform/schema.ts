/**
 * The fields of a Typeform webhook that Firebreak reads (shared/docs/providers.md §1): the `{event_id, event_type}`
 * envelope and, for `form_response`, the answers, hidden fields and the field definitions that give the scales.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);

/** Read first, so an event of another type is refused by name rather than by a missing field. */
export const ZTypeformEnvelope = z.object({
  event_id: ZId,
  event_type: z.string().min(1).max(100),
});

export const ZTypeformAnswer = z.object({
  /** The value's type (`number`, `text`, `email`, `choice`, …); the question's type is `field.type`. */
  type: z.string().max(50),
  field: z.object({
    id: z.string().max(200).optional(),
    type: z.string().max(50),
    ref: z.string().max(200).optional(),
  }),
  number: z.number().finite().optional(),
  text: z.string().optional(),
  email: z.string().max(320).optional(),
});
export type TypeformAnswer = z.infer<typeof ZTypeformAnswer>;

/**
 * A question as defined in the form. Only the scale properties matter; they are optional and, when malformed,
 * ignored (the scale then falls back to Typeform's defaults) rather than failing the whole response.
 */
export const ZTypeformFieldDefinition = z.object({
  id: z.string().max(200),
  type: z.string().max(50),
  properties: z
    .object({
      steps: z.number().int().min(2).max(11).optional().catch(undefined),
      start_at_one: z.boolean().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
export type TypeformFieldDefinition = z.infer<typeof ZTypeformFieldDefinition>;

export const ZTypeformResponseEvent = z.object({
  event_id: ZId,
  event_type: z.literal("form_response"),
  form_response: z.object({
    form_id: z.string().min(1).max(200).optional(),
    token: ZId,
    submitted_at: z.string().max(64).optional(),
    /** Hidden fields are strings set in the form URL; anything else is ignored when read. */
    hidden: z.record(z.string().max(100), z.unknown()).optional(),
    definition: z.object({ fields: z.array(ZTypeformFieldDefinition).max(500).default([]) }).optional(),
    answers: z.array(ZTypeformAnswer).max(500).default([]),
  }),
});
export type TypeformResponseEvent = z.infer<typeof ZTypeformResponseEvent>;
