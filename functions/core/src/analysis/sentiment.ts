/**
 * Sentiment in [-1, 1] with a label and a confidence. AFINN-165 (the `sentiment` package) covers English words;
 * Firebreak's CX lexicon covers implicit complaints in every supported language; the item's own score, when it has
 * one, is the strongest evidence and is blended in.
 * @module
 */
import Sentiment from "sentiment";
import { CX_LEXICON } from "./lexicon.ts";

export interface SentimentResult {
  score: number;
  label: "negative" | "neutral" | "positive";
  confidence: number;
}

const afinn = new Sentiment();
const NEUTRAL_BAND = 0.15;

function lexicalScore(text: string, language: string): { raw: number; hits: number } {
  let raw = 0;
  let hits = 0;
  if (language === "en" || language === "und") {
    const result = afinn.analyze(text);
    raw += result.score;
    hits += result.positive.length + result.negative.length;
  }
  for (const [pattern, weight] of CX_LEXICON[language] ?? CX_LEXICON.en ?? []) {
    if (pattern.test(text)) {
      raw += weight;
      hits++;
    }
  }
  return { raw, hits };
}

/**
 * Scores `text`; `ratingPrior` is what the item's rating says, in [-1, 1] (see `scoreSentimentPrior`).
 * @example scoreSentiment("Still no refund after three weeks", "en").label // "negative"
 */
export function scoreSentiment(text: string, language: string, ratingPrior?: number): SentimentResult {
  const { raw, hits } = lexicalScore(text, language);
  const textScore = Math.tanh(raw / 4);
  let score: number;
  let confidence: number;
  if (ratingPrior === undefined) {
    score = textScore;
    confidence = Math.min(1, 0.3 + 0.15 * hits) * Math.min(1, Math.abs(textScore) + 0.3);
  } else {
    const prior = ratingPrior;
    // With no sentiment-bearing words, the rating alone decides; otherwise both count, the rating a little more.
    score = hits === 0 ? prior : 0.45 * textScore + 0.55 * prior;
    confidence = Math.min(1, 0.5 + 0.1 * hits) * Math.min(1, Math.abs(score) + 0.4);
  }
  const label = score <= -NEUTRAL_BAND ? "negative" : score >= NEUTRAL_BAND ? "positive" : "neutral";
  return { score: round(score), label, confidence: round(confidence) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
