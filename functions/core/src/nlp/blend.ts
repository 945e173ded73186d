/**
 * How a model's sentiment joins the local one. The local score stays the anchor: it carries the customer's rating
 * and the CX cues ("still no refund", "charged twice") a review-trained model was never taught, while distilbert
 * (SST-2, movie reviews) is sure of itself on almost every text. So the model gets at most half the say, and less
 * the more evidence the local scorer had:
 *
 *   w          = 0.5 × (1 − local.confidence / 2)          (0.25 … 0.5)
 *   score      = (1 − w) × local.score + w × model
 *   confidence = 1 − (1 − local.confidence) × (1 − w × |model|)
 *
 * A text the lexicon found nothing in (confidence 0) and the model calls clearly negative lands at −0.5: negative.
 * A confident local verdict (a rating plus strong words) moves by a quarter of the model's disagreement at most.
 * @module
 */
import { NEUTRAL_BAND, type SentimentResult } from "../analysis/sentiment.ts";

/** The most say the model can have, when the local scorer found no evidence at all. */
export const MODEL_WEIGHT = 0.5;

/** `local` moved towards `model` (a score in [-1, 1]); see the module comment for the weights. */
export function blendSentiment(local: SentimentResult, model: number): SentimentResult {
  const w = MODEL_WEIGHT * (1 - local.confidence / 2);
  const score = (1 - w) * local.score + w * Math.max(-1, Math.min(1, model));
  const confidence = 1 - (1 - local.confidence) * (1 - w * Math.abs(model));
  const label = score <= -NEUTRAL_BAND ? "negative" : score >= NEUTRAL_BAND ? "positive" : "neutral";
  return { score: round(score), label, confidence: round(confidence) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
