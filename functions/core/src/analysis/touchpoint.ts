/**
 * Places an item on a journey touchpoint, in this order:
 * 1. the sender's explicit hint (a touchpoint id or key);
 * 2. the workspace's rules, in priority order (source, tag, survey question, channel, keywords on stems);
 * 3. the source's default touchpoint;
 * 4. the learned fallback: the touchpoint whose profile (terms of items that rules, hints and people placed) is
 *    closest, when it is close enough and clearly ahead of the runner-up;
 * 5. otherwise `unassigned`, for a person to place (which teaches the fallback).
 * @module
 */
import { countTerms, stems } from "../themes/terms.ts";
import { type SparseVector, type TermWeights, vectorize } from "../themes/vectors.ts";

export interface TouchpointRef {
  id: string;
  key: string;
  /** A moment that must stay human: sentiment at or below `sentimentThreshold` there escalates. */
  isHumanMoment?: boolean;
  sentimentThreshold?: number;
}

export interface TouchpointIndex {
  byId: ReadonlyMap<string, TouchpointRef>;
  byKey: ReadonlyMap<string, TouchpointRef>;
}

export type RuleKind = "source" | "tag" | "question" | "keyword" | "channel";

export interface TouchpointRule {
  id: string;
  touchpointId: string;
  priority: number;
  kind: RuleKind;
  /** Language the keywords are in; `null` = any (stemmed in the item's language). */
  language: string | null;
  /** Source ids, tags, question ids, channels, or keyword phrases. */
  match: readonly string[];
}

/** Learned from placed items: a touchpoint's unit-length term centroid in one language. */
export interface TouchpointProfile {
  touchpointId: string;
  language: string;
  terms: Readonly<Record<string, number>>;
  sampleCount: number;
}

export interface Placement {
  touchpointId: string | null;
  method: "hint" | "rule" | "default" | "fallback" | "unassigned";
  confidence: number;
  /** The rule that placed the item, when one did. */
  ruleId?: string;
}

/** Everything placement needs about a workspace, prepared once per workspace (see `preparePlacement`). */
export interface PlacementContext {
  index: TouchpointIndex;
  rules: readonly CompiledRule[];
  profiles: readonly TouchpointProfile[];
  weights?: TermWeights;
}

/** What placement reads from an item. */
export interface PlacementInput {
  hint?: string;
  sourceId?: string;
  tags: readonly string[];
  questionIds?: readonly string[];
  channel: string;
  text: string;
  language: string;
}

interface CompiledRule extends TouchpointRule {
  values: ReadonlySet<string>;
  /** Keyword rules: each phrase's stems, per language they were stemmed in. */
  phrases: Map<string, string[][]>;
}

/** Fallback placements need this cosine to the best profile… */
export const FALLBACK_THRESHOLD = 0.2;
/** …and this lead over the second-best touchpoint, or the item is left for a person. */
export const FALLBACK_MARGIN = 0.03;
/** Profiles learned from fewer items are not trusted. */
export const MIN_PROFILE_SAMPLES = 5;

export function indexTouchpoints(touchpoints: readonly TouchpointRef[]): TouchpointIndex {
  return {
    byId: new Map(touchpoints.map((t) => [t.id, t])),
    byKey: new Map(touchpoints.map((t) => [t.key.toLowerCase(), t])),
  };
}

/** Compiles rules (sorted by priority) and keeps the profiles and term weights for the fallback. */
export function preparePlacement(
  touchpoints: readonly TouchpointRef[],
  rules: readonly TouchpointRule[] = [],
  profiles: readonly TouchpointProfile[] = [],
  weights?: TermWeights,
): PlacementContext {
  const index = indexTouchpoints(touchpoints);
  const compiled = [...rules]
    .filter((r) => index.byId.has(r.touchpointId))
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => ({
      ...rule,
      values: new Set(rule.match.map((m) => m.trim().toLowerCase())),
      phrases: new Map<string, string[][]>(),
    }));
  return {
    index,
    rules: compiled,
    profiles: profiles.filter((p) => p.sampleCount >= MIN_PROFILE_SAMPLES && index.byId.has(p.touchpointId)),
    weights,
  };
}

function keywordPhrases(rule: CompiledRule, language: string): string[][] {
  const lang = rule.language ?? language;
  let phrases = rule.phrases.get(lang);
  if (!phrases) {
    phrases = rule.match.map((m) => stems(m, lang)).filter((s) => s.length > 0);
    rule.phrases.set(lang, phrases);
  }
  return phrases;
}

