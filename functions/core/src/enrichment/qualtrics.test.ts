import { describe, expect, it } from "vitest";
import { fakeFetch, qualtricsResponse } from "./fixtures.ts";
import { mapQualtricsResponse, qualtricsClient, ZQualtricsEnrichmentSettings } from "./qualtrics.ts";

const TOKEN = "qualtrics-api-token-4c2d";
const URL = "https://fra1.qualtrics.com/API/v3/surveys/SV_3kHxUNvbsBkpLZX/responses/R_1Fq2yZ6s4j3Pq8N";
const REFERENCE = { externalId: "R_1Fq2yZ6s4j3Pq8N", parentExternalId: "SV_3kHxUNvbsBkpLZX", kind: "survey" as const };
const SETTINGS = { datacenter: "fra1" };

describe("qualtrics enrichment: happy path", () => {
  it("fetches the response from the datacenter with X-API-TOKEN and maps NPS, text entries and respondent", async () => {
    const { fetch, seen } = fakeFetch({ [URL]: qualtricsResponse });
    const result = await qualtricsClient({ fetch, credential: TOKEN, settings: SETTINGS }).fetchDetails(REFERENCE);

    expect(seen).toEqual([{ url: URL, method: "GET", headers: { accept: "application/json", "x-api-token": TOKEN } }]);
    expect(result).toEqual({
      kind: "enriched",
      details: {
        // Text entries in question order, the "other" box of QID4 after QID2.
        text: "Leveringen var forsinket, og kundeservice svarede aldrig. Meget skuffende.\n\nRing på 20 12 34 56",
        score: 3,
        scale: "nps",
        customerEmail: "lars.hansen@example.dk",
        customerId: "CUST-20417",
        language: "da",
        occurredAt: Date.parse("2026-11-20T09:58:00Z"),
        revisionAt: Date.parse("2026-11-20T09:58:01.446Z"),
      },
    });
  });

  it("reads a configured score question and scale, and a configured comment question", () => {
    const details = mapQualtricsResponse(qualtricsResponse, {
      scoreQuestionId: "QID4",
      scoreScale: "csat5",
      textQuestionId: "QID2",
    });
    expect(details).toMatchObject({ score: 5, scale: "csat5", text: expect.stringMatching(/^Leveringen/) });
  });

  it("has no score without an NPS question, and empty text without text entries", () => {
    const values = { recordedDate: "2026-11-20T09:58:01Z", QID7: 4, QID8: [""] };
    expect(mapQualtricsResponse({ result: { values } })).toEqual({
      text: "",
      customerEmail: undefined,
      customerId: undefined,
      language: undefined,
      occurredAt: Date.parse("2026-11-20T09:58:01Z"),
      revisionAt: Date.parse("2026-11-20T09:58:01Z"),
    });
  });

  it("requires a plain datacenter id, so the token only ever goes to a qualtrics.com host", () => {
    expect(ZQualtricsEnrichmentSettings.safeParse({ datacenter: "FRA1" }).data).toEqual({ datacenter: "fra1" });
    for (const datacenter of ["evil.com/x", "fra1.evil", "", "a"]) {
      expect(ZQualtricsEnrichmentSettings.safeParse({ datacenter }).success, datacenter).toBe(false);
    }
    expect(ZQualtricsEnrichmentSettings.safeParse({}).success).toBe(false);
  });
});

describe("qualtrics enrichment: errors", () => {
  it("classifies 401, 404, 429 and 500", async () => {
    const expected = { 401: "credential", 404: "gone", 429: "retry", 500: "retry" } as const;
    for (const [status, kind] of Object.entries(expected)) {
      const { fetch } = fakeFetch({ [URL]: new Response("{}", { status: Number(status) }) });
      const result = await qualtricsClient({ fetch, credential: TOKEN, settings: SETTINGS }).fetchDetails(REFERENCE);
      expect(result.kind, status).toBe(kind);
    }
  });

  it("retries an answer without values", async () => {
    const { fetch } = fakeFetch({ [URL]: { meta: { httpStatus: "200 - OK" } } });
    const result = await qualtricsClient({ fetch, credential: TOKEN, settings: SETTINGS }).fetchDetails(REFERENCE);
    expect(result).toMatchObject({ kind: "retry", rateLimited: false });
  });
});
