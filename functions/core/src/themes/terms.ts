/**
 * Text → terms for theme and touchpoint matching: lower-cased words, stopwords dropped, stemmed per language
 * (Snowball via @orama/stemmers), as unigrams plus adjacent bigrams. "Parcel arrived five days late" and "parcels
 * arriving late" share `arriv`, `late` and `arriv late`, which is what lets paraphrases meet.
 * @module
 */
import { stemmer as danishStemmer } from "@orama/stemmers/danish";
import { stemmer as englishStemmer } from "@orama/stemmers/english";
import { stemmer as germanStemmer } from "@orama/stemmers/german";
import { stemmer as spanishStemmer } from "@orama/stemmers/spanish";
import { dan, deu, eng, spa } from "stopword";
import { CX_CONCEPTS } from "./concepts.ts";

interface LanguageTools {
  stem: (word: string) => string;
  stopwords: ReadonlySet<string>;
}

// Words that carry the complaint in CX text, so they stay even where a stopword list drops them.
const KEEP = new Set([
  "not",
  "no",
  "never",
  "still",
  "again",
  "twice",
  "ikke",
  "aldrig",
  "stadig",
  "igen",
  "nicht",
  "kein",
  "keine",
  "nie",
  "noch",
  "wieder",
  "no",
  "nunca",
  "todavía",
  "aún",
  "otra",
]);
// Greetings, sign-offs and filler every ticket has: they would otherwise join unrelated items.
const FILLER = [
  "hi",
  "hello",
  "hey",
  "dear",
  "thanks",
  "thank",
  "regards",
  "best",
  "kind",
  "please",
  "team",
  "sent",
  "iphone",
  "hej",
  "tak",
  "venlig",
  "hilsen",
  "mvh",
  "kære",
  "hallo",
  "danke",
  "grüße",
  "gruß",
  "freundlichen",
  "liebe",
  "hola",
  "gracias",
  "saludos",
  "un",
  "cordial",
  "buenos",
  "días",
];

function tools(stem: (word: string) => string, stopwords: readonly string[]): LanguageTools {
  return { stem, stopwords: new Set([...stopwords, ...FILLER].filter((w) => !KEEP.has(w))) };
}

const LANGUAGES: Readonly<Record<string, LanguageTools>> = {
  en: tools(englishStemmer, eng),
  da: tools(danishStemmer, dan),
  de: tools(germanStemmer, deu),
  es: tools(spanishStemmer, spa),
};

// Words that leave a label hanging when they end it ("code not", "still"); "twice" completes "charged twice".
const DANGLING = new Set([...KEEP].filter((word) => word !== "twice"));

/**
 * A term that reads badly in a label: a word kept for matching ("still no refund") that says nothing on its own,
 * a phrase that ends on one ("code not"), or a contraction ("i'll definitely").
 */
export function isFunctionWord(term: string): boolean {
  const words = term.split(" ");
  return DANGLING.has(words[words.length - 1] as string) || words.some((w) => /['’]/.test(w));
}

// Letters only (digits are order numbers, dates and amounts, never a theme); the redaction tokens are dropped first.
const WORD = /\p{L}[\p{L}'’-]*/gu;
const PLACEHOLDER = /\[[a-z_]+\]/g;
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, Map<string, string>>();

function stemmed(language: string, tools: LanguageTools, word: string): string {
  let cache = stemCache.get(language);
  if (!cache) {
    cache = new Map();
    stemCache.set(language, cache);
  }
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = tools.stem(word);
    // A bounded cache: feedback vocabularies are small, but a flood of unique junk must not grow it forever.
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/** The stemmed content words of `text`, in order. */
export function stems(text: string, language: string): string[] {
  const tools = LANGUAGES[language] ?? (LANGUAGES.en as LanguageTools);
  const out: string[] = [];
  for (const match of text.replace(PLACEHOLDER, " ").toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’-]+$/, "");
    if (word.length < 2 || tools.stopwords.has(word)) continue;
    out.push(stemmed(language, tools, word));
  }
  return out;
}

/** Unigram and adjacent-bigram terms with their counts: the features themes and touchpoint profiles compare. */
export function termCounts(text: string, language: string): Map<string, number> {
  return countTerms(stems(text, language), language);
}

/**
 * `termCounts` of already-stemmed words. With `language`, the CX concepts the words mention are added as
 * language-neutral `@concept` terms (once each), which is what lets paraphrases and languages meet.
 */
export function countTerms(words: readonly string[], language?: string): Map<string, number> {
  const counts = new Map<string, number>();
  const concepts = language ? conceptIndex(language) : undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    counts.set(word, (counts.get(word) ?? 0) + 1);
    if (concepts) for (const c of concepts.get(word) ?? []) counts.set(c, 1);
    if (i > 0) {
      const bigram = `${words[i - 1]} ${word}`;
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
      if (concepts) for (const c of concepts.get(bigram) ?? []) counts.set(c, 1);
    }
  }
  return counts;
}

const conceptIndexes = new Map<string, Map<string, string[]>>();

/** Stemmed concept phrases of one language: a stem or an adjacent stem pair → the concepts it signals. */
function conceptIndex(language: string): Map<string, string[]> {
  let index = conceptIndexes.get(language);
  if (index) return index;
  index = new Map();
  for (const [concept, byLanguage] of Object.entries(CX_CONCEPTS)) {
    for (const phrase of byLanguage[language] ?? []) {
      const phraseStems = stems(phrase, language);
      if (phraseStems.length === 0) continue;
      // Longer phrases are matched on their first two content words.
      const key = phraseStems.slice(0, 2).join(" ");
      const list = index.get(key) ?? [];
      if (!list.includes(`@${concept}`)) list.push(`@${concept}`);
      index.set(key, list);
    }
  }
  conceptIndexes.set(language, index);
  return index;
}

/**
 * For labels: each stemmed term's most frequent surface form in `text` ("arriv late" → "arrived late"), added to
 * `into` as counts so a cluster's label reads as customers wrote it.
 */
export function collectSurfaces(text: string, language: string, into: Map<string, Map<string, number>>): void {
  const tools = LANGUAGES[language] ?? (LANGUAGES.en as LanguageTools);
  let previous: { stem: string; word: string } | undefined;
  for (const match of text.replace(PLACEHOLDER, " ").toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’-]+$/, "");
    if (word.length < 2 || tools.stopwords.has(word)) continue;
    const stem = stemmed(language, tools, word);
    bump(into, stem, word);
    if (previous) bump(into, `${previous.stem} ${stem}`, `${previous.word} ${word}`);
    previous = { stem, word };
  }
}

function bump(into: Map<string, Map<string, number>>, term: string, surface: string) {
  let forms = into.get(term);
  if (!forms) {
    forms = new Map();
    into.set(term, forms);
  }
  forms.set(surface, (forms.get(surface) ?? 0) + 1);
}
