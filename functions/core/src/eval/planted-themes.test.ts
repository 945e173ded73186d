import { describe, expect, it } from "vitest";
// The generator's own test is the one other reader of the templates (see planted-templates.ts).
import {
  CLOSERS,
  GREETINGS,
  LEAD_INS,
  NOISE_TEMPLATES,
  ORDER_REFERENCES,
  PII_SENTENCES,
  SIGN_OFFS,
  THEME_TEMPLATES,
} from "./planted-templates.ts";
import {
  DEFAULT_NOISE_SHARE,
  DEFAULT_PLANTED_SIZE,
  generatePlantedCorpus,
  PLANTED_LANGUAGES,
  PLANTED_THEMES,
  type PlantedItem,
  type PlantedLanguage,
  type PlantedSplit,
  splitHalf,
} from "./planted-themes.ts";

const heldout = generatePlantedCorpus({ seed: 42, split: "heldout" });
const tuning = generatePlantedCorpus({ seed: 42, split: "tuning" });

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The literal text of a template between its slots, lower-cased: what every item made from it contains. */
const literalChunks = (template: string) =>
  template
    .split(/\{\w+\}/)
    .map((chunk) => chunk.trim().toLowerCase())
    .filter((chunk) => chunk.length > 0);
const madeFrom = (text: string, template: string) => {
  const lower = text.toLowerCase();
  return literalChunks(template).every((chunk) => lower.includes(chunk));
};

describe("planted themes", () => {
  it("has at least 14 themes, each with ≥ 10 templates in every language", () => {
    expect(PLANTED_THEMES.length).toBeGreaterThanOrEqual(14);
    expect(new Set(PLANTED_THEMES.map((t) => t.id)).size).toBe(PLANTED_THEMES.length);
    expect(Object.keys(THEME_TEMPLATES).sort()).toEqual(PLANTED_THEMES.map((t) => t.id).sort());
    for (const theme of PLANTED_THEMES) {
      expect(theme.label.length).toBeGreaterThan(3);
      for (const language of PLANTED_LANGUAGES) {
        const templates = THEME_TEMPLATES[theme.id][language];
        expect(templates.length, `${theme.id}/${language}`).toBeGreaterThanOrEqual(10);
        expect(new Set(templates).size, `${theme.id}/${language} duplicates`).toBe(templates.length);
        expect(theme.labelTerms[language].length).toBeGreaterThan(0);
      }
    }
  });

  it("uses only the slots the generator fills", () => {
    const known = new Set(["order", "n", "weeks", "day", "minutes", "item", "garment", "gadget", "carrier"]);
    for (const slot of ["amount", "code", "size", "name", "email", "phone"]) known.add(slot);
    const tables = [
      ...Object.values(THEME_TEMPLATES),
      ...Object.values(NOISE_TEMPLATES),
      GREETINGS,
      SIGN_OFFS,
      LEAD_INS,
      CLOSERS,
      ORDER_REFERENCES,
      PII_SENTENCES,
    ];
    for (const table of tables) {
      for (const template of Object.values<readonly string[]>(table).flat()) {
        for (const [, slot] of template.matchAll(/\{(\w+)\}/g)) expect(known, template).toContain(slot!.toLowerCase());
      }
    }
  });
});

