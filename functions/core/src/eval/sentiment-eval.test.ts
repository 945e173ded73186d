import { describe, expect, it } from "vitest";
import { DEV_COMPLAINT_PROBES, TEST_COMPLAINT_PROBES } from "./complaint-probes.ts";
import { evaluateComplaints, evaluateEscalations, evaluateSentimentUci } from "./sentiment-eval.ts";

// Node's file system, for the test only: the core itself stays free of Node imports.
interface NodeBuiltins {
  "node:fs": { readFileSync(path: string, encoding: "utf8"): string };
  "node:module": { createRequire(from: string): { resolve(id: string): string } };
}
const { process } = globalThis as unknown as {
  process: { getBuiltinModule<K extends keyof NodeBuiltins>(id: K): NodeBuiltins[K] };
};
const { readFileSync } = process.getBuiltinModule("node:fs");
const resolve = process.getBuiltinModule("node:module").createRequire(import.meta.url).resolve;

// The UCI "Sentiment Labelled Sentences" ship as the `sentiment` package's test fixtures (labels in `class`).
const uci = (domain: "amazon" | "imdb" | "yelp") =>
  (
    JSON.parse(readFileSync(resolve(`sentiment/test/fixtures/${domain}.json`), "utf8")) as {
      text: string;
      class: 0 | 1;
    }[]
  ).map(({ text, class: label }) => ({ text, label }));

describe("sentiment on UCI Sentiment Labelled Sentences (EN reviews)", () => {
  it("reaches 0.80 accuracy over all three domains", () => {
    const result = evaluateSentimentUci([...uci("amazon"), ...uci("imdb"), ...uci("yelp")]);
    expect(result.n).toBe(3003);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(result.negativeRecall).toBeGreaterThan(0.65);
    expect(result.negativePrecision).toBeGreaterThan(0.85);
  });

  it.each(["amazon", "imdb", "yelp"] as const)("stays above 0.78 in the %s domain alone", (domain) => {
    expect(evaluateSentimentUci(uci(domain)).accuracy).toBeGreaterThan(0.78);
  });
});

describe("sentiment on hand-written CX probes", () => {
  it.each(Object.entries(evaluateComplaints()))("%s: complaint recall ≥ 0.85, few false negatives", (_, result) => {
    expect(result.n).toBeGreaterThanOrEqual(100);
    expect(result.negativeRecall).toBeGreaterThanOrEqual(0.85);
    expect(result.negativePrecision).toBeGreaterThanOrEqual(0.9);
    expect(result.positivePrecision).toBeGreaterThanOrEqual(0.9);
  });
});

describe("sentiment on probes the lexicons were not written from", () => {
  // Regression floors only, far below today's figures (dev 0.70-0.80, held-out test 0.40-0.53 complaint recall):
  // never raise them by fitting the lexicons to these sentences; write fresh held-out probes instead.
  it.each(Object.entries(evaluateComplaints(TEST_COMPLAINT_PROBES)))("%s held-out test set", (_, result) => {
    expect(result.negativeRecall).toBeGreaterThanOrEqual(0.3);
    expect(result.negativePrecision).toBe(1);
  });

  it.each(Object.entries(evaluateComplaints(DEV_COMPLAINT_PROBES)))("%s dev set", (_, result) => {
    expect(result.negativeRecall).toBeGreaterThanOrEqual(0.6);
    expect(result.negativePrecision).toBe(1);
  });
});

describe("escalation probes", () => {
  const result = evaluateEscalations();

  it("recalls ≥ 0.9 of the cues overall and in every language and category", () => {
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    for (const language of Object.values(result.byLanguage)) expect(language.recall).toBeGreaterThanOrEqual(0.9);
    for (const category of Object.values(result.byCategory)) expect(category.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps false positives on near misses under 10%", () => {
    expect(result.falsePositiveRate).toBeLessThan(0.1);
  });
});
