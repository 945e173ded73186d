/**
 * Firebreak's vocabulary: the normalized feedback item every provider adapter produces, and what analysis adds.
 * @module
 */
import { z } from "zod";

export const ZScale = z.enum(["nps", "csat5", "csat3", "stars5", "ces7", "thumbs", "none"]);
export type Scale = z.infer<typeof ZScale>;

export const ZItemKind = z.enum(["survey", "review", "ticket", "message"]);
export type ItemKind = z.infer<typeof ZItemKind>;

/**
 * What a provider adapter turns one webhook event into, before analysis. Text may still hold personal data here;
 * it is redacted by `analyzeItem` before anything is stored.
 */
export interface NormalizedFeedback {
  /** The provider's id for the response, review or ticket; unique within a source. */
  externalId: string;
  parentExternalId?: string;
  kind: ItemKind;
  /** `web`, `email`, `chat`, `phone`, `social`, `app`, `store`, `survey`, … */
  channel: string;
  title?: string;
  text: string;
  /** 0 is a real score, never "missing": absent is `undefined`. */
  score?: number;
  scale: Scale;
  customerEmail?: string;
  customerId?: string;
  /** Non-identifying customer attributes (plan, market, tier) used by segments. */
  customerAttributes?: Record<string, string>;
  tags: string[];
  status?: string;
  url?: string;
  /** A touchpoint id or key named by the sender (generic webhooks, CSV imports). */
  touchpointHint?: string;
  /** ISO language code when the provider states it. */
  language?: string;
  occurredAt: number;
}

/** Scale bounds, so every score can be normalized to [0, 1] (1 = best). */
export const SCALE_RANGE: Record<Exclude<Scale, "none">, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat5: { min: 1, max: 5 },
  csat3: { min: 1, max: 3 },
  stars5: { min: 1, max: 5 },
  ces7: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** The score on a 0..1 scale where 1 is the best answer, or `undefined` when there is none. */
export function normalizeScore(score: number | undefined, scale: Scale): number | undefined {
  if (score === undefined || scale === "none" || !Number.isFinite(score)) return undefined;
  const { min, max } = SCALE_RANGE[scale];
  return Math.min(1, Math.max(0, (score - min) / (max - min)));
}

/** A detractor: NPS 0–6, or the bottom of any other scale (≤ 0.5 normalized). */
export function isDetractor(score: number | undefined, scale: Scale): boolean {
  if (score === undefined || scale === "none") return false;
  if (scale === "nps") return score <= 6;
  const normalized = normalizeScore(score, scale);
  return normalized !== undefined && normalized <= 0.5;
}