function ruleMatches(rule: CompiledRule, item: PlacementInput, itemStems: () => ReadonlySet<string>): boolean {
  switch (rule.kind) {
    case "source":
      return item.sourceId !== undefined && rule.values.has(item.sourceId.toLowerCase());
    case "tag":
      return item.tags.some((t) => rule.values.has(t.toLowerCase()));
    case "question":
      return (item.questionIds ?? []).some((q) => rule.values.has(q.toLowerCase()));
    case "channel":
      return rule.values.has(item.channel.toLowerCase());
    case "keyword": {
      if (rule.language !== null && rule.language !== item.language) return false;
      const present = itemStems();
      return keywordPhrases(rule, item.language).some((phrase) => phrase.every((s) => present.has(s)));
    }
  }
}

/** Places one item; see the module comment for the order of evidence. */
export function placeOnTouchpoint(
  item: PlacementInput,
  defaultTouchpointId: string | null | undefined,
  context: PlacementContext,
): Placement {
  const { index } = context;
  if (item.hint) {
    const match = index.byId.get(item.hint) ?? index.byKey.get(item.hint.trim().toLowerCase());
    if (match) return { touchpointId: match.id, method: "hint", confidence: 1 };
  }
  let words: string[] | undefined;
  const itemWords = () => {
    words ??= stems(item.text, item.language);
    return words;
  };
  let stemSet: Set<string> | undefined;
  const itemStems = () => {
    stemSet ??= new Set(itemWords());
    return stemSet;
  };
  for (const rule of context.rules) {
    if (ruleMatches(rule, item, itemStems)) {
      return { touchpointId: rule.touchpointId, method: "rule", confidence: 1, ruleId: rule.id };
    }
  }
  if (defaultTouchpointId && index.byId.has(defaultTouchpointId)) {
    return { touchpointId: defaultTouchpointId, method: "default", confidence: 0.6 };
  }
  if (context.weights && context.profiles.length > 0) {
    const vector = vectorize(countTerms(itemWords(), item.language), context.weights);
    const fallback = nearestProfile(vector, item.language, context.profiles);
    if (fallback) return fallback;
  }
  return { touchpointId: null, method: "unassigned", confidence: 0 };
}

/** One language's profiles as an inverted index: term → the profiles that hold it, with its weight in each. */
interface ProfileIndex {
  profiles: TouchpointProfile[];
  postings: Map<string, Array<[profile: number, weight: number]>>;
}

/**
 * Inverted indexes per language, built once per compiled context: scoring an item then touches only the profiles
 * that share one of its terms, instead of an object lookup per term per profile (a tenth of a backfill's CPU).
 */
const profileIndexes = new WeakMap<readonly TouchpointProfile[], Map<string, ProfileIndex>>();

function profileIndex(profiles: readonly TouchpointProfile[], language: string): ProfileIndex {
  let byLanguage = profileIndexes.get(profiles);
  if (!byLanguage) {
    byLanguage = new Map();
    profileIndexes.set(profiles, byLanguage);
  }
  let index = byLanguage.get(language);
  if (!index) {
    index = { profiles: profiles.filter((p) => p.language === language), postings: new Map() };
    for (const [i, profile] of index.profiles.entries()) {
      for (const [term, weight] of Object.entries(profile.terms)) {
        const list = index.postings.get(term);
        if (list) list.push([i, weight]);
        else index.postings.set(term, [[i, weight]]);
      }
    }
    byLanguage.set(language, index);
  }
  return index;
}

function nearestProfile(vector: SparseVector, language: string, all: readonly TouchpointProfile[]) {
  const { profiles, postings } = profileIndex(all, language);
  if (profiles.length === 0) return undefined;
  const sims = new Float64Array(profiles.length);
  for (let i = 0; i < vector.terms.length; i++) {
    const list = postings.get(vector.terms[i] as string);
    if (!list) continue;
    const weight = vector.weights[i] as number;
    for (const [profile, termWeight] of list) sims[profile] = (sims[profile] as number) + weight * termWeight;
  }
  const best = new Map<string, number>();
  for (const [i, profile] of profiles.entries()) {
    const sim = sims[i] as number;
    if (sim > (best.get(profile.touchpointId) ?? 0)) best.set(profile.touchpointId, sim);
  }
  const [first, second] = [...best].sort((a, b) => b[1] - a[1]);
  if (!first || first[1] < FALLBACK_THRESHOLD || first[1] - (second?.[1] ?? 0) < FALLBACK_MARGIN) return undefined;
  return { touchpointId: first[0], method: "fallback" as const, confidence: Math.round(first[1] * 1000) / 1000 };
}
