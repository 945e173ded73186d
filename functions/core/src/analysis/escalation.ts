/**
 * Escalation cues: churn intent, legal threats, vulnerable customers and safety, in English, Danish, German and
 * Spanish (rule packs in `lexicons/escalation-*.ts`). Tuned for recall: a person reviews what is flagged.
 *
 * Rule ids are `<category>.<cue>.<language>`, e.g. `churn.cancel_subscription.en`, `legal.lawyer.de`,
 * `safety.self_harm.es`: the first segment is always one of `ESCALATION_CATEGORIES`, the last the language of the
 * rule pack that matched. English rules also run on other languages' text (customers mix English in).
 *
 * Churn and legal cues are cancelled by a volitional negation right before them ("I'm not going to cancel", "no
 * need for a lawyer", "ich kündige nicht"), never by inability ("I can't cancel my subscription" is churn).
 * Vulnerability and safety cues are never cancelled: "nobody was hurt, but it caught fire" still goes to a person.
 * @module
 */
import { ESCALATION_DA } from "./lexicons/escalation-da.ts";
import { ESCALATION_DE } from "./lexicons/escalation-de.ts";
import { ESCALATION_EN } from "./lexicons/escalation-en.ts";
import { ESCALATION_ES } from "./lexicons/escalation-es.ts";
import { ESCALATION_CATEGORIES, type EscalationCategory, type EscalationPack } from "./lexicons/escalation-types.ts";

export { ESCALATION_CATEGORIES, type EscalationCategory };

export interface EscalationRule {
  id: string;
  category: EscalationCategory;
  cue: string;
  language: string;
  /** Global, on lowercased text, with word boundaries that know Latin letters beyond ASCII. */
  pattern: RegExp;
  /** Whether a volitional negation right before (or, in V2 languages, right after) cancels a match. */
  negatable: boolean;
  /** Words (`*`: stems) of which one must occur for the pattern to be tried. */
  triggers: readonly string[];
}

interface TriggerNode {
  children: Map<string, TriggerNode>;
  /** Bit mask of the rules (bit i: the pack's rule i) triggered by a word that starts with the path to this node. */
  rules: number;
}

interface CompiledPack {
  language: string;
  rules: readonly EscalationRule[];
  /** Whole trigger words → bit mask of rules. */
  words: ReadonlyMap<string, number>;
  /** Trigger stems, as a character trie. */
  stems: TriggerNode;
  /** Word → bit mask of the rules it triggers, remembered (bounded): feedback vocabulary repeats. */
  memo: Map<string, number>;
  negatedBefore: RegExp;
  negatedAfter?: RegExp;
}

const NEGATABLE: ReadonlySet<EscalationCategory> = new Set(["churn", "legal"]);
/**
 * A word character for Firebreak's languages: ASCII letters and digits plus Latin-1 and Latin Extended-A/B (æ, ø, å,
 * ä, ö, ü, ß, ñ, á, é…). JavaScript's `\b` and `\w` are ASCII-only, and `\p{L}` lookarounds cost a second to compile
 * and microseconds per scan, so patterns are rewritten onto this class.
 */
const WORD = "[a-z0-9_\\u00c0-\\u024f]";
const WORD_START = `(?<!${WORD})`;
const WORD_END = `(?!${WORD})`;

/**
 * `\w` becomes `WORD`; `\b` becomes a word start when what follows can begin a word (a letter, a digit, `\w`, `\d`,
 * a class or a non-lookaround group) and a word end otherwise (`|`, `)`, a space, a gap, the end).
 */
function latinSource(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    const next = source[i + 1];
    if (char === "\\" && next === "w") out += WORD;
    else if (char === "\\" && next === "b") out += startsWord(source.slice(i + 2, i + 5)) ? WORD_START : WORD_END;
    else if (char === "\\") out += source.slice(i, i + 2);
    else {
      out += char;
      continue;
    }
    i++;
  }
  return out;
}

