import { describe, expect, it } from "vitest";
import { fakeFetch, surveyMonkeyResponse, surveyMonkeySurvey } from "./fixtures.ts";
import { mapSurveyMonkeyResponse, surveyMonkeyClient } from "./surveymonkey.ts";

const TOKEN = "sm_access_token_9f8e7d6c";
const RESPONSE_URL = "https://api.surveymonkey.com/v3/surveys/512345678/responses/118012345678/details";
const SURVEY_URL = "https://api.surveymonkey.com/v3/surveys/512345678/details";
const REFERENCE = { externalId: "118012345678", parentExternalId: "512345678", kind: "survey" as const };

describe("surveymonkey enrichment: happy path", () => {
  it("fetches the response and its survey with the bearer token and maps score, comment and customer", async () => {
    const { fetch, seen } = fakeFetch({ [RESPONSE_URL]: surveyMonkeyResponse, [SURVEY_URL]: surveyMonkeySurvey });
    const result = await surveyMonkeyClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);

    expect(seen.map((r) => r.url).sort()).toEqual([RESPONSE_URL, SURVEY_URL].sort());
    for (const request of seen) {
      expect(request.method).toBe("GET");
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers.accept).toBe("application/json");
    }
    expect(result).toEqual({
      kind: "enriched",
      details: {
        // The comment only: the contact form's name and email are not feedback text.
        text: expect.stringMatching(/^The parcel arrived five days late.*jane\.doe@example\.com\.$/),
        score: 2,
        scale: "nps",
        customerEmail: "jane.doe@example.com",
        customerId: "9876543210",
        url: surveyMonkeyResponse.analyze_url,
        occurredAt: Date.parse("2026-11-20T09:56:50Z"),
        revisionAt: Date.parse("2026-11-20T09:58:01Z"),
      },
    });
  });

  it("asks for a survey's definition once for all of its responses", async () => {
    const second = { ...surveyMonkeyResponse, id: "118012349999" };
    const secondUrl = RESPONSE_URL.replace("118012345678", "118012349999");
    const { fetch, seen } = fakeFetch({
      [RESPONSE_URL]: surveyMonkeyResponse,
      [secondUrl]: second,
      [SURVEY_URL]: surveyMonkeySurvey,
    });
    const client = surveyMonkeyClient({ fetch, credential: TOKEN });
    await client.fetchDetails(REFERENCE);
    await client.fetchDetails({ ...REFERENCE, externalId: "118012349999" });
    expect(seen.filter((r) => r.url === SURVEY_URL)).toHaveLength(1);
  });

  it("uses the account's data centre host", async () => {
    const euResponse = RESPONSE_URL.replace("api.surveymonkey.com", "api.eu.surveymonkey.com");
    const euSurvey = SURVEY_URL.replace("api.surveymonkey.com", "api.eu.surveymonkey.com");
    const { fetch } = fakeFetch({ [euResponse]: surveyMonkeyResponse, [euSurvey]: surveyMonkeySurvey });
    const client = surveyMonkeyClient({ fetch, credential: TOKEN, settings: { apiHost: "api.eu.surveymonkey.com" } });
    expect((await client.fetchDetails(REFERENCE)).kind).toBe("enriched");
  });

  it("reads star ratings by position and honours the configured questions", () => {
    const survey = {
      pages: [
        {
          questions: [
            {
              id: "1",
              family: "matrix",
              subtype: "rating",
              display_options: { display_type: "emoji", display_subtype: "star" },
              answers: { choices: ["a", "b", "c", "d", "e"].map((id, i) => ({ id, text: "", position: i + 1 })) },
            },
            { id: "2", family: "open_ended", subtype: "single" },
            { id: "3", family: "open_ended", subtype: "essay" },
          ],
        },
      ],
    };
    const response = {
      id: "r1",
      recipient_id: "0",
      pages: [
        {
          questions: [
            { id: "1", answers: [{ choice_id: "d" }] },
            { id: "2", answers: [{ text: "Order 118" }] },
            { id: "3", answers: [{ text: "Lovely staff" }] },
          ],
        },
      ],
    };
    expect(mapSurveyMonkeyResponse(response, survey)).toMatchObject({
      text: "Order 118\n\nLovely staff",
      score: 4,
      scale: "stars5",
      customerId: undefined,
    });
    expect(mapSurveyMonkeyResponse(response, survey, { textQuestionId: "3" })?.text).toBe("Lovely staff");
  });

  it("keeps a score of 0 and leaves the score out when no rating was answered", () => {
    const zero = {
      ...surveyMonkeyResponse,
      pages: [{ questions: [{ id: "300100001", answers: [{ row_id: "3001000100", choice_id: "3001000110" }] }] }],
    };
    expect(mapSurveyMonkeyResponse(zero, surveyMonkeySurvey)).toMatchObject({ text: "", score: 0, scale: "nps" });
    const none = { ...surveyMonkeyResponse, pages: [] };
    expect(mapSurveyMonkeyResponse(none, surveyMonkeySurvey)?.score).toBeUndefined();
  });
});

describe("surveymonkey enrichment: errors", () => {
  it("classifies 401 as a credential problem, 404 as gone and 429 as a rate limit with Retry-After", async () => {
    const answers: Record<number, string> = { 401: "credential", 403: "credential", 404: "gone", 429: "retry" };
    for (const [status, kind] of Object.entries(answers)) {
      const { fetch } = fakeFetch({
        [RESPONSE_URL]: new Response("{}", { status: Number(status), headers: { "retry-after": "120" } }),
        [SURVEY_URL]: surveyMonkeySurvey,
      });
      const result = await surveyMonkeyClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);
      expect(result.kind, status).toBe(kind);
      if (result.kind === "retry") expect(result).toMatchObject({ rateLimited: true, retryAfterMs: 120_000 });
    }
  });

  it("retries later on a server error, a network failure or an unreadable answer", async () => {
    for (const answer of [
      new Response("oops", { status: 503 }),
      new TypeError("network connection lost"),
      new Response("<html>", { status: 200 }),
    ]) {
      const { fetch } = fakeFetch({ [RESPONSE_URL]: answer, [SURVEY_URL]: surveyMonkeySurvey });
      const result = await surveyMonkeyClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);
      expect(result).toMatchObject({ kind: "retry", rateLimited: false });
    }
  });

  it("gives up on a response whose webhook named no survey, without a request", async () => {
    const { fetch, seen } = fakeFetch({});
    const result = await surveyMonkeyClient({ fetch, credential: TOKEN }).fetchDetails({
      externalId: "118012345678",
      kind: "survey",
    });
    expect(result.kind).toBe("gone");
    expect(seen).toHaveLength(0);
  });

  it("refuses ids that would change the request path", async () => {
    const { fetch, seen } = fakeFetch({});
    const client = surveyMonkeyClient({ fetch, credential: TOKEN });
    expect((await client.fetchDetails({ ...REFERENCE, externalId: "../../users/me" })).kind).toBe("gone");
    expect(seen).toHaveLength(0);
  });
});
