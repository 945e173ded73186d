/**
 * The fields of a SurveyMonkey webhook callback that Firebreak reads (shared/docs/providers.md §2). Callbacks carry
 * ids only; the answers are fetched later through `GET /v3/surveys/{survey_id}/responses/{object_id}/details`.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);

/** Resource ids that may be missing, null or empty (a web-link collector has no recipient). */
const ZOptionalId = z
  .union([z.string().max(200), z.number().int()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? undefined : String(value)));

/** Read first, so an event of another type is refused by name rather than by a missing field. */
export const ZSurveyMonkeyEnvelope = z.object({
  event_id: ZId,
  event_type: z.string().min(1).max(100),
});

export const ZSurveyMonkeyResponseEvent = z.object({
  event_id: ZId,
  event_type: z.enum(["response_completed", "response_updated"]),
  object_type: z.literal("response"),
  object_id: ZId,
  /** `2016-01-01T21:56:31.182613+00:00`: microseconds and an offset. */
  event_datetime: z.string().max(64).optional(),
  resources: z
    .object({
      respondent_id: ZOptionalId,
      recipient_id: ZOptionalId,
      collector_id: ZOptionalId,
      survey_id: ZOptionalId,
      user_id: ZOptionalId,
    })
    .optional(),
});
export type SurveyMonkeyResponseEvent = z.infer<typeof ZSurveyMonkeyResponseEvent>;
