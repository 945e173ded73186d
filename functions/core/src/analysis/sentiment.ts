/**
 * Sentiment in [-1, 1] with a label and a confidence, for English, Danish, German and Spanish (any other language is
 * read with the English lexicon). One tokenizing pass, then a walk over the tokens with per-language lookup tables
 * (`lexicon.ts`): phrases first (implicit complaints such as "still no refund" or "charged twice"), then words and
 * stems, with negation scope, "but"/"although" clause weighting, intensifiers and diminishers, "too" + adjective,
 * exclamation marks, emoji and emoticons. The item's own rating, when it has one, is blended in.
 * @module
 */
import { type CompiledLexicon, isNumberToken, lexiconFor, type PhraseNode, SYMBOLS, tokenRole } from "./lexicon.ts";

export interface SentimentResult {
  score: number;
  label: "negative" | "neutral" | "positive";
  confidence: number;
}

/** Scores within ±NEUTRAL_BAND are neutral: one weak word ("sorry", "cancel") does not make a complaint. */
export const NEUTRAL_BAND = 0.25;
/** How many words after a negator it still negates. */
const NEGATION_SCOPE = 3;
/** A negated positive is clearly negative ("not good"); a negated negative is only mildly positive ("not bad"). */
const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.5;
/** A negation that negates no sentiment word is itself weak complaint evidence ("it doesn't fit", "kam nicht"). */
const BARE_NEGATION = -0.5;
/** "Too" + a plain word: "too small", "zu spät", "demasiado caro". */
const EXCESS = -1.5;
/** "Still" + a negation: the problem persists. */
const PERSISTENCE = -2;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;
const CONCESSIVE = 0.5;
/** Each "!" (up to three) strengthens its sentence by this much in the sentence's own direction. */
const EXCLAMATION = 0.3;
/** How far text with the strongest evidence moves a rating (0: not at all, 1: the text alone decides). */
const MAX_TEXT_WEIGHT = 0.6;
/** Raw lexicon sums (AFINN scale) → [-1, 1]: tanh(raw / SCALE). */
const SCALE = 4;

/**
 * Words (Latin letters: ASCII, Latin-1 and Latin Extended-A/B, which covers en/da/de/es; other scripts carry no
 * lexicon entries anyway), emoticons (not after a letter, so "note:do" is no ":d"), punctuation, and emoji (surrogate
 * pairs and the BMP symbol blocks: ❤, ☺, ✌, ⭐). Without the `u` flag and with the emoticon lookbehind only tried after
 * a ':', ';' or '=', this is about twice as fast as the `\p{L}` version.
 */
const TOKEN =
  /[a-z0-9\u00c0-\u024f]+(?:['’][a-z\u00c0-\u024f]+)*|[:;=](?<![a-z0-9\u00c0-\u024f][:;=])['-]?[()[\]dp/\\|]|<3|[.!?;]+|[,:()]|\n|[\ud800-\udbff][\udc00-\udfff]|[\u2600-\u27bf\u2b00-\u2bff]/g;

/** Lowercased word tokens, punctuation marks, emoticons and emoji, in order. */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  return (lower.includes("’") ? lower.replaceAll("’", "'") : lower).match(TOKEN) ?? [];
}

