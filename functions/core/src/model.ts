/**
 * Firebreak's vocabulary: the normalized feedback item every provider adapter produces, and what analysis adds.
 * @module
 */
import { z } from "zod";

export const ZScale = z.enum(["nps", "csat5", "csat3", "stars5", "ces7", "thumbs", "custom", "none"]);
export type Scale = z.infer<typeof ZScale>;

export const ZItemKind = z.enum(["survey", "review", "ticket", "message"]);
export type ItemKind = z.infer<typeof ZItemKind>;

/** Who answered instead of a person: a bot (Answer Bot, Fin), a canned macro, or a rule, workflow or integration. */
export const ZHandledByKind = z.enum(["bot", "macro", "automation"]);
export type HandledByKind = z.infer<typeof ZHandledByKind>;

/** Automation that handled an item, with the provider evidence a CX lead can check (`detectAutomation`). */
export const ZHandledBy = z.object({ kind: ZHandledByKind, evidence: z.string().min(1).max(500) });
export type HandledBy = z.infer<typeof ZHandledBy>;

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
  /** Bounds of a `custom` scale (e.g. a 0–7 opinion scale); ignored for the named scales. */
  scaleRange?: { min: number; max: number };
  customerEmail?: string;
  customerId?: string;
  /** Non-identifying customer attributes (plan, market, tier) used by segments. */
  customerAttributes?: Record<string, string>;
  tags: string[];
  status?: string;
  url?: string;
  /** Survey questions answered (Typeform field refs, SurveyMonkey/Qualtrics question ids), for question rules. */
  questionIds?: string[];
  /** A touchpoint id or key named by the sender (generic webhooks, CSV imports). */
  touchpointHint?: string;
  /** ISO language code when the provider states it. */
  language?: string;
  occurredAt: number;
  /**
   * When this version of the item was produced (an edited review, an updated ticket); defaults to `occurredAt`.
   * The latest revision of an external id wins; earlier ones are kept as history.
   */
  revisionAt?: number;
  /** The provider's id for this event when a delivery carries several (HubSpot `eventId`). */
  eventId?: string;
  /** The provider sent ids or a preview only; details must be fetched through its API. */
  needsEnrichment?: boolean;
  /** A "Send a test event" sample (`markTestItem`): stored and shown on its source, never counted. */
  test?: boolean;
  /** A bot, macro or automation handled the ticket, as the provider's payload shows (`detectAutomation`). */
  handledBy?: HandledBy;
}

/** Longest text stored per item; longer text is cut here and the item is flagged `textTruncated`. */
export const TEXT_CAP = 20_000;

/** Scale bounds, so every score can be normalized to [0, 1] (1 = best). */
export const SCALE_RANGE: Record<Exclude<Scale, "none" | "custom">, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat5: { min: 1, max: 5 },
  csat3: { min: 1, max: 3 },
  stars5: { min: 1, max: 5 },
  ces7: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** The bounds of a scale, or `undefined` for `none` (and for `custom` without a range). */
export function scaleBounds(scale: Scale, custom?: { min: number; max: number }) {
  if (scale === "none") return undefined;
  if (scale === "custom") return custom && custom.max > custom.min ? custom : undefined;
  return SCALE_RANGE[scale];
}

/** The score on a 0..1 scale where 1 is the best answer, or `undefined` when there is none. */
export function normalizeScore(
  score: number | undefined,
  scale: Scale,
  custom?: { min: number; max: number },
): number | undefined {
  const bounds = scaleBounds(scale, custom);
  if (score === undefined || !bounds || !Number.isFinite(score)) return undefined;
  return Math.min(1, Math.max(0, (score - bounds.min) / (bounds.max - bounds.min)));
}

/**
 * The highest answer that still counts as a low score, per scale: NPS 0–6 (detractors), CSAT 1–2 of 5, stars 1–2,
 * 3-point CSAT 1, CES 1–3 of 7, thumbs down. Custom scales have no agreed low band, so they have no entry. Shared with
 * the queries that pick low-score items, so SQL and this function agree.
 */
export const LOW_SCORE_MAX: Readonly<Partial<Record<Scale, number>>> = {
  nps: 6,
  csat5: 2,
  stars5: 2,
  csat3: 1,
  ces7: 3,
  thumbs: 0,
};

/**
 * A low score (counted in the rollups' `detractor_count`): at or below `LOW_SCORE_MAX` for its scale. Never for
 * `none` or `custom` scales; `_custom` is accepted so callers can keep passing a custom scale's bounds.
 */
export function isDetractor(score: number | undefined, scale: Scale, _custom?: { min: number; max: number }): boolean {
  const max = LOW_SCORE_MAX[scale];
  return score !== undefined && max !== undefined && Number.isFinite(score) && score <= max;
}

const NPS_PRIOR = [-1, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.1, 0.1, 0.6, 1] as const;

/**
 * What a rating says about sentiment, in [-1, 1]. NPS is not linear: 0–6 are detractors, 7–8 passives, 9–10
 * promoters, so a 6 reads as clearly negative rather than as "60%".
 */
export function scoreSentimentPrior(
  score: number | undefined,
  scale: Scale,
  custom?: { min: number; max: number },
): number | undefined {
  if (score === undefined) return undefined;
  if (scale === "nps") return NPS_PRIOR[Math.max(0, Math.min(10, Math.round(score)))];
  const normalized = normalizeScore(score, scale, custom);
  return normalized === undefined ? undefined : normalized * 2 - 1;
}
