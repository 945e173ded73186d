import { describe, expect, it } from "vitest";
import { fakeFetch, googleReview } from "./fixtures.ts";
import { googleBusinessProfileClient, mapGoogleReview, originalComment } from "./google-business-profile.ts";

const TOKEN = "ya29.a0AfB_byC-access-token";
const NAME = "accounts/114477889900/locations/9988776655/reviews/AIe9_BGx3kQvZ0tL8mN2";
const URL = `https://mybusiness.googleapis.com/v4/${NAME}`;

describe("google business profile enrichment", () => {
  it("fetches the review by its resource name with the OAuth token and maps stars and the original comment", async () => {
    const { fetch, seen } = fakeFetch({ [URL]: googleReview });
    const result = await googleBusinessProfileClient({ fetch, credential: TOKEN }).fetchDetails({
      externalId: NAME,
      kind: "review",
    });
    expect(seen).toEqual([
      { url: URL, method: "GET", headers: { accept: "application/json", authorization: `Bearer ${TOKEN}` } },
    ]);
    expect(result).toEqual({
      kind: "enriched",
      details: {
        text: "Kold kaffe, og vi ventede 25 minutter.",
        score: 2,
        scale: "stars5",
        occurredAt: Date.parse("2026-11-20T09:50:11.402Z"),
        revisionAt: Date.parse("2026-11-20T09:57:30.118Z"),
      },
    });
    // The reviewer's name is never part of what is stored.
    expect(JSON.stringify(result)).not.toContain("Mette");
  });

  it("maps a rating-only review and keeps text written in the viewer's language", () => {
    expect(mapGoogleReview({ name: NAME, starRating: "FIVE" })).toMatchObject({ text: "", score: 5 });
    expect(mapGoogleReview({ name: NAME, starRating: "STAR_RATING_UNSPECIFIED" })?.score).toBeUndefined();
    expect(originalComment("Great!\n\n(Translated by Google)\nFantastisk!")).toBe("Great!");
  });

  it("classifies errors and refuses names that are not a review's", async () => {
    for (const [status, kind] of [
      [401, "credential"],
      [404, "gone"],
      [429, "retry"],
    ] as const) {
      const { fetch } = fakeFetch({ [URL]: new Response("{}", { status }) });
      const result = await googleBusinessProfileClient({ fetch, credential: TOKEN }).fetchDetails({
        externalId: NAME,
        kind: "review",
      });
      expect(result.kind, String(status)).toBe(kind);
    }
    const { fetch, seen } = fakeFetch({});
    const client = googleBusinessProfileClient({ fetch, credential: TOKEN });
    for (const externalId of ["accounts/1/locations/2/reviews/../../x", "accounts/1/locations/2", "https://evil/x"]) {
      expect((await client.fetchDetails({ externalId, kind: "review" })).kind, externalId).toBe("gone");
    }
    expect(seen).toHaveLength(0);
  });

  it("encodes unusual review ids rather than letting them change the path", async () => {
    const odd = "accounts/22/locations/Bäckerei-München/reviews/r 42?x";
    const encoded =
      "https://mybusiness.googleapis.com/v4/accounts/22/locations/B%C3%A4ckerei-M%C3%BCnchen/reviews/r%2042%3Fx";
    const { fetch, seen } = fakeFetch({ [encoded]: { ...googleReview, name: odd } });
    const result = await googleBusinessProfileClient({ fetch, credential: TOKEN }).fetchDetails({
      externalId: odd,
      kind: "review",
    });
    expect(seen.map((r) => r.url)).toEqual([encoded]);
    expect(result.kind).toBe("enriched");
  });
});
