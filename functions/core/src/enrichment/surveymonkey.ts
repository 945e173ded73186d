/**
 * SurveyMonkey: a callback names a response and its survey; the answers come from
 * `GET /v3/surveys/{survey_id}/responses/{id}/details`, and what the questions are (which one is the comment, which the
 * rating, and its choices) from `GET /v3/surveys/{survey_id}/details`, fetched once per survey per client.
 * @see https://api.surveymonkey.com/v3/docs (responses, surveys)
 * @module
 */
import { z } from "zod";
import { parseProviderTime } from "../providers/time.ts";
import {
  asEmail,
  asRecord,
  asText,
  getJson,
  httpContext,
  isSafeSegment,
  type JsonOutcome,
  missingReference,
  unexpectedAnswer,
} from "./http.ts";
import { integerText, scaleForRange } from "./scores.ts";
import type { EnrichedDetails, EnrichmentClient, EnrichmentClientOptions, EnrichmentResult } from "./types.ts";

const LABEL = "SurveyMonkey";

/** SurveyMonkey serves accounts from three data centres, each with its own API host. */
export const SURVEYMONKEY_HOSTS = ["api.surveymonkey.com", "api.eu.surveymonkey.com", "api.surveymonkey.ca"] as const;

export const ZSurveyMonkeyEnrichmentSettings = z
  .object({
    apiHost: z.enum(SURVEYMONKEY_HOSTS).default("api.surveymonkey.com"),
    /** The rating question to read the score from; by default the first rating or 0–10 question answered. */
    scoreQuestionId: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    /** The comment question; by default every open-ended answer, in survey order. */
    textQuestionId: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
  })
  .strict();

export type SurveyMonkeyEnrichmentSettings = z.infer<typeof ZSurveyMonkeyEnrichmentSettings>;

/** A question as `/surveys/{id}/details` describes it, reduced to what mapping needs. */
interface QuestionDefinition {
  family: string;
  subtype: string;
  star: boolean;
  /** Choices in display order. */
  choices: Array<{ id: string; text: string }>;
}

/** Open-ended subtypes that hold a comment; `multi`, `numerical`, demographics and dates hold form fields. */
const COMMENT_SUBTYPES = new Set(["single", "essay"]);

export function surveyMonkeyClient(options: EnrichmentClientOptions): EnrichmentClient {
  const http = httpContext(options, LABEL);
  const settings = ZSurveyMonkeyEnrichmentSettings.parse(options.settings ?? {});
  const base = `https://${settings.apiHost}/v3`;
  const headers = { authorization: `Bearer ${options.credential}` };
  // One survey's definition serves all of its responses; failures are not kept, so the next item asks again.
  const surveys = new Map<string, Promise<JsonOutcome>>();

  function surveyDetails(surveyId: string): Promise<JsonOutcome> {
    let pending = surveys.get(surveyId);
    if (!pending) {
      pending = getJson(http, `${base}/surveys/${surveyId}/details`, headers);
      surveys.set(surveyId, pending);
      pending.then((outcome) => {
        if (!outcome.ok) surveys.delete(surveyId);
      });
    }
    return pending;
  }

  return {
    provider: "surveymonkey",
    async fetchDetails(reference): Promise<EnrichmentResult> {
      const surveyId = reference.parentExternalId;
      if (!isSafeSegment(surveyId)) return missingReference(LABEL, "survey");
      if (!isSafeSegment(reference.externalId)) return missingReference(LABEL, "response");
      const [response, survey] = await Promise.all([
        getJson(http, `${base}/surveys/${surveyId}/responses/${reference.externalId}/details`, headers),
        surveyDetails(surveyId),
      ]);
      if (!response.ok) return response.result;
      if (!survey.ok) return survey.result;
      const details = mapSurveyMonkeyResponse(response.value, survey.value, settings);
      return details ? { kind: "enriched", details } : unexpectedAnswer(LABEL, "a response");
    },
  };
}

