import { describe, expect, it } from "vitest";
import { scoreSentimentPrior } from "../model.ts";
import { scoreSentiment, withThemePrior } from "./sentiment.ts";

describe("scoreSentiment", () => {
  it.each([
    ["Parcel arrived five days late", "en"],
    ["Still no refund after three weeks", "en"],
    ["I was charged twice for one order", "en"],
    ["Pakken kom fem dage for sent og jeg har stadig ingen refusion", "da"],
    ["Ich wurde doppelt abgebucht und habe immer noch keine Antwort", "de"],
    ["Me cobraron dos veces y todavía no me han devuelto el dinero", "es"],
    ["El paquete llegó cinco días tarde", "es"],
  ])("reads implicit complaints as negative: %s", (text, language) => {
    expect(scoreSentiment(text, language).label).toBe("negative");
  });

  it.each([
    ["Fast delivery and lovely packaging, thank you!", "en"],
    ["Super hurtig levering, tak", "da"],
    ["Schnelle Lieferung, sehr zufrieden", "de"],
    ["Entrega rapidísima, muy contenta", "es"],
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

  it.each([
    ["This is not good", "en"],
    ["The staff were not helpful at all", "en"],
    ["Det var ikke godt", "da"],
    ["Es hat mir nicht gefallen", "de"],
    ["Das gefällt mir nicht", "de"],
    ["No me gustó nada", "es"],
    ["El servicio no fue bueno", "es"],
  ])("negates praise: %s", (text, language) => {
    expect(scoreSentiment(text, language).label).toBe("negative");
  });

  it("reads a negated complaint as mildly positive at most", () => {
    const notBad = scoreSentiment("Not bad at all", "en").score;
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(scoreSentiment("Good", "en").score);
    expect(scoreSentiment("No problems with my orders", "en").label).toBe("positive");
  });

  it("weighs what follows 'but' over what precedes it", () => {
    expect(scoreSentiment("The food was good but the service was awful", "en").label).toBe("negative");
    expect(scoreSentiment("Delivery was a bit slow, but the quality is excellent", "en").label).toBe("positive");
    expect(scoreSentiment("Das Essen war gut, aber die Lieferung war katastrophal", "de").label).toBe("negative");
  });

  it("scales by intensifiers, diminishers and exclamation marks", () => {
    const good = scoreSentiment("The service was good", "en").score;
    expect(scoreSentiment("The service was very good", "en").score).toBeGreaterThan(good);
    expect(scoreSentiment("The service was slightly good", "en").score).toBeLessThan(good);
    expect(scoreSentiment("The service was good!!!", "en").score).toBeGreaterThan(good);
  });

  it("reads 'too' + a plain adjective as a complaint, in each language", () => {
    expect(scoreSentiment("The jacket is too small", "en").label).toBe("negative");
    expect(scoreSentiment("Demasiado caro para lo que es", "es").label).toBe("negative");
    expect(scoreSentiment("Die Lieferung kam zu spät", "de").label).toBe("negative");
    expect(scoreSentiment("Pakken kom for sent", "da").label).toBe("negative");
  });

  it("counts emoji and emoticons", () => {
    expect(scoreSentiment("Order 1234 😍", "en").label).toBe("positive");
    expect(scoreSentiment("Order 1234 :(", "en").label).toBe("negative");
    expect(scoreSentiment("Pedido 1234 😡", "es").score).toBeLessThan(0);
  });

  it("keeps English words out of other languages' lexicons", () => {
    // "war" is German for "was", "bad" Danish for "bath", "fine" and "god" are ordinary Danish words.
    expect(scoreSentiment("Das Paket war gestern da", "de").label).toBe("neutral");
    expect(scoreSentiment("Jeg tog et bad", "da").label).toBe("neutral");
  });

  it("grows confidence with evidence and strength", () => {
    const weak = scoreSentiment("Delivery was slow", "en").confidence;
    const strong = scoreSentiment("Delivery was slow and the box was damaged", "en").confidence;
    const stronger = scoreSentiment("Terrible: delivery was slow, the box was damaged and still no refund", "en");
    expect(weak).toBeGreaterThan(0);
    expect(strong).toBeGreaterThan(weak);
    expect(stronger.confidence).toBeGreaterThan(strong);
    expect(scoreSentiment("Order 1234", "en").confidence).toBe(0);
    // Mixed evidence is less certain than the same amount pointing one way.
    expect(scoreSentiment("Great product, awful delivery", "en").confidence).toBeLessThan(
      scoreSentiment("Great product, lovely delivery", "en").confidence,
    );
  });

  it("treats languages without a lexicon, and und, as English", () => {
    expect(scoreSentiment("Terrible service", "und").label).toBe("negative");
    expect(scoreSentiment("Terrible service", "fr").label).toBe("negative");
  });
});

describe("withThemePrior", () => {
  const neutral = { score: 0.05, label: "neutral" as const, confidence: 0.3 };
  it("reads what the text left neutral as negative in a complaint theme, and nothing else", () => {
    expect(withThemePrior(neutral, 0.9)).toEqual({ score: -0.3, label: "negative", confidence: 0.4 });
    expect(withThemePrior(neutral, 0.5)).toBe(neutral);
    expect(withThemePrior(neutral, undefined)).toBe(neutral);
    const praise = { score: 0.6, label: "positive" as const, confidence: 0.8 };
    expect(withThemePrior(praise, 1)).toBe(praise);
  });
});
