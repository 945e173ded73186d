import { describe, expect, it } from "vitest";
import { detectSpike, EMPTY_COUNTERS, frictionScore } from "./friction.ts";

describe("frictionScore", () => {
  it("is zero without items", () => {
    expect(frictionScore(EMPTY_COUNTERS, 100).score).toBe(0);
  });

  it("explains itself: the parts add up to the score", () => {
    const counters = {
      ...EMPTY_COUNTERS,
      itemCount: 100,
      negativeCount: 60,
      scoreCount: 50,
      detractorCount: 30,
      escalationCount: 4,
      repeatCount: 10,
    };
    const result = frictionScore(counters, 100);
    const sum = result.parts.reduce((s, p) => s + p.points, 0);
    expect(result.score).toBe(Math.round(sum));
    expect(result.parts.map((p) => p.key)).toEqual(["negative", "detractors", "escalations", "repeats", "volume"]);
    expect(result.parts.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1);
  });

  it("ranks a complaint-heavy touchpoint above a happy one of the same volume", () => {
    const angry = frictionScore(
      { ...EMPTY_COUNTERS, itemCount: 50, negativeCount: 40, scoreCount: 50, detractorCount: 35 },
      50,
    );
    const happy = frictionScore(
      { ...EMPTY_COUNTERS, itemCount: 50, negativeCount: 3, scoreCount: 50, detractorCount: 2 },
      50,
    );
    expect(angry.score).toBeGreaterThan(happy.score + 40);
  });

  it("flags thin evidence", () => {
    expect(frictionScore({ ...EMPTY_COUNTERS, itemCount: 3, negativeCount: 3 }, 100).lowEvidence).toBe(true);
  });
});

describe("detectSpike", () => {
  it("flags a fourfold surge", () => {
    expect(detectSpike(40, 7, 83, 83).spike).toBe(true);
  });
  it("ignores normal weeks and tiny counts", () => {
    expect(detectSpike(8, 7, 90, 83).spike).toBe(false);
    expect(detectSpike(3, 7, 0, 83).spike).toBe(false);
  });
});
