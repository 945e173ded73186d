import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countTerms, stems, termCounts } from "../themes/terms.ts";
import { learnIdf, vectorize } from "../themes/vectors.ts";
import {
  FALLBACK_MARGIN,
  FALLBACK_THRESHOLD,
  type PlacementInput,
  placeOnTouchpoint,
  preparePlacement,
  type TouchpointProfile,
  type TouchpointRule,
} from "./touchpoint.ts";

const TOUCHPOINTS = [
  { id: "tp_checkout", key: "checkout-payment" },
  { id: "tp_delivery", key: "delivery-tracking" },
  { id: "tp_returns", key: "returns" },
];

const rule = (
  id: string,
  priority: number,
  kind: TouchpointRule["kind"],
  match: string[],
  extra: Partial<TouchpointRule> = {},
) => ({
  id,
  touchpointId: "tp_checkout",
  priority,
  kind,
  language: null,
  match,
  ...extra,
});

const item = (text: string, extra: Partial<PlacementInput> = {}): PlacementInput => ({
  tags: [],
  channel: "web",
  text,
  language: "en",
  ...extra,
});

describe("placeOnTouchpoint", () => {
  const rules: TouchpointRule[] = [
    rule("r_tag", 10, "tag", ["Late_Delivery"], { touchpointId: "tp_delivery" }),
    rule("r_kw_da", 20, "keyword", ["returnering"], { touchpointId: "tp_returns", language: "da" }),
    rule("r_kw", 30, "keyword", ["discount codes", "voucher"]),
    rule("r_q", 40, "question", ["q_delivery_speed"], { touchpointId: "tp_delivery" }),
    rule("r_src", 50, "source", ["src_trustpilot"], { touchpointId: "tp_returns" }),
  ];
  const context = preparePlacement(TOUCHPOINTS, rules);

  it("takes the sender's hint first, by id or key", () => {
    expect(placeOnTouchpoint(item("voucher", { hint: "Delivery-Tracking" }), null, context)).toEqual({
      touchpointId: "tp_delivery",
      method: "hint",
      confidence: 1,
    });
  });

  it("applies rules in priority order: tags (case-insensitive), keywords on stems, questions, sources", () => {
    const place = (i: PlacementInput) => placeOnTouchpoint(i, null, context);
    expect(place(item("my voucher", { tags: ["late_delivery"] }))).toMatchObject({
      touchpointId: "tp_delivery",
      ruleId: "r_tag",
    });
    expect(place(item("The discount code was rejected"))).toMatchObject({
      touchpointId: "tp_checkout",
      ruleId: "r_kw",
    });
    expect(place(item("Vouchers never work"))).toMatchObject({ ruleId: "r_kw" });
    expect(place(item("Fast", { questionIds: ["q_delivery_speed"] }))).toMatchObject({ ruleId: "r_q" });
    expect(place(item("Nice", { sourceId: "src_trustpilot" }))).toMatchObject({ ruleId: "r_src" });
    // A Danish keyword rule matches Danish inflections, and only Danish text.
    expect(place(item("Min returneringen tager lang tid", { language: "da" }))).toMatchObject({ ruleId: "r_kw_da" });
    expect(place(item("returnering", { language: "en" })).ruleId).toBeUndefined();
  });

  it("falls back to the source's default, then to the learned profiles, then leaves the item for a person", () => {
    expect(placeOnTouchpoint(item("Lovely"), "tp_returns", context)).toEqual({
      touchpointId: "tp_returns",
      method: "default",
      confidence: 0.6,
    });
    const texts = ["parcel late again", "late parcel", "tracking shows nothing", "courier never came with the parcel"];
    const weights = learnIdf(
      [...texts, "the checkout crashed", "card declined"].map((t) => termCounts(t, "en").keys()),
    );
    const learned = preparePlacement(
      TOUCHPOINTS,
      [],
      [
        {
          touchpointId: "tp_delivery",
          language: "en",
          terms: { "@delay": 0.6, "@delivery": 0.5, parcel: 0.4, late: 0.3, track: 0.3 },
          sampleCount: 40,
        },
        { touchpointId: "tp_checkout", language: "en", terms: { checkout: 0.8, card: 0.6 }, sampleCount: 40 },
        { touchpointId: "tp_returns", language: "en", terms: { parcel: 0.9 }, sampleCount: 2 },
      ],
      weights,
    );
    expect(placeOnTouchpoint(item("My parcel is late"), null, learned)).toMatchObject({
      touchpointId: "tp_delivery",
      method: "fallback",
    });
    expect(placeOnTouchpoint(item("Lovely colours"), null, learned)).toEqual({
      touchpointId: null,
      method: "unassigned",
      confidence: 0,
    });
  });
});

describe("the learned fallback's inverted index", () => {
  const WORDS = ["parcel", "late", "card", "checkout", "refund", "driver", "invoice", "broken", "pakke", "faktura"];
  const TERMS = [...new Set(WORDS.flatMap((w) => [...stems(w, "en"), ...stems(w, "da")]))];
  const weights = learnIdf([TERMS, TERMS.slice(3), TERMS.slice(0, 6)]);

  /** The scoring as it was before the index: every profile of the language, term by term. */
  function reference(text: string, language: string, profiles: readonly TouchpointProfile[]) {
    const vector = vectorize(countTerms(stems(text, language), language), weights);
    const best = new Map<string, number>();
    for (const profile of profiles) {
      if (profile.language !== language) continue;
      let sim = 0;
      for (let i = 0; i < vector.terms.length; i++)
        sim += (vector.weights[i] as number) * (profile.terms[vector.terms[i] as string] ?? 0);
      if (sim > (best.get(profile.touchpointId) ?? 0)) best.set(profile.touchpointId, sim);
    }
    const [first, second] = [...best].sort((a, b) => b[1] - a[1]);
    if (!first || first[1] < FALLBACK_THRESHOLD || first[1] - (second?.[1] ?? 0) < FALLBACK_MARGIN)
      return { touchpointId: null, method: "unassigned", confidence: 0 };
    return { touchpointId: first[0], method: "fallback", confidence: Math.round(first[1] * 1000) / 1000 };
  }

  const profile = fc.record({
    touchpointId: fc.constantFrom("tp_delivery", "tp_checkout", "tp_returns"),
    language: fc.constantFrom("en", "da"),
    terms: fc.dictionary(fc.constantFrom(...TERMS), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 6 }),
    sampleCount: fc.constantFrom(3, 5, 40),
  });

  it("places every item exactly as scoring each profile term by term did", () => {
    fc.assert(
      fc.property(
        fc.array(profile, { maxLength: 8 }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("en", "da"),
        (profiles, words, language) => {
          const context = preparePlacement(TOUCHPOINTS, [], profiles, weights);
          const text = words.join(" ");
          expect(placeOnTouchpoint(item(text, { language }), null, context)).toEqual(
            reference(text, language, context.profiles),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
