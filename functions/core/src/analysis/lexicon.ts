/**
 * Compiles each language's hand-written lexicon (`lexicons/*.ts`) once, at module load, into the lookup tables the
 * scorer walks token by token: a word map, a character trie of stems, and a token trie of phrases. Scoring then costs
 * a few map lookups per token and no regular expression per cue.
 * English is AFINN-165 (from the `sentiment` package, Apache-2.0 word list, MIT package) with Firebreak's CX
 * additions on top; emoji (the package's Emoji Sentiment Ranking scores) and emoticons count in every language.
 * @module
 */

import EMOJI from "sentiment/build/emoji.json" with { type: "json" };
import AFINN_165 from "sentiment/languages/en/labels.json" with { type: "json" };
import { DA } from "./lexicons/da.ts";
import { DE } from "./lexicons/de.ts";
import { EN } from "./lexicons/en.ts";
import { ES } from "./lexicons/es.ts";
import type { LanguageLexicon } from "./lexicons/types.ts";

/** Languages with a lexicon of their own; anything else is scored with English (`und` included). */
export const SENTIMENT_LANGUAGES = ["en", "da", "de", "es"] as const;
export type SentimentLanguage = (typeof SENTIMENT_LANGUAGES)[number];

interface StemNode {
  children: Map<string, StemNode>;
  weight?: number;
}

/** One step of a phrase: literal tokens, stems and numbers lead to the next step; `weight` ends a phrase here. */
export interface PhraseNode {
  next: Map<string, PhraseNode>;
  stems: Array<readonly [stem: string, node: PhraseNode]>;
  number?: PhraseNode;
  weight?: number;
  /** False when the phrase carries its own negation ("never arrived"), so a negator before it does not flip it. */
  negatable?: boolean;
  /** The phrase ends in a negator ("noch nie"): it negates what follows, like the negator alone would. */
  negates?: boolean;
}

export interface CompiledLexicon {
  language: string;
  words: ReadonlyMap<string, number>;
  stems: StemNode;
  phrases: PhraseNode;
  negators: ReadonlySet<string>;
  negationLooksBack: boolean;
  boosters: ReadonlyMap<string, number>;
  contrast: ReadonlySet<string>;
  concessive: ReadonlySet<string>;
  persistence: ReadonlySet<string>;
  excess: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  inflections: readonly string[];
  /** Derived weights (stems, inflections) already looked up; NaN for "not in the lexicon". */
  memo: Map<string, number>;
}

/** Emoticons, as the tokenizer emits them (lowercased). */
const EMOTICONS: Readonly<Record<string, number>> = {
  ":)": 2,
  ":-)": 2,
  "=)": 2,
  ":]": 2,
  ":d": 3,
  ":-d": 3,
  ";)": 1,
  ";-)": 1,
  ":p": 1,
  ":-p": 1,
  "<3": 3,
  ":(": -2,
  ":-(": -2,
  "=(": -2,
  ":[": -2,
  ":'(": -3,
  ":/": -1,
  ":-/": -1,
  ":\\": -1,
  ":|": -1,
  ":-|": -1,
};

/** Emoji and emoticons: the same in every language. */
export const SYMBOLS: ReadonlyMap<string, number> = new Map([
  ...Object.entries(EMOJI as Record<string, number>),
  ...Object.entries(EMOTICONS),
]);

function insertStem(root: StemNode, stem: string, weight: number): void {
  let node = root;
  for (const char of stem) {
    let child = node.children.get(char);
    if (!child) {
      child = { children: new Map() };
      node.children.set(char, child);
    }
    node = child;
  }
  node.weight = weight;
}

const newPhraseNode = (): PhraseNode => ({ next: new Map(), stems: [] });

/**
 * One written phrase → every token sequence it stands for: choices (`a|b`) multiplied out, optional parts (`x?`)
 * taken and skipped, and `_` inside a choice standing for a space ("me_twice").
 */
function phraseVariants(phrase: string): string[][] {
  let variants: string[][] = [[]];
  for (const part of phrase.split(" ")) {
    const optional = part.endsWith("?");
    const choices = (optional ? part.slice(0, -1) : part).split("|").map((choice) => choice.split("_"));
    if (optional) choices.push([]);
    variants = variants.flatMap((variant) => choices.map((choice) => [...variant, ...choice]));
  }
  return variants.filter((variant) => variant.length > 0);
}

