import { describe, expect, it } from "vitest";
import {
  binomialUpperMidP,
  detectSpike,
  EMPTY_COUNTERS,
  FRICTION_PARTS,
  type FrictionCounters,
  type FrictionPartKey,
  frictionScore,
  lowSampleWarning,
  wilsonInterval,
} from "./friction.ts";
import { isDetractor } from "./model.ts";

const counters = (extra: Partial<FrictionCounters>): FrictionCounters => ({ ...EMPTY_COUNTERS, ...extra });
const part = (score: ReturnType<typeof frictionScore>, key: FrictionPartKey) => {
  const found = score.parts.find((p) => p.key === key);
  if (!found) throw new Error(`no part ${key}`);
  return found;
};

/** Exact binomial mid-p by direct summation, for checking the tail walk. */
function directMidP(x: number, n: number, p: number): number {
  let choose = 1;
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) choose = (choose * (n - k + 1)) / k;
    const mass = choose * p ** k * (1 - p) ** (n - k);
    if (k > x) total += mass;
    if (k === x) total += mass / 2;
  }
  return total;
}

describe("frictionScore", () => {
  it("has weights that sum to 1 and parts in display order", () => {
    expect(FRICTION_PARTS.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    expect(frictionScore(EMPTY_COUNTERS).parts.map((p) => p.key)).toEqual([
      "negative",
      "lowScores",
      "repeats",
      "escalations",
      "spike",
      "volume",
    ]);
  });

  it("is zero without items, and says why for each part", () => {
    const result = frictionScore(EMPTY_COUNTERS);
    expect(result.score).toBe(0);
    for (const p of result.parts) {
      expect(p.points).toBe(0);
      expect(p.value).toBeNull();
      expect(p.explanation.length).toBeGreaterThan(10);
    }
  });

  it("explains itself: the parts add up to the score", () => {
    const spike = detectSpike(40, 7, 60, 56);
    const result = frictionScore(
      counters({
        itemCount: 100,
        negativeCount: 60,
        scoreCount: 50,
        detractorCount: 30,
        escalationCount: 4,
        repeatCount: 10,
      }),
      { spike, volume: { rangeDays: 90, baselineCount: 50, baselineDays: 90 } },
    );
    const sum = result.parts.reduce((s, p) => s + p.points, 0);
    expect(result.score).toBe(Math.round(sum));
    for (const p of result.parts) {
      expect(p.points).toBeLessThanOrEqual(100 * p.weight + 1e-9);
      expect(p.explanation).toContain(`of ${Math.round(p.weight * 100)} points`);
    }
  });

  it("scores the negative share linearly", () => {
    const result = frictionScore(counters({ itemCount: 200, negativeCount: 50 }));
    expect(part(result, "negative")).toMatchObject({ value: 0.25, unit: "share" });
    expect(part(result, "negative").points).toBeCloseTo(0.25 * 30);
    expect(part(result, "negative").explanation).toContain("50 of 200 items read as negative (25%)");
  });

  it("scores low scores against scored responses only, and nothing without any", () => {
    const scored = frictionScore(counters({ itemCount: 100, scoreCount: 20, detractorCount: 10 }));
    expect(part(scored, "lowScores").value).toBe(0.5);
    expect(part(scored, "lowScores").points).toBeCloseTo(12.5);
    const unscored = frictionScore(counters({ itemCount: 100 }));
    expect(part(unscored, "lowScores")).toMatchObject({ value: null, points: 0 });
    expect(part(unscored, "lowScores").explanation).toContain("No scored responses");
  });

  it("saturates repeats at a third and escalations at a fifth of the items", () => {
    const some = frictionScore(counters({ itemCount: 100, repeatCount: 10, escalationCount: 10 }));
    expect(part(some, "repeats").points).toBeCloseTo(15 * 0.3);
    expect(part(some, "escalations").points).toBeCloseTo(10 * 0.5);
    const many = frictionScore(counters({ itemCount: 100, repeatCount: 50, escalationCount: 40 }));
    expect(part(many, "repeats").points).toBeCloseTo(15);
    expect(part(many, "escalations").points).toBeCloseTo(10);
  });

  it("scores volume against the touchpoint's own baseline, shrunk toward usual, rises only", () => {
    const c = counters({ itemCount: 300 });
    // 300 in 90 days against 100 in the 90 before: (300 + 5) / (100 + 5) ≈ 2.9×.
    const tripled = part(
      frictionScore(c, { volume: { rangeDays: 90, baselineCount: 100, baselineDays: 90 } }),
      "volume",
    );
    expect(tripled.value).toBeCloseTo(305 / 105);
    expect(tripled.points).toBeCloseTo(10 * ((305 / 105 - 1) / 2));
    // Half the baseline length: the rate, not the count, is compared.
    const sameRate = part(
      frictionScore(c, { volume: { rangeDays: 90, baselineCount: 150, baselineDays: 45 } }),
      "volume",
    );
    expect(sameRate.value).toBeCloseTo(1);
    expect(sameRate.points).toBe(0);
    const quieter = part(
      frictionScore(c, { volume: { rangeDays: 90, baselineCount: 900, baselineDays: 90 } }),
      "volume",
    );
    expect(quieter.points).toBe(0);
    // No history: nothing to compare with, no points, and it says so.
    const fresh = part(frictionScore(c, { volume: { rangeDays: 90, baselineCount: 0, baselineDays: 0 } }), "volume");
    expect(fresh).toMatchObject({ value: null, points: 0 });
    expect(fresh.explanation).toContain("No feedback before the range");
  });

  it("does not let a couple of items after a silent baseline read as a surge", () => {
    const two = part(
      frictionScore(counters({ itemCount: 2 }), { volume: { rangeDays: 30, baselineCount: 0, baselineDays: 90 } }),
      "volume",
    );
    expect(two.value).toBeCloseTo(7 / 5);
    expect(two.points).toBeLessThan(2.5);
  });

  it("gives spike points only for a significant spike, scaled by the rise", () => {
    const c = counters({ itemCount: 100 });
    const significant = frictionScore(c, { spike: detectSpike(40, 7, 60, 56) });
    // 40/7 against 60/56 per day is 5.3×: full points.
    expect(part(significant, "spike").points).toBeCloseTo(10);
    expect(part(significant, "spike").explanation).toContain("significant spike");
    const noise = frictionScore(c, { spike: detectSpike(10, 7, 64, 56) });
    expect(part(noise, "spike").points).toBe(0);
    expect(part(noise, "spike").explanation).toContain("not significant");
    const none = frictionScore(c);
    expect(part(none, "spike")).toMatchObject({ value: null, points: 0 });
  });

  it("ranks a complaint-heavy touchpoint above a happy one of the same volume", () => {
    const angry = frictionScore(counters({ itemCount: 50, negativeCount: 40, scoreCount: 50, detractorCount: 35 }));
    const happy = frictionScore(counters({ itemCount: 50, negativeCount: 3, scoreCount: 50, detractorCount: 2 }));
    expect(angry.score).toBeGreaterThan(happy.score + 35);
  });

  it("warns on a low sample with the sample size and the interval instead of hiding the score", () => {
    const thin = frictionScore(counters({ itemCount: 3, negativeCount: 3 }));
    expect(thin.score).toBeGreaterThan(0);
    expect(thin.lowSample?.sampleSize).toBe(3);
    expect(thin.lowSample?.message).toContain("Only 3 items");
    expect(thin.lowSample?.negativeShareInterval.high).toBe(1);
    expect(thin.lowSample?.negativeShareInterval.low).toBeLessThan(0.5);
    expect(frictionScore(counters({ itemCount: 400, negativeCount: 100 })).lowSample).toBeNull();
  });

  it("scores 800 touchpoints in a few milliseconds", () => {
    const inputs = Array.from({ length: 800 }, (_, i) => ({
      c: counters({
        itemCount: 50 + i * 13,
        negativeCount: 20 + i,
        scoreCount: 30,
        detractorCount: 10,
        repeatCount: 3,
      }),
      spike: detectSpike(i % 40, 7, 3000 + i * 7, 56),
      volume: { rangeDays: 90, baselineCount: 4000 + i, baselineDays: 90 },
    }));
    const start = performance.now();
    for (const { c, spike, volume } of inputs) frictionScore(c, { spike, volume });
    expect(performance.now() - start).toBeLessThan(100);
  });
});

describe("detectSpike", () => {
  it("flags a fourfold surge", () => {
    const result = detectSpike(40, 7, 80, 56);
    expect(result.spike).toBe(true);
    expect(result.rateRatio).toBeCloseTo(4);
    expect(result.pValue).toBeLessThan(1e-6);
  });

  it("ignores normal weeks", () => {
    expect(detectSpike(8, 7, 64, 56).spike).toBe(false);
    expect(detectSpike(8, 7, 64, 56).pValue).toBeGreaterThan(0.3);
  });

  it("handles a zero baseline: significant on a handful, but a badge needs five items", () => {
    const three = detectSpike(3, 7, 0, 56);
    expect(three.pValue).toBeLessThan(0.01);
    expect(three.spike).toBe(false);
    expect(three.rateRatio).toBeCloseTo(3 / 7 / (0.5 / 56));
    const six = detectSpike(6, 7, 0, 56);
    expect(six.spike).toBe(true);
    // x = n: only the half mass at x remains.
    expect(six.pValue).toBeCloseTo(0.5 * (1 / 9) ** 6, 12);
  });

  it("handles tiny samples and no history", () => {
    expect(detectSpike(1, 7, 0, 56)).toMatchObject({ spike: false });
    expect(detectSpike(1, 7, 0, 56).pValue).toBeCloseTo(0.5 / 9);
    expect(detectSpike(0, 7, 0, 56)).toMatchObject({ spike: false, pValue: 1, rateRatio: 0 });
    expect(detectSpike(0, 7, 5, 56)).toMatchObject({ spike: false, rateRatio: 0 });
    expect(detectSpike(50, 7, 0, 0)).toMatchObject({ spike: false, pValue: 1, rateRatio: null });
  });

  it("is not fooled by a big but proportionate week", () => {
    expect(detectSpike(700, 7, 5600, 56).spike).toBe(false);
    expect(detectSpike(820, 7, 5600, 56).spike).toBe(true);
  });
});

describe("binomialUpperMidP", () => {
  it("matches direct summation on both sides of the mean", () => {
    for (const [x, n, p] of [
      [0, 10, 0.3],
      [3, 10, 0.3],
      [7, 10, 0.3],
      [10, 10, 0.3],
      [12, 60, 1 / 9],
      [2, 60, 1 / 9],
      [30, 80, 0.5],
    ] as const) {
      expect(binomialUpperMidP(x, n, p)).toBeCloseTo(directMidP(x, n, p), 12);
    }
  });

  it("stays finite and ordered for large counts", () => {
    const n = 50_000;
    const mean = n / 9;
    const atMean = binomialUpperMidP(Math.round(mean), n, 1 / 9);
    expect(atMean).toBeGreaterThan(0.45);
    expect(atMean).toBeLessThan(0.55);
    expect(binomialUpperMidP(Math.round(mean + 4 * Math.sqrt(mean)), n, 1 / 9)).toBeLessThan(1e-4);
    expect(binomialUpperMidP(Math.round(mean - 4 * Math.sqrt(mean)), n, 1 / 9)).toBeGreaterThan(0.9999);
    expect(binomialUpperMidP(n, n, 1 / 9)).toBe(0);
  });

  it("treats degenerate inputs sensibly", () => {
    expect(binomialUpperMidP(0, 0, 0.5)).toBe(1);
    expect(binomialUpperMidP(0, 5, 0)).toBe(0.5);
    expect(binomialUpperMidP(5, 5, 1)).toBe(0.5);
  });
});

describe("wilsonInterval and lowSampleWarning", () => {
  it("gives the textbook interval", () => {
    const { low, high } = wilsonInterval(5, 10);
    expect(low).toBeCloseTo(0.2366, 3);
    expect(high).toBeCloseTo(0.7634, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(wilsonInterval(0, 20).low).toBe(0);
  });

  it("warns below about 40 items at an even split, and fewer at a lopsided one", () => {
    expect(lowSampleWarning(18, 36)).not.toBeNull();
    expect(lowSampleWarning(22, 45)).toBeNull();
    expect(lowSampleWarning(1, 20)).toBeNull();
    expect(lowSampleWarning(0, 0)?.message).toContain("No feedback");
  });
});

describe("isDetractor (low scores)", () => {
  it.each([
    ["nps", 6, true],
    ["nps", 7, false],
    ["nps", 0, true],
    ["csat5", 2, true],
    ["csat5", 3, false],
    ["stars5", 2, true],
    ["stars5", 3, false],
    ["csat3", 1, true],
    ["csat3", 2, false],
    ["ces7", 3, true],
    ["ces7", 4, false],
    ["thumbs", 0, true],
    ["thumbs", 1, false],
  ] as const)("%s %d → %s", (scale, score, low) => {
    expect(isDetractor(score, scale)).toBe(low);
  });

  it("is never a low score without a score, on a custom scale or without a scale", () => {
    expect(isDetractor(undefined, "nps")).toBe(false);
    expect(isDetractor(Number.NaN, "nps")).toBe(false);
    expect(isDetractor(0, "custom", { min: 0, max: 7 })).toBe(false);
    expect(isDetractor(1, "none")).toBe(false);
  });
});