const isWordToken = (token: string) => {
  const code = token.charCodeAt(0);
  return code > 127 ? !SYMBOLS.has(token) : (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
};
const isClauseBreak = (token: string) => token === "," || token === ":" || token === "(" || token === ")";
const negate = (value: number) => value * (value > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE);

interface PhraseMatch {
  end: number;
  weight: number;
  negatable: boolean;
  negates: boolean;
}

function longestPhrase(
  lexicon: CompiledLexicon,
  node: PhraseNode,
  tokens: readonly string[],
  i: number,
  best: PhraseMatch | undefined,
): PhraseMatch | undefined {
  if (node.weight !== undefined && (!best || i > best.end)) {
    best = { end: i, weight: node.weight, negatable: node.negatable ?? true, negates: node.negates ?? false };
  }
  const token = tokens[i];
  if (token === undefined) return best;
  const next = node.next.get(token);
  if (next) best = longestPhrase(lexicon, next, tokens, i + 1, best);
  if (node.number && isNumberToken(lexicon, token)) best = longestPhrase(lexicon, node.number, tokens, i + 1, best);
  for (const [stem, stemNode] of node.stems) {
    if (token.startsWith(stem)) best = longestPhrase(lexicon, stemNode, tokens, i + 1, best);
  }
  return best;
}

/** The evidence a text carries: the raw sum on AFINN's scale, how many cues counted, and their total magnitude. */
export interface TextEvidence {
  raw: number;
  hits: number;
  magnitude: number;
}

/** Walks the tokens of `text` once and sums the weighted cues. */
export function textEvidence(text: string, language: string): TextEvidence {
  const lexicon = lexiconFor(language);
  const tokens = tokenize(text);
  let total = 0;
  let sentence = 0;
  let hits = 0;
  let magnitude = 0;
  let exclamations = 0;
  let clauseWeight = 1;
  let contrastWeight = 1;
  let negationOpen = false;
  let negationLeft = 0;
  let negationWords = 0;
  let negationUsed = false;
  let boost = 1;
  let boostLeft = 0;
  // The last cue in this clause, so a clause-final negator (V2 languages) can negate it.
  let lastCueAt = -1;
  let lastCue = 0;

  const add = (value: number, at: number) => {
    const weighted = value * clauseWeight * contrastWeight;
    sentence += weighted;
    hits++;
    magnitude += Math.abs(weighted);
    lastCueAt = at;
    lastCue = weighted;
  };
  const endNegation = (at: number) => {
    if (negationOpen && !negationUsed && negationWords > 0) add(BARE_NEGATION, at);
    negationOpen = false;
    negationLeft = 0;
  };
  const endClause = (at: number) => {
    endNegation(at);
    boostLeft = 0;
    clauseWeight = 1;
    lastCueAt = -1;
  };
  const endSentence = (at: number) => {
    endClause(at);
    if (sentence !== 0 && exclamations > 0) sentence += Math.sign(sentence) * EXCLAMATION * Math.min(exclamations, 3);
    total += sentence;
    sentence = 0;
    exclamations = 0;
  };
  const openNegation = () => {
    if (!negationOpen) {
      negationUsed = false;
      negationWords = 0;
    }
    negationOpen = true;
    negationLeft = NEGATION_SCOPE;
  };
  /** A cue from a word or a phrase, with the boost and negation in force. */
  const cue = (weight: number, at: number, negatable: boolean) => {
    let value = boostLeft > 0 ? weight * boost : weight;
    if (negationLeft > 0 && negatable) {
      value = negate(value);
      negationUsed = true;
    }
    add(value, at);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isWordToken(token)) {
      const symbol = SYMBOLS.get(token);
      if (symbol !== undefined) add(symbol, i);
      else if (isClauseBreak(token)) endClause(i);
      else {
        for (const char of token) if (char === "!") exclamations++;
        endSentence(i);
      }
      continue;
    }

    const role = tokenRole(lexicon, token);
    const match = role.startsPhrase ? longestPhrase(lexicon, lexicon.phrases, tokens, i, undefined) : undefined;
    if (match) {
      if (match.weight !== 0) cue(match.weight, i, match.negatable);
      if (negationOpen) {
        negationLeft -= match.end - i;
        if (negationLeft <= 0) endNegation(i);
      }
      if (match.negates) openNegation();
      i = match.end - 1;
      continue;
    }

    switch (role.function) {
      case "negator": {
        const next = tokens[i + 1];
        if (next === "only") continue;
        const clauseFinal = next === undefined || !isWordToken(next);
        if (lexicon.negationLooksBack && clauseFinal) {
          if (lastCueAt >= 0 && i - lastCueAt <= NEGATION_SCOPE) {
            sentence += negate(lastCue) - lastCue;
            lastCue = negate(lastCue);
          } else add(BARE_NEGATION, i);
          continue;
        }
        openNegation();
        continue;
      }
      case "persistence":
        if (lexicon.negators.has(tokens[i + 1] ?? "") || lexicon.negators.has(tokens[i + 2] ?? "")) add(PERSISTENCE, i);
        continue;
      case "booster":
        boost = role.boost ?? 1;
        boostLeft = 2;
        continue;
      case "contrast":
        if (tokens[i + 1] === "also") break;
        endNegation(i);
        total *= CONTRAST_BEFORE;
        sentence *= CONTRAST_BEFORE;
        contrastWeight = CONTRAST_AFTER;
        continue;
      case "concessive":
        clauseWeight = CONCESSIVE;
        continue;
      case "excess": {
        const next = tokens[i + 1];
        if (next !== undefined && isWordToken(next)) {
          if (tokenRole(lexicon, next).weight) {
            boost = 1.3;
            boostLeft = 1;
          } else {
            cue(EXCESS, i, true);
            i++;
          }
        }
        continue;
      }
    }

    if (role.weight) cue(role.weight, i, true);
    if (negationLeft > 0) {
      negationWords++;
      negationLeft--;
      if (negationLeft === 0) endNegation(i);
    }
    if (boostLeft > 0) boostLeft--;
  }
  endSentence(tokens.length);
  return { raw: total, hits, magnitude };
}

