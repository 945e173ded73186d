/**
 * Google Business Profile: a Pub/Sub notification names a review (`accounts/…/locations/…/reviews/…`); the review
 * comes from `GET https://mybusiness.googleapis.com/v4/{name}` with an OAuth access token (scope `business.manage`).
 * The reviewer's name and photo are never read: a review has no customer identity Firebreak keeps.
 * @see https://developers.google.com/my-business/reference/rest/v4/accounts.locations.reviews
 * @module
 */
import { z } from "zod";
import { parseProviderTime } from "../providers/time.ts";
import { asRecord, asText, getJson, httpContext, missingReference, unexpectedAnswer } from "./http.ts";
import type { EnrichedDetails, EnrichmentClient, EnrichmentClientOptions, EnrichmentResult } from "./types.ts";

const LABEL = "Google Business Profile";
const BASE = "https://mybusiness.googleapis.com/v4";

/** `accounts/{a}/locations/{l}/reviews/{r}`: each id is opaque and travels URL-encoded, so it cannot reach another path. */
function reviewPath(name: string): string | undefined {
  const parts = name.split("/");
  if (parts.length !== 6 || parts[0] !== "accounts" || parts[2] !== "locations" || parts[4] !== "reviews")
    return undefined;
  const ids = [parts[1], parts[3], parts[5]];
  if (ids.some((id) => !id || id === "." || id === ".." || id.length > 300)) return undefined;
  return parts.map(encodeURIComponent).join("/");
}

const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };

export const ZGoogleBusinessProfileEnrichmentSettings = z.object({}).strict();

export function googleBusinessProfileClient(options: EnrichmentClientOptions): EnrichmentClient {
  const http = httpContext(options, LABEL);
  const headers = { authorization: `Bearer ${options.credential}` };
  return {
    provider: "google-business-profile",
    async fetchDetails(reference): Promise<EnrichmentResult> {
      const path = reviewPath(reference.externalId);
      if (!path) return missingReference(LABEL, "review");
      const review = await getJson(http, `${BASE}/${path}`, headers);
      if (!review.ok) return review.result;
      const details = mapGoogleReview(review.value);
      return details ? { kind: "enriched", details } : unexpectedAnswer(LABEL, "a review");
    },
  };
}

/** A v4 Review in normalized terms; `undefined` when the answer is not a review. */
export function mapGoogleReview(value: unknown): EnrichedDetails | undefined {
  const review = asRecord(value);
  if (!review || (asText(review.name) === undefined && asText(review.reviewId) === undefined)) return undefined;
  const stars = STARS[asText(review.starRating) ?? ""];
  return {
    // A rating-only review has no `comment` at all.
    text: originalComment(typeof review.comment === "string" ? review.comment : ""),
    ...(stars === undefined ? {} : { score: stars, scale: "stars5" as const }),
    occurredAt: parseProviderTime(review.createTime),
    revisionAt: parseProviderTime(review.updateTime),
  };
}

/**
 * Google adds a machine translation to reviews written in another language than the viewer's: "(Translated by
 * Google) … (Original) …". Only the reviewer's own words are kept; language detection does the rest.
 */
export function originalComment(comment: string): string {
  const original = comment.lastIndexOf("(Original)");
  if (original >= 0) return comment.slice(original + "(Original)".length).trim();
  const translated = comment.indexOf("(Translated by Google)");
  return (translated >= 0 ? comment.slice(0, translated) : comment).trim();
}