describe("generatePlantedCorpus", () => {
  it("is deterministic in its seed", () => {
    expect(generatePlantedCorpus({ seed: 42, split: "heldout" })).toEqual(heldout);
    const other = generatePlantedCorpus({ seed: 43, split: "heldout" });
    expect(other.map((i) => i.text)).not.toEqual(heldout.map((i) => i.text));
  });

  it("has the default size, unique ids and the languages asked for", () => {
    expect(heldout).toHaveLength(DEFAULT_PLANTED_SIZE);
    expect(new Set(heldout.map((i) => i.id)).size).toBe(heldout.length);
    const two = generatePlantedCorpus({ seed: 1, size: 500, split: "tuning", languages: ["da", "de"] });
    expect(two).toHaveLength(500);
    expect(new Set(two.map((i) => i.language))).toEqual(new Set(["da", "de"]));
    expect(countBy(two, (i) => i.language).get("da")).toBe(250);
  });

  it("puts every theme in every language, evenly", () => {
    const perCell = countBy(
      heldout.filter((i) => i.theme !== null),
      (i) => `${i.theme}/${i.language}`,
    );
    for (const theme of PLANTED_THEMES) {
      const cells = PLANTED_LANGUAGES.map((language) => perCell.get(`${theme.id}/${language}`) ?? 0);
      expect(Math.min(...cells), theme.id).toBeGreaterThanOrEqual(15);
      expect(Math.max(...cells) - Math.min(...cells), theme.id).toBeLessThanOrEqual(1);
    }
  });

  it("gives themes Zipf frequencies in list order, so there is a clear top 10", () => {
    const counts = PLANTED_THEMES.map((t) => heldout.filter((i) => i.theme === t.id).length);
    for (let r = 1; r < counts.length; r++) expect(counts[r]!).toBeLessThan(counts[r - 1]!);
    counts.forEach((count, r) => {
      expect(count / counts[0]!).toBeCloseTo(1 / (r + 1), 2);
    });
  });

  it("has the noise share asked for, of theme-free answers", () => {
    const noise = heldout.filter((i) => i.theme === null);
    expect(noise.length).toBe(Math.round(DEFAULT_PLANTED_SIZE * DEFAULT_NOISE_SHARE));
    const more = generatePlantedCorpus({ seed: 5, size: 1000, split: "tuning", noiseShare: 0.3 });
    expect(more.filter((i) => i.theme === null).length).toBe(300);
    // Noise includes one-word answers; complaints are never that short.
    expect(noise.some((i) => words(i.text) === 1)).toBe(true);
  });

  it("writes complaints of 6 to 60 words, with varied lengths", () => {
    const lengths = heldout.filter((i) => i.theme !== null).map((i) => words(i.text));
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(60);
    expect(lengths.filter((n) => n >= 30).length).toBeGreaterThan(100);
  });

  it("plants emails and phone numbers in some items", () => {
    const withEmail = heldout.filter((i) => /\S+@\S+\.\w+/.test(i.text)).length;
    const withPhone = heldout.filter(
      (i) => /(\+\d{2}|\b0\d{3}).{6,}\d/.test(i.text) || /\d{2} \d{2} \d{2} \d{2}/.test(i.text),
    );
    expect(withEmail).toBeGreaterThan(50);
    expect(withPhone.length).toBeGreaterThan(50);
  });

  it("gives complaints low ratings and praise high ones, on the three scales", () => {
    const normalized = (item: PlantedItem) =>
      item.scale === "nps" ? item.score! / 10 : item.scale === undefined ? Number.NaN : (item.score! - 1) / 4;
    const mean = (items: readonly PlantedItem[]) => {
      const rated = items.map(normalized).filter((x) => !Number.isNaN(x));
      return rated.reduce((a, b) => a + b, 0) / rated.length;
    };
    for (const item of heldout) {
      if (item.scale === undefined) expect(item.score).toBeUndefined();
      else if (item.scale === "nps")
        expect(item.score).toSatisfy((s: number) => Number.isInteger(s) && s >= 0 && s <= 10);
      else expect(item.score).toSatisfy((s: number) => Number.isInteger(s) && s >= 1 && s <= 5);
    }
    expect(new Set(heldout.map((i) => i.scale))).toEqual(new Set(["nps", "csat5", "stars5", undefined]));
    const complaints = heldout.filter((i) => i.theme !== null);
    const praiseTemplates = Object.values<readonly string[]>(NOISE_TEMPLATES.praise).flat();
    const praise = heldout.filter((i) => i.theme === null && praiseTemplates.some((t) => madeFrom(i.text, t)));
    expect(praise.length).toBeGreaterThan(100);
    expect(mean(complaints)).toBeLessThan(0.3);
    expect(mean(praise)).toBeGreaterThan(0.8);
  });

  it("refuses impossible options", () => {
    expect(() => generatePlantedCorpus({ seed: 1, split: "tuning", size: -1 })).toThrow(RangeError);
    expect(() => generatePlantedCorpus({ seed: 1, split: "tuning", noiseShare: 1 })).toThrow(RangeError);
    expect(() => generatePlantedCorpus({ seed: 1, split: "tuning", languages: [] })).toThrow(RangeError);
    expect(() => generatePlantedCorpus({ seed: 1, split: "tuning", languages: ["fr" as PlantedLanguage] })).toThrow(
      RangeError,
    );
  });
});

describe("tuning and held-out halves", () => {
  it("split every template list into two disjoint halves that cover it", () => {
    const lists = [
      ...Object.values(THEME_TEMPLATES).flatMap((t) => Object.values<readonly string[]>(t)),
      ...Object.values(NOISE_TEMPLATES).flatMap((t) => Object.values<readonly string[]>(t)),
    ];
    for (const list of lists) {
      const tune = splitHalf(list, "tuning");
      const held = splitHalf(list, "heldout");
      expect(tune.filter((t) => held.includes(t))).toEqual([]);
      expect([...tune, ...held].sort()).toEqual([...list].sort());
      expect(held.length).toBeGreaterThanOrEqual(list.length >= 10 ? 5 : 1);
    }
  });

  const check = (corpus: readonly PlantedItem[], own: PlantedSplit, other: PlantedSplit) => {
    let fromOwn = 0;
    let themed = 0;
    for (const item of corpus) {
      if (item.theme === null) continue;
      themed++;
      const templates = THEME_TEMPLATES[item.theme][item.language];
      const foreign = splitHalf(templates, other).filter((t) => madeFrom(item.text, t));
      expect(foreign, `${item.id}: ${item.text}`).toEqual([]);
      if (splitHalf(templates, own).some((t) => madeFrom(item.text, t))) fromOwn++;
    }
    // The rest carry a typo or a casing change inside the template's words.
    expect(fromOwn / themed).toBeGreaterThan(0.8);
  };

  it("the held-out corpus is made only from held-out templates", () => check(heldout, "heldout", "tuning"));
  it("the tuning corpus is made only from tuning templates", () => check(tuning, "tuning", "heldout"));
});
