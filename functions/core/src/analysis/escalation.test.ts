import { describe, expect, it } from "vitest";
import { COMPLAINT_PROBES } from "../eval/complaint-probes.ts";
import { ESCALATION_PROBES } from "../eval/escalation-probes.ts";
import { detectEscalations, ESCALATION_CATEGORIES, ESCALATION_RULES, escalationCategories } from "./escalation.ts";

const categories = (text: string, language: string) => escalationCategories(detectEscalations(text, language));

describe("detectEscalations", () => {
  it("names each rule <category>.<cue>.<language>, with a known category first", () => {
    for (const rule of ESCALATION_RULES) {
      const [category, cue, language, ...rest] = rule.id.split(".");
      expect(rest).toEqual([]);
      expect(ESCALATION_CATEGORIES).toContain(category);
      expect(cue).toBe(rule.cue);
      expect(["en", "da", "de", "es"]).toContain(language);
    }
    expect(new Set(ESCALATION_RULES.map((rule) => rule.id)).size).toBe(ESCALATION_RULES.length);
    expect(detectEscalations("I will cancel my subscription tomorrow", "en")).toContain("churn.cancel_subscription.en");
  });

  it.each([
    ["I'm not going to cancel my subscription", "en"],
    ["I have no intention of cancelling my membership", "en"],
    ["No need for a lawyer, just refund me", "en"],
    ["Jeg opsiger ikke mit abonnement", "da"],
    ["Ich kündige nicht, bitte nur reparieren", "de"],
    ["Ich brauche keinen Anwalt", "de"],
    ["No voy a darme de baja", "es"],
    ["No hace falta un abogado", "es"],
  ])("lets a volitional negation cancel churn and legal cues: %s", (text, language) => {
    expect(categories(text, language)).toEqual([]);
  });

  it.each([
    ["I can't cancel my subscription, the button does nothing", "en", "churn"],
    ["If this isn't fixed I will cancel my subscription", "en", "churn"],
    ["Hvis det ikke bliver løst, opsiger jeg", "da", "churn"],
    ["Wenn das nicht geklärt wird, kündige ich", "de", "churn"],
    ["Nobody was hurt but the charger caught fire", "en", "safety"],
    ["I don't want to live anymore", "en", "safety"],
  ])(
    "keeps cues that inability, a condition or a negation elsewhere does not cancel: %s",
    (text, language, category) => {
      expect(categories(text, language)).toContain(category);
    },
  );

  it.each([
    ["Please cancel my order, I ordered the wrong size", "en"],
    ["Can I cancel the booking for Tuesday?", "en"],
    ["The Fire TV stick arrived late", "en"],
    ["Jeres brand er blevet bedre", "da"],
    ["Das Handy ist brandneu", "de"],
    ["Das Gericht war kalt", "de"],
    ["Meine Klage betrifft die Lieferung", "de"],
    ["Cocinar a fuego lento", "es"],
    ["Sin embargo, llegó bien", "es"],
    ["My phone died during the call", "en"],
    ["Det gælder også leveringen", "da"],
  ])("does not fire on the classic false positive: %s", (text, language) => {
    expect(detectEscalations(text, language)).toEqual([]);
  });

  it("tells Danish fire from German fire by the text's language", () => {
    expect(categories("Opladeren gik i brand", "da")).toEqual(["safety"]);
    expect(categories("Das hätte einen Brand geben können", "de")).toEqual(["safety"]);
  });

  it("runs English rules on other languages too, and every pack when the language is unknown", () => {
    expect(detectEscalations("Mein lawyer meldet sich", "de")).toContain("legal.lawyer.en");
    expect(detectEscalations("Jeg opsiger", "und")).toContain("churn.cancel_subscription.da");
    expect(detectEscalations("Anwalt eingeschaltet", "und")).toContain("legal.lawyer.de");
  });

  it("reads curly apostrophes and capitals like plain ones", () => {
    expect(categories("I’LL CANCEL MY SUBSCRIPTION", "en")).toEqual(["churn"]);
  });

  it("only tries a rule when one of its trigger words occurs, and no probe match lacks one", () => {
    // The invariant the trigger index relies on: wherever a pattern matches, one of its triggers is a word there.
    const texts: [string, string][] = [
      ...Object.entries(ESCALATION_PROBES).flatMap(([language, set]) =>
        ESCALATION_CATEGORIES.flatMap((category) =>
          [...set[category].positive, ...set[category].negative].map((text): [string, string] => [text, language]),
        ),
      ),
      ...Object.entries(COMPLAINT_PROBES).flatMap(([language, set]) =>
        [...set.negative, ...set.positive, ...set.neutral].map((text): [string, string] => [text, language]),
      ),
    ];
    for (const [text, language] of texts) {
      const lower = text.toLowerCase().replaceAll("’", "'");
      const words: string[] = lower.match(/[a-z0-9\u00c0-\u024f]+/g) ?? [];
      for (const rule of ESCALATION_RULES.filter((r) => r.language === language || r.language === "en")) {
        if (!new RegExp(rule.pattern.source).test(lower)) continue;
        const triggered = rule.triggers.some((trigger) =>
          trigger.endsWith("*") ? words.some((word) => word.startsWith(trigger.slice(0, -1))) : words.includes(trigger),
        );
        expect(triggered, `${rule.id} matches "${text}" without a trigger word`).toBe(true);
      }
    }
  });
});

describe("escalationCategories", () => {
  it("returns each category once, in ESCALATION_CATEGORIES order", () => {
    expect(
      escalationCategories([
        "safety.fire.en",
        "churn.never_again.en",
        "churn.cancel_subscription.da",
        "legal.court.de",
      ]),
    ).toEqual(["churn", "legal", "safety"]);
    expect(escalationCategories([])).toEqual([]);
  });
});
