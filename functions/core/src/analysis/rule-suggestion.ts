/**
 * Touchpoint rules drafted from items a person picked: the keywords that set them apart from other feedback, a tag
 * or a source they all share. A draft is previewed by running it exactly as ingest runs rules.
 * @module
 */
import { suggestKeywords, type ThemeDocument } from "../themes/cluster.ts";
import { type PlacementInput, placeOnTouchpoint, preparePlacement } from "./touchpoint.ts";

/** An item as a rule sees it, with its id (to tell the selection from the rest). */
export interface RuleSample extends PlacementInput {
  id: string;
  title?: string | null;
}

export interface RuleDraft {
  kind: "keyword" | "tag" | "source";
  /** Keyword rules: the language the phrases are in; otherwise `null`. */
  language: string | null;
  match: string[];
}

/** Keyword drafts keep the most distinctive phrases only: each one alone places an item. */
const KEYWORD_PHRASES = 3;

/**
 * Rule drafts for the `selected` items, most specific first: keywords common to them (against `others`, a sample of
 * the workspace's other feedback; needs at least two items in one language), a tag all of them carry (the rarest
 * elsewhere), the source all of them came from.
 */
export function suggestRules(selected: readonly RuleSample[], others: readonly RuleSample[]): RuleDraft[] {
  if (selected.length === 0) return [];
  const drafts: RuleDraft[] = [];
  const chosen = new Set(selected.map((s) => s.id));
  const rest = others.filter((o) => !chosen.has(o.id));
  const keywords = suggestKeywords(selected.map(asDocument), rest.map(asDocument), KEYWORD_PHRASES);
  const language = mostCommon(selected.map((s) => s.language).filter((l) => keywords[l]?.length));
  if (language) drafts.push({ kind: "keyword", language, match: keywords[language] as string[] });
  const tag = sharedTag(selected, rest);
  if (tag) drafts.push({ kind: "tag", language: null, match: [tag] });
  const sources = new Set(selected.map((s) => s.sourceId));
  const [source] = sources;
  if (sources.size === 1 && source) drafts.push({ kind: "source", language: null, match: [source] });
  return drafts;
}

/** How many of `items` the draft would place, evaluated as ingest evaluates rules. */
export function countRuleMatches(draft: RuleDraft, items: readonly PlacementInput[]): number {
  const target = { id: "draft-target", key: "draft-target" };
  const context = preparePlacement([target], [{ id: "draft", touchpointId: target.id, priority: 0, ...draft }]);
  let matched = 0;
  for (const item of items) if (placeOnTouchpoint(item, null, context).method === "rule") matched++;
  return matched;
}

function asDocument(item: RuleSample): ThemeDocument {
  return { id: item.id, text: item.title ? `${item.title}. ${item.text}` : item.text, language: item.language };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The tag every selected item carries that the fewest other items carry. */
function sharedTag(selected: readonly RuleSample[], rest: readonly RuleSample[]): string | undefined {
  const tagsOf = (item: RuleSample) => new Set(item.tags.map((t) => t.toLowerCase()));
  const [first, ...others] = selected.map(tagsOf);
  const shared = [...(first ?? [])].filter((tag) => others.every((tags) => tags.has(tag)));
  const elsewhere = (tag: string) => rest.filter((item) => tagsOf(item).has(tag)).length;
  return shared.sort((a, b) => elsewhere(a) - elsewhere(b) || a.localeCompare(b))[0];
}
