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
  /** Every token the lexicon knows by its exact form, with its role: one lookup per token while scoring. */
  roles: ReadonlyMap<string, TokenRole>;
  /** Roles derived from stems, inflections and numbers, remembered (bounded): feedback vocabulary repeats. */
  memo: Map<string, TokenRole>;
}

/** What a function word does to the words around it; the scorer's `textEvidence` implements each. */
export type FunctionWord = "negator" | "persistence" | "booster" | "contrast" | "concessive" | "excess";

/** What one token is to the scorer. */
export interface TokenRole {
  /** Sentiment weight; 0 for a word known to carry none, absent for a word the lexicon does not know. */
  weight?: number;
  /** Some phrase may start here: worth walking the phrase trie. */
  startsPhrase: boolean;
  function?: FunctionWord;
  /** A booster's multiplier. */
  boost?: number;
}

const UNKNOWN: TokenRole = Object.freeze({ startsPhrase: false });
const NUMBER_STARTS_PHRASE: TokenRole = Object.freeze({ startsPhrase: true });

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
    if (entry.includes(" ") || entry.includes("-")) addPhrase(entry.split(/[\s-]+/).join(" "), weight);
    else if (!negators.has(entry)) words.set(entry, weight);
  }
  for (const [entry, weight] of Object.entries(lexicon.words)) {
    if (entry.endsWith("*")) insertStem(stems, entry.slice(0, -1), weight);
    else words.set(entry, weight);
  }
  for (const [phrase, weight] of Object.entries(lexicon.phrases)) addPhrase(phrase, weight);
  const compiled: CompiledLexicon = {
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
    roles: new Map(),
    memo: new Map(),
  };
  compiled.roles = exactRoles(compiled, lexicon);
  return compiled;
}

/** Roles of every exact word, function word and phrase-initial token; function words take precedence in this order. */
function exactRoles(compiled: CompiledLexicon, lexicon: LanguageLexicon): Map<string, TokenRole> {
  const roles = new Map<string, TokenRole>();
  const role = (token: string) => {
    let found = roles.get(token);
    if (!found) {
      found = { startsPhrase: false };
      roles.set(token, found);
    }
    return found;
  };
  for (const [word, weight] of compiled.words) role(word).weight = weight;
  for (const token of compiled.phrases.next.keys()) role(token).startsPhrase = true;
  const functionWords: Array<[FunctionWord, readonly string[]]> = [
    ["excess", lexicon.excess],
    ["concessive", lexicon.concessive],
    ["contrast", lexicon.contrast],
    ["booster", Object.keys(lexicon.boosters)],
    ["persistence", lexicon.persistence],
    ["negator", lexicon.negators],
  ];
  for (const [kind, tokens] of functionWords) for (const token of tokens) role(token).function = kind;
  for (const [token, boost] of Object.entries(lexicon.boosters))
    if (role(token).function === "booster") role(token).boost = boost;
  for (const [token, found] of roles) {
    if (isNumberToken(compiled, token) && compiled.phrases.number) found.startsPhrase = true;
    if (compiled.phrases.stems.some(([stem]) => token.startsWith(stem))) found.startsPhrase = true;
  }
  return roles;
}

/** Digits, or one of the lexicon's number words. */
export function isNumberToken(lexicon: CompiledLexicon, token: string): boolean {
  const code = token.charCodeAt(0);
  return (code >= 48 && code <= 57) || lexicon.numbers.has(token);
}

const MEMO_LIMIT = 50_000;

/** The role of `token`: an exact entry, else one derived from stems, inflections and numbers (remembered). */
export function tokenRole(lexicon: CompiledLexicon, token: string): TokenRole {
  const exact = lexicon.roles.get(token);
  if (exact) return exact;
  // Numbers (order ids, amounts) carry no sentiment and are mostly unique: no derivation, nothing remembered.
  const code = token.charCodeAt(0);
  if (code >= 48 && code <= 57) return lexicon.phrases.number ? NUMBER_STARTS_PHRASE : UNKNOWN;
  const remembered = lexicon.memo.get(token);
  if (remembered) return remembered;
  const weight = derivedWeight(lexicon, token);
  const startsPhrase =
    (lexicon.phrases.number !== undefined && isNumberToken(lexicon, token)) ||
    lexicon.phrases.stems.some(([stem]) => token.startsWith(stem));
  const derived = weight === undefined && !startsPhrase ? UNKNOWN : { weight, startsPhrase };
  if (lexicon.memo.size >= MEMO_LIMIT) lexicon.memo.clear();
  lexicon.memo.set(token, derived);
  return derived;
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
  return tokenRole(lexicon, token).weight;
}

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

const SOURCES: Readonly<Record<SentimentLanguage, () => CompiledLexicon>> = {
  en: () => compileLexicon("en", EN, AFINN_165 as Record<string, number>),
  da: () => compileLexicon("da", DA),
  de: () => compileLexicon("de", DE),
  es: () => compileLexicon("es", ES),
};
const compiled = new Map<string, CompiledLexicon>();

/**
 * The compiled lexicon for `language` (English for any language without one), compiled on first use: a Worker
 * isolate pays ~10–20 ms once per language it actually sees, not for all four at startup.
 */
export function lexiconFor(language: string): CompiledLexicon {
  const key = language in SOURCES ? (language as SentimentLanguage) : "en";
  let lexicon = compiled.get(key);
  if (!lexicon) {
    lexicon = SOURCES[key]();
    compiled.set(key, lexicon);
  }
  return lexicon;
}
