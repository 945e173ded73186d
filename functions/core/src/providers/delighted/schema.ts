/**
 * The fields of a Delighted webhook that Firebreak reads (shared/docs/providers.md §4): the `{event_type, event_id}`
 * envelope and, for survey responses, `event_data` with epoch-second timestamps.
 * @module
 */
import { z } from "zod";

const ZId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);

const ZOptionalId = z
  .union([z.string().max(200), z.number().int()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? undefined : String(value)));

/** Epoch seconds, as a number or numeric string. */
const ZEpochSeconds = z.union([z.number().finite(), z.string().max(32)]).nullish();

/** Response tags are names; an object with a `name` is read the same way. */
const ZTag = z.union([z.string().max(100), z.object({ name: z.string().max(100) }).transform((tag) => tag.name)]);

/** Read first, so an event of another type is refused by name rather than by a missing field. */
export const ZDelightedEnvelope = z.object({
  event_id: ZId,
  event_type: z.string().min(1).max(100),
});

export const ZDelightedSurveyResponseEvent = z.object({
  event_id: ZId,
  event_type: z.enum(["survey_response.created", "survey_response.updated"]),
  event_data: z.object({
    id: ZId,
    person: z.object({ id: ZOptionalId, email: z.string().max(320).nullish() }).nullish(),
    survey_type: z.string().max(50).nullish(),
    score: z.number().finite().nullish(),
    comment: z.string().nullish(),
    // Only web links: a permalink is shown to users as a link.
    permalink: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish()
      .catch(undefined),
    created_at: ZEpochSeconds,
    updated_at: ZEpochSeconds,
    person_properties: z.record(z.string().max(100), z.unknown()).nullish(),
    tags: z.array(ZTag).max(100).nullish(),
  }),
});
export type DelightedSurveyResponseEvent = z.infer<typeof ZDelightedSurveyResponseEvent>;