/**
 * Scores `text`; `ratingPrior` is what the item's rating says, in [-1, 1] (see `scoreSentimentPrior`).
 * `confidence` grows with the amount of evidence and with how much of it points the same way; a rating adds to it.
 * @example scoreSentiment("Still no refund after three weeks", "en").label // "negative"
 */
export function scoreSentiment(text: string, language: string, ratingPrior?: number): SentimentResult {
  const { raw, magnitude } = textEvidence(text, language);
  const textScore = Math.tanh(raw / SCALE);
  const agreement = magnitude > 0 ? Math.abs(raw) / magnitude : 0;
  const textConfidence = (1 - Math.exp(-magnitude / 3)) * agreement;
  if (ratingPrior === undefined) return result(textScore, textConfidence);
  // The rating is the customer's own verdict; the text moves it as far as the text's evidence is strong.
  const textWeight = MAX_TEXT_WEIGHT * textConfidence;
  const ratingConfidence = 0.5 + 0.4 * Math.abs(ratingPrior);
  return result(
    textWeight * textScore + (1 - textWeight) * ratingPrior,
    1 - (1 - textConfidence) * (1 - ratingConfidence),
  );
}

function result(score: number, confidence: number): SentimentResult {
  const label = score <= -NEUTRAL_BAND ? "negative" : score >= NEUTRAL_BAND ? "positive" : "neutral";
  return { score: round(score), label, confidence: round(confidence) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** A recurring issue whose opinionated items are at least this negative is a complaint theme. */
export const COMPLAINT_THEME_SHARE = 0.7;
/** Where the theme prior puts an item: just past the neutral band, with modest confidence. */
const THEME_PRIOR_SCORE = -(NEUTRAL_BAND + 0.05);
const THEME_PRIOR_CONFIDENCE = 0.4;

/**
 * Lexicons miss implicit complaints ("day 9 and still 'label created'"), but the issue an item belongs to does not:
 * an unrated item the text left neutral reads as negative when its theme is a complaint theme (`negativeShare`, the
 * negative share of the theme's opinionated items, at least `COMPLAINT_THEME_SHARE`). Anything the text or a rating
 * decided is left alone.
 */
export function withThemePrior(result: SentimentResult, negativeShare: number | undefined): SentimentResult {
  if (result.label !== "neutral" || negativeShare === undefined || negativeShare < COMPLAINT_THEME_SHARE) return result;
  return { score: Math.min(result.score, THEME_PRIOR_SCORE), label: "negative", confidence: THEME_PRIOR_CONFIDENCE };
}