/** A response's details, read with its survey's definition; `undefined` when the answer is not a response. */
export function mapSurveyMonkeyResponse(
  responseValue: unknown,
  surveyValue: unknown,
  settings: Pick<SurveyMonkeyEnrichmentSettings, "scoreQuestionId" | "textQuestionId"> = {},
): EnrichedDetails | undefined {
  const response = asRecord(responseValue);
  if (!response || asText(response.id) === undefined) return undefined;
  const definitions = questionDefinitions(surveyValue);
  const answered = answeredQuestions(response);

  const comments: string[] = [];
  let rating: Pick<EnrichedDetails, "score" | "scale" | "scaleRange"> | undefined;
  for (const { id, answers } of answered) {
    const definition = definitions.get(id);
    if (!definition) continue;
    const isComment = settings.textQuestionId
      ? id === settings.textQuestionId
      : definition.family === "open_ended" && COMMENT_SUBTYPES.has(definition.subtype);
    for (const answer of answers) {
      const text = asText(answer.text);
      // "Other (please specify)" text belongs with the comments whatever the question.
      if (text && (isComment || (!settings.textQuestionId && asText(answer.other_id)))) comments.push(text);
    }
    const isRating = settings.scoreQuestionId ? id === settings.scoreQuestionId : isRatingQuestion(definition);
    if (!rating && isRating) rating = ratingOf(definition, answers);
  }

  const recipient = asText(response.recipient_id);
  const metadata = asRecord(asRecord(response.metadata)?.contact);
  return {
    text: comments.join("\n\n"),
    ...rating,
    customerEmail: asEmail(response.email_address) ?? asEmail(asRecord(metadata?.email)?.value),
    // A web-link collector reports no recipient as "" or "0".
    customerId: recipient && recipient !== "0" ? recipient : undefined,
    url: asText(response.analyze_url),
    occurredAt: parseProviderTime(response.date_created),
    revisionAt: parseProviderTime(response.date_modified),
  };
}

function answeredQuestions(response: Record<string, unknown>) {
  const pages = Array.isArray(response.pages) ? response.pages : [];
  return pages.flatMap((page) => {
    const questions = asRecord(page)?.questions;
    return (Array.isArray(questions) ? questions : []).flatMap((question) => {
      const record = asRecord(question);
      const id = asText(record?.id);
      const answers = Array.isArray(record?.answers) ? record.answers.map(asRecord).filter((a) => a !== undefined) : [];
      return id ? [{ id, answers }] : [];
    });
  });
}

function questionDefinitions(surveyValue: unknown): Map<string, QuestionDefinition> {
  const definitions = new Map<string, QuestionDefinition>();
  const pages = asRecord(surveyValue)?.pages;
  for (const page of Array.isArray(pages) ? pages : []) {
    const questions = asRecord(page)?.questions;
    for (const question of Array.isArray(questions) ? questions : []) {
      const record = asRecord(question);
      const id = asText(record?.id);
      if (!record || !id) continue;
      const display = asRecord(record.display_options);
      const choices = asRecord(record.answers)?.choices;
      definitions.set(id, {
        family: asText(record.family) ?? "",
        subtype: asText(record.subtype) ?? "",
        star: asText(display?.display_subtype) === "star",
        choices: (Array.isArray(choices) ? choices : [])
          .map(asRecord)
          .filter((c) => c !== undefined)
          .map((c, index) => ({ id: asText(c.id) ?? "", text: asText(c.text) ?? "", position: positionOf(c, index) }))
          .sort((a, b) => a.position - b.position)
          .map(({ id: choiceId, text }) => ({ id: choiceId, text })),
      });
    }
  }
  return definitions;
}

function positionOf(choice: Record<string, unknown>, index: number): number {
  return typeof choice.position === "number" ? choice.position : index + 1;
}

/** Star and rating matrices, and any choice question whose choices are all numbers (NPS is 0–10 choices). */
function isRatingQuestion(definition: QuestionDefinition): boolean {
  if (definition.family === "matrix" && (definition.subtype === "rating" || definition.star)) return true;
  const numeric = definition.choices.length >= 3 && definition.choices.every((c) => integerText(c.text) !== undefined);
  return numeric && (definition.family === "single_choice" || definition.family === "matrix");
}

/** The chosen value: the choice's number when the choices are numbers, else its position (1 = first). */
function ratingOf(definition: QuestionDefinition, answers: Record<string, unknown>[]) {
  const chosen = answers.map((a) => asText(a.choice_id)).find((id) => id !== undefined);
  const index = definition.choices.findIndex((c) => c.id === chosen);
  if (index < 0) return undefined;
  const numbers = definition.choices.map((c) => integerText(c.text));
  if (numbers.every((n) => n !== undefined)) {
    const values = numbers as number[];
    return { score: values[index], ...scaleForRange(Math.min(...values), Math.max(...values), definition.star) };
  }
  return { score: index + 1, ...scaleForRange(1, definition.choices.length, definition.star) };
}
