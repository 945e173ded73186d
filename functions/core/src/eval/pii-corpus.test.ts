import { afterEach, describe, expect, it, vi } from "vitest";
import { evaluateRedaction, generatePiiCorpus, plantedValueLeaked } from "./pii-corpus.ts";

describe("generatePiiCorpus", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is pure and seeded: the same seed gives the same corpus, without Math.random", () => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random must not be used");
    });
    expect(generatePiiCorpus({ seed: 5, size: 300 })).toEqual(generatePiiCorpus({ seed: 5, size: 300 }));
    expect(generatePiiCorpus({ seed: 6, size: 300 })).not.toEqual(generatePiiCorpus({ seed: 5, size: 300 }));
  });

  it("plants every kind in every language, and look-alikes of every kind", () => {
    const corpus = generatePiiCorpus();
    expect(corpus).toHaveLength(2000);
    const kinds = new Set(corpus.flatMap((item) => item.planted.map((p) => p.kind)));
    expect([...kinds].sort()).toEqual(["card", "cpr", "email", "iban", "national_id", "phone"]);
    expect(new Set(corpus.map((item) => item.language))).toEqual(new Set(["en", "da", "de", "es"]));
    expect(new Set(corpus.map((item) => item.country))).toEqual(new Set(["GB", "US", "DK", "DE", "ES"]));
    const probes = corpus.flatMap((item) => item.probes);
    for (const shape of [/^JJD/, /^1Z/, /^003\d{17}$/, /^\d{4}-\d{2}-\d{2}$/, /kr$/, /€/, /Berlin$/, /minut/]) {
      expect(probes.some((probe) => shape.test(probe))).toBe(true);
    }
  });

  it("writes each planted value and look-alike into the text, and none of the planted values into the expectation", () => {
    for (const item of generatePiiCorpus({ seed: 9, size: 500 })) {
      for (const planted of item.planted) {
        expect(item.text).toContain(planted.value);
        expect(plantedValueLeaked(planted, item.text, item.expected)).toBe(true);
        expect(plantedValueLeaked(planted, item.expected, item.expected)).toBe(false);
      }
      for (const probe of item.probes) expect(item.expected).toContain(probe);
    }
  });
});

describe("plantedValueLeaked", () => {
  it("counts any six digits of the planted value that survive, whatever the separators", () => {
    const planted = { kind: "phone" as const, value: "+49 30 1234567" };
    expect(plantedValueLeaked(planted, "Call [phone]", "Call [phone]")).toBe(false);
    expect(plantedValueLeaked(planted, "Call +49 30 [phone]", "Call [phone]")).toBe(false);
    expect(plantedValueLeaked(planted, "Call [phone] 12-34-567", "Call [phone]")).toBe(true);
  });

  it("counts an email's local part, in any case", () => {
    const planted = { kind: "email" as const, value: "jane.doe42 (at) example (dot) com" };
    expect(plantedValueLeaked(planted, "Write to [email]", "Write to [email]")).toBe(false);
    expect(plantedValueLeaked(planted, "Write to JANE.DOE42 [email]", "Write to [email]")).toBe(true);
  });
});

describe("evaluateRedaction", () => {
  it.each([1, 2, 3])("leaks nothing and keeps every look-alike (seed %i)", (seed) => {
    const evaluation = evaluateRedaction({ seed });
    expect(evaluation.leakExamples).toEqual([]);
    expect(evaluation.leaks).toBe(0);
    expect(evaluation.falsePositiveExamples).toEqual([]);
    expect(evaluation.falsePositives).toBe(0);
    expect(evaluation.planted).toBeGreaterThan(1500);
    expect(evaluation.probes).toBeGreaterThan(1500);
    for (const kind of ["email", "phone", "card", "iban", "cpr", "national_id"]) {
      expect(evaluation.byKind[kind]?.planted).toBeGreaterThan(50);
      expect(evaluation.byKind[kind]?.leaks).toBe(0);
    }
  });
});
