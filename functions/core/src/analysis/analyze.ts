/**
 * The analysis pipeline for one item: redact → language → sentiment → escalation cues → touchpoint → theme →
 * friction.
 * Pure and synchronous, so the queue consumer, the seeder and the benchmarks all run the very same code.
 * @module
 */
import { customerKeyHash } from "../crypto.ts";
import {
  type HandledBy,
  isDetractor,
  type NormalizedFeedback,
  normalizeScore,
  scoreSentimentPrior,
  TEXT_CAP,
} from "../model.ts";
import { type EmbeddedThemes, splitThemeModel } from "../nlp/embedded-themes.ts";
import { markTestItem } from "../providers/test-event.ts";
import {
  assignTheme,
  type ThemeAssignment,
  type ThemeModel,
  type ThemeProfile,
  themeNegativeShare,
} from "../themes/assign.ts";
import { detectEscalations, SENTIMENT_ESCALATION } from "./escalation.ts";
import { detectLanguage } from "./language.ts";
import { type Redaction, redact } from "./redact.ts";
import { type SentimentResult, scoreSentiment, withThemePrior } from "./sentiment.ts";
import {
  type Placement,
  type PlacementContext,
  placeOnTouchpoint,
  preparePlacement,
  type TouchpointProfile,
  type TouchpointRef,
  type TouchpointRule,
} from "./touchpoint.ts";

export const ANALYSIS_VERSION = 2;

/** A touchpoint's sentiment threshold when none is stored (the column's default). */
export const DEFAULT_SENTIMENT_THRESHOLD = -0.5;

export interface AnalysisContext {
  /** Languages the workspace works in; detection is restricted to them. */
  languages: readonly string[];
  /** ISO 3166 alpha-2: phone numbers are validated against it. */
  country?: string;
  placement: PlacementContext;
  /** The workspace's themes as of its last re-clustering; without it, items wait unthemed for the next one. */
  themes?: ThemeModel;
  /** The item's source and that source's default touchpoint. */
  sourceId?: string;
  defaultTouchpointId?: string | null;
  /**
   * When the last re-clustering ran on an embedder's vectors: its centroids, which only that embedder's vectors may
   * be compared with (`refineWithAi`); `themes` then classifies by pinned keywords alone.
   */
  embeddedThemes?: EmbeddedThemes;
  /** The workspace opted in to the Workers AI backend. */
  aiEnabled?: boolean;
}

/** A workspace's analysis settings as stored: what `createAnalysisContext` compiles once per workspace. */
export interface WorkspaceAnalysisData {
  languages: readonly string[];
  country?: string;
  touchpoints: readonly TouchpointRef[];
  rules?: readonly TouchpointRule[];
  profiles?: readonly TouchpointProfile[];
  themeModel?: {
    idf: Readonly<Record<string, number>>;
    unseenIdf: number;
    threshold: number;
    themes: readonly ThemeProfile[];
    /** What the centroids are over: `local` TF-IDF terms (the default) or an embedder's dimensions. */
    backend?: string;
    modelId?: string;
  };
  aiEnabled?: boolean;
}

/** Compiles a workspace's rules, profiles and theme model for `analyzeItem`. */
export function createAnalysisContext(data: WorkspaceAnalysisData): AnalysisContext {
  const weights = data.themeModel && {
    idf: new Map(Object.entries(data.themeModel.idf)),
    unseenIdf: data.themeModel.unseenIdf,
  };
  const themes = data.themeModel &&
    weights && { weights, threshold: data.themeModel.threshold, themes: data.themeModel.themes };
  const split = themes && splitThemeModel(themes, data.themeModel?.backend, data.themeModel?.modelId);
  return {
    languages: data.languages,
    country: data.country,
    placement: preparePlacement(data.touchpoints, data.rules, data.profiles, weights),
    themes: split?.local,
    embeddedThemes: split?.embedded,
    aiEnabled: data.aiEnabled,
  };
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
  theme: ThemeAssignment | null;
  /** This item's contribution to its touchpoint's friction, in [0, 1]. */
  friction: number;
  /** A bot, macro or automation handled it, with the evidence redacted like the text. */
  handledBy?: HandledBy;
}

export function analyzeItem(feedback: NormalizedFeedback, context: AnalysisContext): AnalyzedItem {
  const textTruncated = feedback.text.length > TEXT_CAP;
  const redactOptions = { country: context.country };
  const body = redact(textTruncated ? feedback.text.slice(0, TEXT_CAP) : feedback.text, redactOptions);
  const title = feedback.title === undefined ? undefined : redact(feedback.title, redactOptions);
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
  // A test item joins no recurring issue: themes describe real feedback only.
  const theme = context.themes && !feedback.test ? assignTheme(fullText, language, context.themes) : null;
  const textSentiment = scoreSentiment(
    fullText,
    language,
    scoreSentimentPrior(feedback.score, feedback.scale, feedback.scaleRange),
  );
  // A rating already decided; without one, a complaint theme informs what the text left neutral.
  const sentiment =
    normalizedScore === undefined && theme && context.themes
      ? withThemePrior(textSentiment, themeNegativeShare(context.themes, theme.themeId))
      : textSentiment;
  const detractor = isDetractor(feedback.score, feedback.scale, feedback.scaleRange);
  const placement = placeOnTouchpoint(
    {
      hint: feedback.touchpointHint,
      sourceId: context.sourceId,
      tags: feedback.tags,
      questionIds: feedback.questionIds,
      channel: feedback.channel,
      text: fullText,
      language,
    },
    context.defaultTouchpointId,
    context.placement,
  );
  const escalations = detectEscalations(fullText, language);
  const touchpoint = placement.touchpointId ? context.placement.index.byId.get(placement.touchpointId) : undefined;
  if (touchpoint?.isHumanMoment && sentiment.score <= (touchpoint.sentimentThreshold ?? DEFAULT_SENTIMENT_THRESHOLD)) {
    escalations.push(SENTIMENT_ESCALATION);
  }
  const friction = itemFriction(sentiment.score, detractor, escalations.length > 0);
  // Evidence quotes provider values (tags, rule and bot names, a sender's own field), which could hold anything.
  const handledBy = feedback.handledBy && {
    kind: feedback.handledBy.kind,
    evidence: redact(feedback.handledBy.evidence, redactOptions).text,
  };
  // Tags are stored with the item and are free text too (a Freshdesk agent can tag a ticket with an email).
  const tags = feedback.tags.map((tag) => redact(tag, redactOptions).text);
  return {
    feedback: tags.every((tag, i) => tag === feedback.tags[i]) ? feedback : { ...feedback, tags },
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
    theme,
    friction,
    handledBy,
  };
}

/** Negativity carries most weight; a detractor rating and an escalation cue each add on top. */
export function itemFriction(sentiment: number, detractor: boolean, escalated: boolean): number {
  const value = 0.6 * Math.max(0, -sentiment) + (detractor ? 0.25 : 0) + (escalated ? 0.15 : 0);
  return Math.round(Math.min(1, value) * 1000) / 1000;
}

/** Repeat contacts: the same customer raising the same theme within this window. */
export const REPEAT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** True when `previousAt` (the customer's last item on the same theme) falls within the repeat window. */
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
    analyzed: analyzeItem(markTestItem(feedback), context),
    customerKeyHash: identifier ? customerKeyHash(secretsKey, workspaceId, identifier) : undefined,
    customerEmailHash: feedback.customerEmail
      ? customerKeyHash(secretsKey, workspaceId, `email:${feedback.customerEmail}`)
      : undefined,
  };
}
