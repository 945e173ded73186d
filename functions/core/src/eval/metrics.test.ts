import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, type Label, pairF1, topRecovery } from "./metrics.ts";

const labels = (text: string): Label[] => [...text].map((c) => (c === "." ? null : c));

describe("pairF1", () => {
  it("is 1 for identical partitions, whatever the cluster names", () => {
    expect(pairF1(labels("aaabbc"), labels("xxxyyz"))).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("matches a hand count", () => {
    // gold pairs: C(3,2) + C(2,2) = 4. predicted pairs: x = C(2,2) = 1; y = C(4,2) − C(1 noise,2) = 6 → 7.
    // together: a in x (1 pair) + b in y (1 pair) = 2. P = 2/7, R = 2/4, F1 = 4/11.
    const scores = pairF1(labels("aaabb."), labels("xxyyyy"));
    expect(scores.precision).toBeCloseTo(2 / 7, 12);
    expect(scores.recall).toBeCloseTo(0.5, 12);
    expect(scores.f1).toBeCloseTo(4 / 11, 12);
  });

  it("charges noise inside a theme's cluster to precision", () => {
    expect(pairF1(labels("aa."), labels("xxx")).precision).toBeCloseTo(1 / 3, 12);
  });

  it("ignores noise grouped only with noise", () => {
    expect(pairF1(labels("aa..."), labels("xxyyy"))).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("treats unassigned items as singletons", () => {
    expect(pairF1(labels("aabb"), [null, null, null, null])).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(pairF1(labels("aabb"), labels("xx..")).recall).toBe(0.5);
  });

  it("puts everything in one cluster: recall 1, precision the share of same-theme pairs", () => {
    // 6 pairs of which 2 share a theme.
    expect(pairF1(labels("aabb"), labels("xxxx"))).toMatchObject({ precision: 2 / 6, recall: 1 });
  });

  it("refuses inputs of different lengths", () => {
    expect(() => pairF1(labels("aa"), labels("x"))).toThrow(RangeError);
  });
});

describe("adjustedRandIndex", () => {
  it("is 1 for identical partitions, also with permuted names", () => {
    expect(adjustedRandIndex(labels("aabbcc"), labels("aabbcc"))).toBe(1);
    expect(adjustedRandIndex(labels("aabbcc"), labels("ccaabb"))).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1].map(String), [1, 1, 0, 0].map(String))).toBe(1);
  });

  it("reproduces the textbook values (scikit-learn's user guide and docstring)", () => {
    // labels_true = [0,0,0,1,1,1], labels_pred = [0,0,1,1,2,2] → 0.2424…: index 2, sums 6 and 3, expected 18/15.
    expect(adjustedRandIndex(labels("000111"), labels("001122"))).toBeCloseTo(0.24242424242424243, 12);
    expect(adjustedRandIndex(labels("0012"), labels("0011"))).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex(labels("0000"), labels("0123"))).toBe(0);
    expect(adjustedRandIndex(labels("0011"), labels("0101"))).toBeCloseTo(-0.5, 12);
  });

  it("counts noise as gold singletons and unassigned items as predicted singletons", () => {
    // gold {0,1} {2} {3}; predicted {0,1} {2,3}: index 1, sums 1 and 2, expected 1/3, max 3/2 → 4/7.
    expect(adjustedRandIndex(labels("aa.."), labels("xxyy"))).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex(labels("...."), [null, null, null, null])).toBe(1);
  });

  it("is 1 for fewer than two items", () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(adjustedRandIndex(["a"], ["x"])).toBe(1);
  });
});

