/**
 * Automation at the customer's side of a ticket. Each provider adapter reads its own fields (a bot author, an
 * automation channel, a workflow thread) into clues; this module adds what the ticket's tags say, picks the kind and
 * words the evidence so a CX lead can check it in the provider ("Zendesk: via.channel = api, tag 'macro_refund'").
 * @module
 */
import type { HandledBy, HandledByKind } from "../model.ts";

/** One fact an adapter read from a payload that shows automation, named by the provider's own field. */
export interface AutomationClue {
  kind: HandledByKind;
  /** What was read, e.g. `via.channel = answer_bot` or `last reply authored by a bot (Fin)`. */
  evidence: string;
}

/** Tag keyword → the kind it means. Keywords are whole words of a tag: `bot` matches `zendesk_bot`, not `bottle`. */
export type AutomationTags = ReadonlyMap<string, HandledByKind>;

/**
 * Tags helpdesks and their apps commonly set when automation answered. Extended per source by the
 * `automationTags` setting (`"fin_handoff=bot, autoclose"`; a keyword without a kind means `automation`).
 */
export const DEFAULT_AUTOMATION_TAGS: AutomationTags = new Map<string, HandledByKind>([
  ["bot", "bot"],
  ["chatbot", "bot"],
  ["answer bot", "bot"],
  ["answerbot", "bot"],
  ["ai agent", "bot"],
  ["ai answer", "bot"],
  ["virtual agent", "bot"],
  ["macro", "macro"],
  ["canned response", "macro"],
  ["automation", "automation"],
  ["automated", "automation"],
  ["auto reply", "automation"],
  ["autoreply", "automation"],
  ["auto response", "automation"],
  ["autoresponder", "automation"],
  ["auto close", "automation"],
  ["autoclose", "automation"],
]);

const AUTOMATION_TAGS_SETTING = "automationTags";

/** When several clues disagree, the most direct stand-in for a person names the kind. */
const KIND_ORDER: readonly HandledByKind[] = ["bot", "macro", "automation"];
const MAX_EVIDENCE = 300;
const MAX_TAGS_NAMED = 3;

/** The item's provider evidence and tags, as one adapter saw them. */
export interface AutomationInput {
  /** The provider's label, which opens the evidence ("Zendesk: …"). */
  provider: string;
  clues?: readonly AutomationClue[];
  tags?: readonly string[];
}

/**
 * Whether automation handled the item, and the evidence: the adapter's clues first, then the tags that name
 * automation. `undefined` when nothing shows it.
 * @example
 * detectAutomation({ provider: "Zendesk", clues: [{ kind: "automation", evidence: "via.channel = api" }],
 *   tags: ["macro_refund_auto_reply"] })
 * // { kind: "macro", evidence: "Zendesk: via.channel = api, tag 'macro_refund_auto_reply'" }
 */
export function detectAutomation(
  input: AutomationInput,
  tagKeywords: AutomationTags = DEFAULT_AUTOMATION_TAGS,
): HandledBy | undefined {
  const clues = [...(input.clues ?? [])];
  const tagged = (input.tags ?? []).flatMap((tag) => {
    const kind = tagKind(tag, tagKeywords);
    return kind ? [{ kind, tag }] : [];
  });
  if (tagged.length > 0) {
    const named = tagged.slice(0, MAX_TAGS_NAMED).map(({ tag }) => `'${tag}'`);
    const more = tagged.length > MAX_TAGS_NAMED ? ` and ${tagged.length - MAX_TAGS_NAMED} more` : "";
    clues.push({
      kind: strongest(tagged.map((t) => t.kind)),
      evidence: `${tagged.length === 1 ? "tag" : "tags"} ${named.join(", ")}${more}`,
    });
  }
  if (clues.length === 0) return undefined;
  const evidence = `${input.provider}: ${[...new Set(clues.map((c) => c.evidence))].join(", ")}`;
  return {
    kind: strongest(clues.map((c) => c.kind)),
    evidence: evidence.length > MAX_EVIDENCE ? `${evidence.slice(0, MAX_EVIDENCE - 1)}…` : evidence,
  };
}

/** The kind a tag names, or `undefined`: a keyword's words must appear in a row among the tag's words. */
export function tagKind(tag: string, tagKeywords: AutomationTags = DEFAULT_AUTOMATION_TAGS): HandledByKind | undefined {
  const words = wordsOf(tag);
  const found: HandledByKind[] = [];
  for (const [keyword, kind] of tagKeywords) {
    if (containsRun(words, wordsOf(keyword))) found.push(kind);
  }
  return found.length > 0 ? strongest(found) : undefined;
}

/**
 * The tag keywords for a source: the defaults plus its `automationTags` setting, a comma-separated list of
 * `keyword` or `keyword=kind` entries (an unknown kind means `automation`).
 */
export function automationTagsFor(settings: Readonly<Record<string, unknown>> | undefined): AutomationTags {
  const setting = settings?.[AUTOMATION_TAGS_SETTING];
  if (typeof setting !== "string" || !setting.trim()) return DEFAULT_AUTOMATION_TAGS;
  const keywords = new Map(DEFAULT_AUTOMATION_TAGS);
  for (const entry of setting.split(",")) {
    const [keyword = "", kind = ""] = entry.split("=").map((part) => part.trim().toLowerCase());
    if (wordsOf(keyword).length === 0) continue;
    keywords.set(keyword, KIND_ORDER.includes(kind as HandledByKind) ? (kind as HandledByKind) : "automation");
  }
  return keywords;
}

/** Words that say a person handled it, in a sender's own `handled_by` field or column. */
const HUMAN_WORDS = new Set(["human", "agent", "person", "staff", "none", "no", "false", "0"]);

/**
 * A sender's own `handled_by` value (generic JSON, Standard Webhooks, CSV): a kind (`bot`), a tag-like name
 * (`Fin AI agent`, `auto-reply`), or a word for a person (`human`, `agent`: `null`). `undefined` when unreadable.
 */
export function handledByValue(provider: string, field: string, value: string): HandledBy | null | undefined {
  const text = value.trim();
  if (HUMAN_WORDS.has(text.toLowerCase())) return null;
  const kind = tagKind(text);
  if (!kind) return undefined;
  return { kind, evidence: `${provider}: ${field} = '${text.slice(0, 80)}'` };
}

function strongest(kinds: readonly HandledByKind[]): HandledByKind {
  return KIND_ORDER.find((kind) => kinds.includes(kind)) ?? "automation";
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > words.length) return false;
  for (let start = 0; start + run.length <= words.length; start += 1) {
    if (run.every((word, i) => words[start + i] === word)) return true;
  }
  return false;
}
