/**
 * The shape of one language's sentiment lexicon, as written by hand. `lexicon.ts` compiles it into lookup tables.
 * Weights use AFINN's −5..+5 scale, so every language adds up on the same scale.
 * @module
 */

export interface LanguageLexicon {
  /**
   * Single words. A trailing `*` marks a stem: it matches every word that starts with it (the longest stem wins, and an
   * exact entry wins over any stem, so `"gods": 0` keeps Danish "gods" (goods) away from the stem `"god*"`).
   * A weight of 0 blocks a word from scoring at all.
   */
  words: Readonly<Record<string, number>>;
  /**
   * Multiword cues, matched on tokens before single words: space-separated parts, where `a|b` is a choice (`_` is a
   * space inside a choice: `me_twice`), a trailing `?` makes a part optional, a trailing `*` makes a token a stem, and
   * `#num` is a number (digits or a number word).
   * A phrase's weight replaces the weights of its words, and negation does not flip it (it already says it).
   */
  phrases: Readonly<Record<string, number>>;
  /** Words that negate the sentiment words right after them (and, with `negationLooksBack`, right before them). */
  negators: readonly string[];
  /**
   * V2 languages put the negator after the verb ("det virker ikke", "es gefällt mir nicht"): a negator that ends
   * its clause also negates the sentiment word just before it.
   */
  negationLooksBack?: boolean;
  /** Intensifiers (> 1) and diminishers (< 1): multipliers for the next sentiment word. */
  boosters: Readonly<Record<string, number>>;
  /** "But": what came before counts half, what follows one and a half. */
  contrast: readonly string[];
  /** "Although": its own clause counts half. */
  concessive: readonly string[];
  /** "Still" + a negation ("still no refund", "stadig ingen", "todavía no"): the problem persists. */
  persistence: readonly string[];
  /** "Too" + a plain word ("too small", "demasiado caro") is a complaint; "too" + a sentiment word intensifies it. */
  excess: readonly string[];
  /** Number words, for `#num` in phrases. */
  numberWords: readonly string[];
  /** Suffixes stripped from a word that is not in the lexicon before looking it up again (English inflections). */
  inflections?: readonly string[];
}
