import { describe, expect, it } from "vitest";
import type { NormalizedFeedback } from "../model.ts";
import { analyzeItem, createAnalysisContext } from "./analyze.ts";

const feedback = (
  text: string,
  touchpointHint: string,
  extra: Partial<NormalizedFeedback> = {},
): NormalizedFeedback => ({
  externalId: "1",
  kind: "ticket",
  channel: "email",
  text,
  scale: "none",
  tags: [],
  touchpointHint,
  occurredAt: Date.UTC(2026, 10, 20),
  ...extra,
});

describe("analyzeItem", () => {
  const context = createAnalysisContext({
    languages: ["en", "da"],
    country: "DK",
    touchpoints: [
      { id: "tp_bereavement", key: "bereavement", isHumanMoment: true, sentimentThreshold: -0.3 },
      { id: "tp_checkout", key: "checkout", isHumanMoment: false, sentimentThreshold: -0.3 },
    ],
    themeModel: {
      idf: {},
      unseenIdf: 1,
      threshold: 0.14,
      themes: [{ id: "thm_refund", centroid: {}, pinned: true, keywords: { en: ["refund"], da: ["refusion"] } }],
    },
  });

  it("redacts before anything else, against the workspace's country, and counts what it removed", () => {
    const result = analyzeItem(feedback("Call me on 20 12 34 56 or mail jane@example.com", "checkout"), context);
    expect(result.text).toBe("Call me on [phone] or mail [email]");
    expect(result.redactions).toEqual({ phone: 1, email: 1 });
  });

  it("redacts the tags too, which are stored with the item", () => {
    const tagged = feedback("Late parcel", "checkout", { tags: ["vip", "callback 20 12 34 56", "jane@example.com"] });
    const result = analyzeItem(tagged, context);
    expect(result.feedback.tags).toEqual(["vip", "callback [phone]", "[email]"]);
    expect(analyzeItem(feedback("Late parcel", "checkout", { tags: ["vip"] }), context).feedback.tags).toEqual(["vip"]);
  });

  it("escalates sentiment below a human moment's threshold, and only at a human moment", () => {
    const angry = "This is terrible, awful service and nobody helps me";
    expect(analyzeItem(feedback(angry, "bereavement"), context).escalations).toContain("sentiment.below_threshold");
    expect(analyzeItem(feedback(angry, "checkout"), context).escalations).not.toContain("sentiment.below_threshold");
    expect(analyzeItem(feedback("Thank you, that was kind", "bereavement"), context).escalations).toEqual([]);
  });

  it("assigns pinned themes by keyword in the item's language", () => {
    expect(analyzeItem(feedback("Jeg mangler stadig min refusion", "checkout"), context).theme).toEqual({
      themeId: "thm_refund",
      similarity: 1,
      method: "keyword",
    });
    expect(analyzeItem(feedback("Lovely colours", "checkout"), context).theme).toBeNull();
  });
});