describe("pair counts against a brute-force O(n²) reference", () => {
  const brute = (gold: readonly Label[], predicted: readonly Label[]) => {
    let together = 0;
    let goldPairs = 0;
    let predictedPairs = 0;
    let agreements = 0;
    let total = 0;
    for (let i = 0; i < gold.length; i++) {
      for (let j = i + 1; j < gold.length; j++) {
        const sameGold = gold[i] !== null && gold[i] === gold[j];
        const sameCluster = predicted[i] !== null && predicted[i] === predicted[j];
        const themed = gold[i] !== null || gold[j] !== null;
        if (sameGold) goldPairs++;
        if (sameCluster && themed) predictedPairs++;
        if (sameGold && sameCluster) together++;
        if (sameGold === sameCluster) agreements++;
        total++;
      }
    }
    return { together, goldPairs, predictedPairs, agreements, total };
  };
  const labelling = (alphabet: string) =>
    fc.array(fc.option(fc.constantFrom(...alphabet), { nil: null }), { minLength: 2, maxLength: 40 });

  it("pairF1 equals the pair-by-pair definition", () => {
    fc.assert(
      fc.property(labelling("abcd"), labelling("wxyz"), (g, p) => {
        const n = Math.min(g.length, p.length);
        const gold = g.slice(0, n);
        const predicted = p.slice(0, n);
        const ref = brute(gold, predicted);
        const scores = pairF1(gold, predicted);
        expect(scores.precision).toBeCloseTo(ref.predictedPairs === 0 ? 1 : ref.together / ref.predictedPairs, 12);
        expect(scores.recall).toBeCloseTo(ref.goldPairs === 0 ? 1 : ref.together / ref.goldPairs, 12);
      }),
    );
  });

  it("ARI is 1 exactly when the pair agreement is complete, and never above 1", () => {
    fc.assert(
      fc.property(labelling("ab"), labelling("xy"), (g, p) => {
        const n = Math.min(g.length, p.length);
        const gold = g.slice(0, n);
        const predicted = p.slice(0, n);
        const ari = adjustedRandIndex(gold, predicted);
        expect(ari).toBeLessThanOrEqual(1 + 1e-12);
        const ref = brute(gold, predicted);
        if (ref.agreements === ref.total) expect(ari).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe("topRecovery", () => {
  // a: 10 items, 8 in X and 2 in Y. b: 6 items, 1 in X, 3 in Z, 2 unassigned. c: 2 items, both in Y. Noise in Y.
  const gold: Label[] = [...labels("aaaaaaaaaa"), ...labels("bbbbbb"), ...labels("cc"), null, null];
  const predicted: Label[] = [...labels("XXXXXXXXYY"), ...labels("XZZZ.."), ...labels("YY"), "Y", "Y"];

  it("finds the cluster holding most of each large group and checks precision and recall", () => {
    const result = topRecovery(gold, predicted, { top: 2 });
    expect(result).toMatchObject({ recovered: 2, of: 2 });
    expect(result.groups[0]).toMatchObject({ group: "a", size: 10, bestCluster: "X", recall: 0.8, recovered: true });
    expect(result.groups[0]!.precision).toBeCloseTo(8 / 9, 12);
    expect(result.groups[1]).toMatchObject({ group: "b", size: 6, bestCluster: "Z", precision: 1, recall: 0.5 });
  });

  it("fails a group whose cluster is diluted, here by noise", () => {
    const result = topRecovery(gold, predicted, { top: 10 });
    expect(result.of).toBe(3);
    expect(result.groups[2]).toMatchObject({
      group: "c",
      bestCluster: "Y",
      precision: 2 / 6,
      recall: 1,
      recovered: false,
    });
    expect(result.recovered).toBe(2);
  });

  it("uses the thresholds it is given", () => {
    expect(topRecovery(gold, predicted, { top: 2, minRecall: 0.9 }).recovered).toBe(0);
    expect(topRecovery(gold, predicted, { top: 3, minPrecision: 0.3 }).recovered).toBe(3);
  });

  it("reports a group nobody clustered", () => {
    const result = topRecovery(labels("aab"), [null, null, "x"], { top: 1 });
    expect(result.groups[0]).toEqual({
      group: "a",
      size: 2,
      bestCluster: null,
      precision: 0,
      recall: 0,
      recovered: false,
    });
  });

  it("breaks ties in group size by name and ignores noise as a group", () => {
    const result = topRecovery(labels("bbaa...."), labels("xxyyzzzz"), { top: 5 });
    expect(result.groups.map((g) => g.group)).toEqual(["a", "b"]);
  });
});