function insertPhrase(
  root: PhraseNode,
  tokens: readonly string[],
  weight: number,
  negators: ReadonlySet<string>,
): void {
  let node = root;
  for (const token of tokens) {
    let child: PhraseNode | undefined;
    if (token === "#num") child = node.number ??= newPhraseNode();
    else if (token.endsWith("*")) {
      const stem = token.slice(0, -1);
      child = node.stems.find(([s]) => s === stem)?.[1];
      if (!child) {
        child = newPhraseNode();
        node.stems.push([stem, child]);
      }
    } else {
      child = node.next.get(token);
      if (!child) {
        child = newPhraseNode();
        node.next.set(token, child);
      }
    }
    node = child;
  }
  node.weight = weight;
  node.negatable = !tokens.some((token) => negators.has(token));
  node.negates = negators.has(tokens[tokens.length - 1]!);
}

/** Compiles one hand-written lexicon; `base` words (AFINN for English) come first and the lexicon's own override. */
export function compileLexicon(
  language: string,
  lexicon: LanguageLexicon,
  base: Readonly<Record<string, number>> = {},
): CompiledLexicon {
  const negators = new Set(lexicon.negators);
  const words = new Map<string, number>();
  const stems: StemNode = { children: new Map() };
  const phrases = newPhraseNode();
  const addPhrase = (phrase: string, weight: number) => {
    for (const tokens of phraseVariants(phrase)) {
      insertPhrase(phrases, tokens, weight, negators);
    }
  };
  for (const [entry, weight] of Object.entries(base)) {
    const tokens = entry.split(/[\s-]+/);
    if (tokens.length > 1) addPhrase(tokens.join(" "), weight);
    else if (!negators.has(entry)) words.set(entry, weight);
  }
  for (const [entry, weight] of Object.entries(lexicon.words)) {
    if (entry.endsWith("*")) insertStem(stems, entry.slice(0, -1), weight);
    else words.set(entry, weight);
  }
  for (const [phrase, weight] of Object.entries(lexicon.phrases)) addPhrase(phrase, weight);
  return {
    language,
    words,
    stems,
    phrases,
    negators,
    negationLooksBack: lexicon.negationLooksBack ?? false,
    boosters: new Map(Object.entries(lexicon.boosters)),
    contrast: new Set(lexicon.contrast),
    concessive: new Set(lexicon.concessive),
    persistence: new Set(lexicon.persistence),
    excess: new Set(lexicon.excess),
    numbers: new Set(lexicon.numberWords),
    inflections: lexicon.inflections ?? [],
    memo: new Map(),
  };
}

/** The longest stem of `token` in the trie, if any. */
function stemWeight(root: StemNode, token: string): number | undefined {
  let node: StemNode | undefined = root;
  let weight: number | undefined;
  for (const char of token) {
    node = node.children.get(char);
    if (!node) break;
    if (node.weight !== undefined) weight = node.weight;
  }
  return weight;
}

/**
 * The weight of one word: an exact entry, else its longest stem, else (English) the entry of its uninflected form.
 * `undefined` when the lexicon does not know it; 0 when it is known to carry no sentiment.
 */
export function wordWeight(lexicon: CompiledLexicon, token: string): number | undefined {
  const exact = lexicon.words.get(token);
  if (exact !== undefined) return exact;
  // Stems and inflections cost a trie walk and a few slices: remember each token's answer (feedback vocabulary is
  // small and repetitive), within a bound so a stream of unique tokens cannot grow the memo without limit.
  const memo = lexicon.memo.get(token);
  if (memo !== undefined) return Number.isNaN(memo) ? undefined : memo;
  const weight = derivedWeight(lexicon, token);
  if (lexicon.memo.size >= MEMO_LIMIT) lexicon.memo.clear();
  lexicon.memo.set(token, weight ?? Number.NaN);
  return weight;
}

const MEMO_LIMIT = 50_000;

function derivedWeight(lexicon: CompiledLexicon, token: string): number | undefined {
  const stemmed = stemWeight(lexicon.stems, token);
  if (stemmed !== undefined) return stemmed;
  for (const suffix of lexicon.inflections) {
    if (token.length - suffix.length < 3 || !token.endsWith(suffix)) continue;
    const base = token.slice(0, -suffix.length);
    const weight = lexicon.words.get(base) ?? (suffix.length > 1 ? lexicon.words.get(`${base}e`) : undefined);
    if (weight !== undefined) return weight;
  }
  return undefined;
}

/** The compiled lexicon for `language`; English for any language without one. */
export const LEXICONS: Readonly<Record<SentimentLanguage, CompiledLexicon>> = {
  en: compileLexicon("en", EN, AFINN_165 as Record<string, number>),
  da: compileLexicon("da", DA),
  de: compileLexicon("de", DE),
  es: compileLexicon("es", ES),
};

export function lexiconFor(language: string): CompiledLexicon {
  return LEXICONS[language as SentimentLanguage] ?? LEXICONS.en;
}
