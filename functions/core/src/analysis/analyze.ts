/**
 * The analysis pipeline for one item: redact → language → sentiment → escalation cues → touchpoint → friction.
 * Pure and synchronous, so the queue consumer, the seeder and the benchmarks all run the very same code.
 * @module
 */
import { customerKeyHash } from "../crypto.ts";
import { isDetractor, type NormalizedFeedback, normalizeScore, scoreSentimentPrior, TEXT_CAP } from "../model.ts";
import { detectEscalations } from "./escalation.ts";
import { detectLanguage } from "./language.ts";
import { type Redaction, redact } from "./redact.ts";
import { type SentimentResult, scoreSentiment } from "./sentiment.ts";
import { type Placement, placeOnTouchpoint, type TouchpointIndex } from "./touchpoint.ts";

export const ANALYSIS_VERSION = 1;

export interface AnalysisContext {
  /** Languages the workspace works in; detection is restricted to them. */
  languages: readonly string[];
  touchpoints: TouchpointIndex;
  defaultTouchpointId?: string | null;
}

export interface AnalyzedItem {
  feedback: NormalizedFeedback;
  /** Redacted title and text: the only versions that are ever stored. */
  title: string | undefined;
  text: string;
  /** The text was longer than `TEXT_CAP` and was cut. */
  textTruncated: boolean;
  redactions: Redaction["counts"];
  language: string;
  sentiment: SentimentResult;
  normalizedScore: number | undefined;
  detractor: boolean;
  escalations: string[];
  placement: Placement;
  /** This item's contribution to its touchpoint's friction, in [0, 1]. */
  friction: number;
}

export function analyzeItem(feedback: NormalizedFeedback, context: AnalysisContext): AnalyzedItem {
  const textTruncated = feedback.text.length > TEXT_CAP;
  const body = redact(textTruncated ? feedback.text.slice(0, TEXT_CAP) : feedback.text);
  const title = feedback.title === undefined ? undefined : redact(feedback.title);
  const redactions = { ...body.counts };
  for (const [kind, n] of Object.entries(title?.counts ?? {})) {
    redactions[kind as keyof typeof redactions] = (redactions[kind as keyof typeof redactions] ?? 0) + n;
  }
  const fullText = title ? `${title.text}. ${body.text}` : body.text;
  const language =
    feedback.language && context.languages.includes(feedback.language)
      ? feedback.language
      : detectLanguage(fullText, context.languages);
  const normalizedScore = normalizeScore(feedback.score, feedback.scale, feedback.scaleRange);
  const sentiment = scoreSentiment(
    fullText,
    language,
    scoreSentimentPrior(feedback.score, feedback.scale, feedback.scaleRange),
  );
  const detractor = isDetractor(feedback.score, feedback.scale, feedback.scaleRange);
  const escalations = detectEscalations(fullText, language);
  const placement = placeOnTouchpoint(feedback.touchpointHint, context.defaultTouchpointId, context.touchpoints);
  const friction = itemFriction(sentiment.score, detractor, escalations.length > 0);
  return {
    feedback,
    title: title?.text,
    text: body.text,
    textTruncated,
    redactions,
    language,
    sentiment,
    normalizedScore,
    detractor,
    escalations,
    placement,
    friction,
  };
}

/** Negativity carries most weight; a detractor rating and an escalation cue each add on top. */
export function itemFriction(sentiment: number, detractor: boolean, escalated: boolean): number {
  const value = 0.6 * Math.max(0, -sentiment) + (detractor ? 0.25 : 0) + (escalated ? 0.15 : 0);
  return Math.round(Math.min(1, value) * 1000) / 1000;
}

/** Repeat contacts: the same customer about the same touchpoint within this window. */
export const REPEAT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** True when `previousAt` (the customer's last item at this touchpoint) falls within the repeat window. */
export function isRepeatContact(previousAt: number | undefined, occurredAt: number): boolean {
  return previousAt !== undefined && occurredAt - previousAt >= 0 && occurredAt - previousAt <= REPEAT_WINDOW_MS;
}

/** An analysed item plus the keyed hashes that link it to its customer without storing who they are. */
export interface PreparedItem {
  analyzed: AnalyzedItem;
  customerKeyHash?: string;
  customerEmailHash?: string;
}

/** Analyses one item and hashes its customer identifiers for `workspaceId`: everything the write path needs. */
export function prepareItem(
  feedback: NormalizedFeedback,
  context: AnalysisContext,
  secretsKey: string,
  workspaceId: string,
): PreparedItem {
  const identifier = feedback.customerId ?? feedback.customerEmail;
  return {
    analyzed: analyzeItem(feedback, context),
    customerKeyHash: identifier ? customerKeyHash(secretsKey, workspaceId, identifier) : undefined,
    customerEmailHash: feedback.customerEmail
      ? customerKeyHash(secretsKey, workspaceId, `email:${feedback.customerEmail}`)
      : undefined,
  };
}
