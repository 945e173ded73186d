import { describe, expect, it } from "vitest";
import { scoreSentimentPrior } from "../model.ts";
import { scoreSentiment } from "./sentiment.ts";

describe("scoreSentiment", () => {
  it.each([
    ["Parcel arrived five days late", "en"],
    ["Still no refund after three weeks", "en"],
    ["I was charged twice for one order", "en"],
    ["Pakken kom fem dage for sent og jeg har stadig ingen refusion", "da"],
    ["Ich wurde doppelt abgebucht und habe immer noch keine Antwort", "de"],
  ])("reads implicit complaints as negative: %s", (text, language) => {
    expect(scoreSentiment(text, language).label).toBe("negative");
  });

  it.each([
    ["Fast delivery and lovely packaging, thank you!", "en"],
    ["Super hurtig levering, tak", "da"],
    ["Schnelle Lieferung, sehr zufrieden", "de"],
  ])("reads praise as positive: %s", (text, language) => {
    expect(scoreSentiment(text, language).label).toBe("positive");
  });

  it("lets the rating decide when the text carries no sentiment", () => {
    expect(scoreSentiment("Order 1234", "en", -1).score).toBe(-1);
    expect(scoreSentiment("Order 1234", "en", 1).score).toBe(1);
  });

  it("reads NPS as detractors, passives and promoters, not as a percentage", () => {
    const label = (score: number) =>
      scoreSentiment("Checkout kept timing out", "en", scoreSentimentPrior(score, "nps")).label;
    expect([0, 6, 7, 8, 9, 10].map(label)).toEqual([
      "negative",
      "negative",
      "neutral",
      "neutral",
      "positive",
      "positive",
    ]);
    expect(scoreSentimentPrior(5, "csat5")).toBe(1);
    expect(scoreSentimentPrior(undefined, "nps")).toBeUndefined();
  });

  it("keeps scores in [-1, 1] with a confidence in [0, 1]", () => {
    const result = scoreSentiment(
      "terrible awful horrible disgusting worst ever, charged twice, still no refund",
      "en",
      0,
    );
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });
});