function startsWord(following: string): boolean {
  if (/^[\p{L}\p{N}]/u.test(following) || /^\\[wd]/.test(following)) return true;
  if (following.startsWith("[")) return !following.startsWith("[^");
  return following.startsWith("(") && !/^\(\?[!=<]/.test(following);
}

function compilePack(language: string, pack: EscalationPack): CompiledPack {
  const rules: EscalationRule[] = [];
  const words = new Map<string, number>();
  const stems: TriggerNode = { children: new Map(), rules: 0 };
  for (const category of ESCALATION_CATEGORIES) {
    for (const [cue, { triggers, pattern }] of Object.entries(pack.rules[category])) {
      const bit = 1 << rules.length;
      rules.push({
        id: `${category}.${cue}.${language}`,
        category,
        cue,
        language,
        pattern: new RegExp(latinSource(pattern.source), "g"),
        negatable: NEGATABLE.has(category),
        triggers,
      });
      for (const trigger of triggers) {
        if (!trigger.endsWith("*")) {
          words.set(trigger, (words.get(trigger) ?? 0) | bit);
          continue;
        }
        let node = stems;
        for (const char of trigger.slice(0, -1)) {
          let child = node.children.get(char);
          if (!child) {
            child = { children: new Map(), rules: 0 };
            node.children.set(char, child);
          }
          node = child;
        }
        node.rules |= bit;
      }
    }
  }
  const negatedBefore = new RegExp(latinSource(pack.negatedBefore.source));
  const negatedAfter = pack.negatedAfter && new RegExp(latinSource(pack.negatedAfter.source));
  // Rules are bits of a 32-bit integer mask.
  if (rules.length > 31) throw new Error(`escalation pack ${language} has more than 31 cues`);
  return { language, rules, words, stems, memo: new Map(), negatedBefore, negatedAfter };
}

const WORDS = /[a-z0-9\u00c0-\u024f]+/g;

const MEMO_LIMIT = 50_000;

function wordMask(pack: CompiledPack, word: string): number {
  const known = pack.memo.get(word);
  if (known !== undefined) return known;
  let mask = pack.words.get(word) ?? 0;
  let node: TriggerNode | undefined = pack.stems;
  for (let i = 0; i < word.length && node; i++) {
    node = node.children.get(word[i]!);
    if (node) mask |= node.rules;
  }
  if (pack.memo.size >= MEMO_LIMIT) pack.memo.clear();
  pack.memo.set(word, mask);
  return mask;
}

/** Bit mask of the pack's rules whose trigger words occur among `words`. */
function triggeredRules(pack: CompiledPack, words: readonly string[]): number {
  let mask = 0;
  for (const word of words) mask |= wordMask(pack, word);
  return mask;
}

const PACKS: Readonly<Record<string, CompiledPack>> = {
  en: compilePack("en", ESCALATION_EN),
  da: compilePack("da", ESCALATION_DA),
  de: compilePack("de", ESCALATION_DE),
  es: compilePack("es", ESCALATION_ES),
};

/** Every escalation rule, in pack order (en, da, de, es). */
export const ESCALATION_RULES: readonly EscalationRule[] = Object.values(PACKS).flatMap((pack) => pack.rules);

const CLAUSE_BREAK = /[.!?;,:\n]/;
/** How far before a cue a negation is looked for (the negation patterns also stop at the clause). */
const NEGATION_WINDOW = 60;

function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= Math.max(0, index - NEGATION_WINDOW); i--) if (CLAUSE_BREAK.test(text[i]!)) return i + 1;
  return Math.max(0, index - NEGATION_WINDOW);
}

function clauseEnd(text: string, index: number): number {
  const limit = Math.min(text.length, index + 30);
  for (let i = index; i < limit; i++) if (CLAUSE_BREAK.test(text[i]!)) return i;
  return limit;
}

function isNegated(pack: CompiledPack, text: string, start: number, end: number): boolean {
  if (pack.negatedBefore.test(text.slice(clauseStart(text, start), start))) return true;
  return pack.negatedAfter?.test(text.slice(end, clauseEnd(text, end))) ?? false;
}

const ENGLISH_ONLY = [PACKS.en!];
const ALL_PACKS = Object.values(PACKS);
const WITH_ENGLISH: Readonly<Record<string, readonly CompiledPack[]>> = Object.fromEntries(
  Object.entries(PACKS).map(([language, pack]) => [language, language === "en" ? ENGLISH_ONLY : [pack, PACKS.en!]]),
);

/** The language's own pack and the English one; every pack when the language is unknown or too short to tell. */
function packsFor(language: string): readonly CompiledPack[] {
  return WITH_ENGLISH[language] ?? ALL_PACKS;
}

/**
 * Ids of the escalation rules that match `text`, in `language`'s pack and the English one, each id once.
 * @example detectEscalations("I will cancel my subscription if this isn't fixed", "en") // ["churn.cancel_subscription.en", …]
 */
export function detectEscalations(text: string, language: string): string[] {
  const lowered = text.toLowerCase();
  const lower = lowered.includes("’") ? lowered.replaceAll("’", "'") : lowered;
  const words = lower.match(WORDS) ?? [];
  const fired: string[] = [];
  for (const pack of packsFor(language)) {
    const triggered = triggeredRules(pack, words);
    if (triggered === 0) continue;
    for (const [index, rule] of pack.rules.entries()) {
      if ((triggered & (1 << index)) === 0) continue;
      for (const match of lower.matchAll(rule.pattern)) {
        if (rule.negatable && isNegated(pack, lower, match.index, match.index + match[0].length)) continue;
        fired.push(rule.id);
        break;
      }
    }
  }
  return fired;
}

/**
 * The flag a human-moment touchpoint adds when an item's sentiment is at or below the touchpoint's threshold: at a
 * moment that must stay human, a very unhappy customer is a reason to escalate whatever words they used.
 */
export const SENTIMENT_ESCALATION = "sentiment.below_threshold";

/** What an item can be flagged for: the rule packs' categories, and sentiment below a human moment's threshold. */
export const ESCALATION_FLAGS = [...ESCALATION_CATEGORIES, "sentiment"] as const;
export type EscalationFlag = (typeof ESCALATION_FLAGS)[number];

/** The flags of `ruleIds` (their first segment), each once, in `ESCALATION_FLAGS` order. */
export function escalationCategories(ruleIds: readonly string[]): EscalationFlag[] {
  const present = new Set(ruleIds.map((id) => id.slice(0, id.indexOf("."))));
  return ESCALATION_FLAGS.filter((flag) => present.has(flag));
}
