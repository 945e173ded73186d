/**
 * Qualtrics: an event names a survey and a response; the answers come from
 * `GET https://{datacenter}.qualtrics.com/API/v3/surveys/{surveyId}/responses/{responseId}` with an `X-API-TOKEN`.
 * `result.values` keys answers by question id: `QID3_TEXT` is a text entry, `QID2` with a `QID2_NPS_GROUP` beside it
 * is an NPS question, and `recipientEmail`, `externalDataReference` and `userLanguage` describe the respondent.
 * @see https://api.qualtrics.com (Responses → Retrieve a Survey Response)
 * @module
 */
import { z } from "zod";
import { ZScale } from "../model.ts";
import { parseProviderTime } from "../providers/time.ts";
import {
  asEmail,
  asRecord,
  asText,
  getJson,
  httpContext,
  isSafeSegment,
  missingReference,
  unexpectedAnswer,
} from "./http.ts";
import type { EnrichedDetails, EnrichmentClient, EnrichmentClientOptions, EnrichmentResult } from "./types.ts";

const LABEL = "Qualtrics";

const ZQuestionId = z.string().regex(/^QID\d{1,6}(?:_\d{1,6})?$/, "a question id such as QID7");

export const ZQualtricsEnrichmentSettings = z
  .object({
    /** The datacenter id from Account Settings → Qualtrics IDs (`fra1`, `iad1`, `ca1`, …): the API host's first label. */
    datacenter: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9]{1,15}$/, "a datacenter id such as fra1"),
    /** The question to read the score from, and its scale; by default the survey's NPS question. */
    scoreQuestionId: ZQuestionId.optional(),
    scoreScale: ZScale.exclude(["none", "custom"]).optional(),
    /** The comment question; by default every text entry answer, in question order. */
    textQuestionId: ZQuestionId.optional(),
  })
  .strict();

export type QualtricsEnrichmentSettings = z.infer<typeof ZQualtricsEnrichmentSettings>;

const TEXT_KEY = /^QID(\d+)(?:_(\d+))?_TEXT$/;
const NPS_GROUP_KEY = /^(QID\d+)_NPS_GROUP$/;

export function qualtricsClient(options: EnrichmentClientOptions): EnrichmentClient {
  const http = httpContext(options, LABEL);
  const settings = ZQualtricsEnrichmentSettings.parse(options.settings ?? {});
  const base = `https://${settings.datacenter}.qualtrics.com/API/v3`;
  const headers = { "x-api-token": options.credential };
  return {
    provider: "qualtrics",
    async fetchDetails(reference): Promise<EnrichmentResult> {
      const surveyId = reference.parentExternalId;
      if (!isSafeSegment(surveyId)) return missingReference(LABEL, "survey");
      if (!isSafeSegment(reference.externalId)) return missingReference(LABEL, "response");
      const answer = await getJson(http, `${base}/surveys/${surveyId}/responses/${reference.externalId}`, headers);
      if (!answer.ok) return answer.result;
      const details = mapQualtricsResponse(answer.value, settings);
      return details ? { kind: "enriched", details } : unexpectedAnswer(LABEL, "a response");
    },
  };
}

/** A response's `result.values` in normalized terms; `undefined` when the answer has no values. */
export function mapQualtricsResponse(
  value: unknown,
  settings: Pick<QualtricsEnrichmentSettings, "scoreQuestionId" | "scoreScale" | "textQuestionId"> = {},
): EnrichedDetails | undefined {
  const values = asRecord(asRecord(asRecord(value)?.result)?.values);
  if (!values) return undefined;
  const language = /^[a-z]{2}/i.exec(asText(values.userLanguage) ?? "")?.[0]?.toLowerCase();
  return {
    text: textOf(values, settings.textQuestionId),
    ...scoreOf(values, settings),
    customerEmail: asEmail(values.recipientEmail),
    customerId: asText(values.externalDataReference),
    language,
    occurredAt: parseProviderTime(values.endDate) ?? parseProviderTime(values.recordedDate),
    revisionAt: parseProviderTime(values.recordedDate),
  };
}

function textOf(values: Record<string, unknown>, questionId: string | undefined): string {
  if (questionId) return asText(values[`${questionId}_TEXT`]) ?? asText(values[questionId]) ?? "";
  return Object.keys(values)
    .map((key) => ({ key, match: TEXT_KEY.exec(key) }))
    .filter(({ match }) => match !== null)
    .sort((a, b) => order(a.match) - order(b.match))
    .map(({ key }) => (typeof values[key] === "string" ? (values[key] as string).trim() : ""))
    .filter((text) => text !== "")
    .join("\n\n");
}

/** Question number first, then the choice or sub-question number ("other" text boxes come with their question). */
function order(match: RegExpExecArray | null): number {
  return Number(match?.[1] ?? 0) * 1_000_000 + Number(match?.[2] ?? 0);
}

function scoreOf(
  values: Record<string, unknown>,
  settings: Pick<QualtricsEnrichmentSettings, "scoreQuestionId" | "scoreScale">,
): Pick<EnrichedDetails, "score" | "scale"> {
  const npsQuestion = Object.keys(values)
    .map((key) => NPS_GROUP_KEY.exec(key)?.[1])
    .find((id) => id !== undefined);
  const questionId = settings.scoreQuestionId ?? npsQuestion;
  if (!questionId) return {};
  const raw = values[questionId];
  const score = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  if (!Number.isFinite(score)) return {};
  return { score, scale: settings.scoreQuestionId ? (settings.scoreScale ?? "nps") : "nps" };
}
