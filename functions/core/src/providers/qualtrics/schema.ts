/**
 * The fields of a Qualtrics event-subscription delivery that Firebreak reads (shared/docs/providers.md §3). The body
 * is `application/x-www-form-urlencoded` with `Topic`, `MSG` (a JSON string) and `HMAC`; this is `MSG`'s shape.
 * Answers are fetched later through `GET /API/v3/surveys/{SurveyID}/responses/{ResponseID}`.
 * @module
 */
import { z } from "zod";

const ZQualtricsId = z.string().min(1).max(100);

export const ZQualtricsMessage = z.object({
  Status: z.string().max(50).optional(),
  SurveyID: ZQualtricsId,
  ResponseID: ZQualtricsId,
  /** `2019-06-25 07:58:25`: no zone, read as UTC. */
  CompletedDate: z.string().max(64).optional(),
  BrandID: z.string().max(100).optional(),
});
export type QualtricsMessage = z.infer<typeof ZQualtricsMessage>;
