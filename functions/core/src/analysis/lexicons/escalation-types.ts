/**
 * The shape of one language's escalation rule pack, as written by hand. Patterns are matched against the lowercased
 * text; `\b` in a pattern is compiled to a Unicode word boundary (so it works before "æ" or "ü"). Keep each pattern
 * specific: a bare "fire" or "brand" or "Gericht" (a dish) would flag ordinary feedback.
 * @module
 */

export const ESCALATION_CATEGORIES = ["churn", "legal", "vulnerable", "safety"] as const;
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

/**
 * One cue: its pattern, and the words that must be in the text for the pattern to have a chance (a trailing `*` makes
 * a word a stem). Only cues whose trigger words occur are tried, so a text pays for a few map lookups per word rather
 * than a regular-expression scan per cue. Every way the pattern can match must contain one of the triggers as a
 * word (or, for a stem, a word starting with it).
 */
export interface EscalationCue {
  triggers: readonly string[];
  pattern: RegExp;
}

export const cue = (triggers: readonly string[], pattern: RegExp): EscalationCue => ({ triggers, pattern });

export interface EscalationPack {
  /** Cue name → cue, per category. A cue name becomes the middle of the rule id: `churn.cancel_subscription.en`. */
  rules: Readonly<Record<EscalationCategory, Readonly<Record<string, EscalationCue>>>>;
  /**
   * A volitional negation that ends right before a churn or legal cue cancels it ("I'm not going to cancel", "no
   * need for a lawyer"). Anchored at the end (`$`): a negator followed only by filler words. Inability is not
   * negation ("I can't cancel" is still churn), so it is left out of these patterns.
   */
  negatedBefore: RegExp;
  /** The same right after the cue, for languages that put the negator after the verb ("ich kündige nicht"). */
  negatedAfter?: RegExp;
}
