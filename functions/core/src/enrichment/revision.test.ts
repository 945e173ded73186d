import { describe, expect, it } from "vitest";
import {
  ENRICHMENT_MAX_ATTEMPTS,
  enrichedRevision,
  rateLimitPauseMs,
  retryDelayMs,
  type StoredFeedback,
} from "./revision.ts";

const STORED: StoredFeedback = {
  externalId: "118012345678",
  parentExternalId: "512345678",
  kind: "survey",
  channel: "survey",
  text: "",
  scale: "none",
  tags: [],
  occurredAt: 1_000,
  revisionAt: 1_000,
  needsEnrichment: true,
};

describe("enrichedRevision", () => {
  it("fills in the details as a later revision on the same day that no longer needs enrichment", () => {
    const revision = enrichedRevision(STORED, {
      text: "Late again",
      score: 3,
      scale: "nps",
      occurredAt: 500,
      revisionAt: 900,
      customerEmail: "a@b.dk",
    });
    expect(revision).toMatchObject({
      text: "Late again",
      score: 3,
      scale: "nps",
      occurredAt: 1_000,
      revisionAt: 1_001,
      needsEnrichment: false,
      customerEmail: "a@b.dk",
    });
    expect(enrichedRevision(STORED, { text: "x", revisionAt: 5_000 }, {}).revisionAt).toBe(5_000);
    // A modification time in the future is not believed.
    const skewed = enrichedRevision(STORED, { text: "x", revisionAt: 9_000 }, { now: 5_000 });
    expect(skewed.revisionAt).toBe(1_001);
  });

  it("keeps what the provider did not return", () => {
    const stored = { ...STORED, text: "Preview…", score: 4, scale: "stars5" as const, tags: ["vip"], status: "open" };
    const revision = enrichedRevision(stored, { text: "  ", customerId: "c1" });
    expect(revision).toMatchObject({ text: "Preview…", score: 4, scale: "stars5", tags: ["vip"], status: "open" });
    expect(revision.customerId).toBe("c1");
  });

  it("gives the same revision for the same details, so a repeated write is a no-op", () => {
    const details = { text: "Same", revisionAt: 10 };
    expect(enrichedRevision(STORED, details)).toEqual(enrichedRevision(STORED, details));
  });
});

describe("retry schedule", () => {
  it("doubles from a minute up to six hours and never undercuts Retry-After", () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(ENRICHMENT_MAX_ATTEMPTS)).toBe(7_680_000);
    expect(retryDelayMs(20)).toBe(21_600_000);
    expect(retryDelayMs(1, 300_000)).toBe(300_000);
    expect(retryDelayMs(1, 10 * 86_400_000)).toBe(86_400_000);
  });

  it("pauses a rate-limited source for Retry-After, a minute without one", () => {
    expect(rateLimitPauseMs()).toBe(60_000);
    expect(rateLimitPauseMs(5_000)).toBe(5_000);
    expect(rateLimitPauseMs(0)).toBe(1_000);
  });
});
