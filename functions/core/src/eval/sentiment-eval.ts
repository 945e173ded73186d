/**
 * Evaluation of sentiment and escalation cues, pure: the caller passes in any external data (the UCI sentences, read
 * from the `sentiment` package's test fixtures by a Node script or test). Printed by `npm run eval`, asserted by
 * `sentiment-eval.test.ts`.
 * @module
 */
import { detectEscalations, ESCALATION_CATEGORIES, escalationCategories } from "../analysis/escalation.ts";
import { scoreSentiment } from "../analysis/sentiment.ts";
import { COMPLAINT_PROBES, type ComplaintProbeSet, type ProbeLanguage } from "./complaint-probes.ts";
import { ESCALATION_PROBES } from "./escalation-probes.ts";

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/**
 * Binary accuracy on UCI "Sentiment Labelled Sentences" (label 1 = positive). As in the `sentiment` package's own
 * validate script, a sentence is predicted positive iff its score is ≥ 0, so a score of exactly 0 (no evidence)
 * counts as positive; `zeroShare` says how often that happened. `negativeRecall` and `negativePrecision` are for
 * label 0 against score < 0.
 */
export function evaluateSentimentUci(sentences: ReadonlyArray<{ text: string; label: 0 | 1 }>): {
  accuracy: number;
  negativeRecall: number;
  negativePrecision: number;
  zeroShare: number;
  n: number;
} {
  let correct = 0;
  let zero = 0;
  let negatives = 0;
  let predictedNegative = 0;
  let truePositiveNegative = 0;
  for (const { text, label } of sentences) {
    const { score } = scoreSentiment(text, "en");
    const predicted = score >= 0 ? 1 : 0;
    if (score === 0) zero++;
    if (predicted === label) correct++;
    if (label === 0) negatives++;
    if (predicted === 0) predictedNegative++;
    if (predicted === 0 && label === 0) truePositiveNegative++;
  }
  return {
    accuracy: ratio(correct, sentences.length),
    negativeRecall: ratio(truePositiveNegative, negatives),
    negativePrecision: ratio(truePositiveNegative, predictedNegative),
    zeroShare: ratio(zero, sentences.length),
    n: sentences.length,
  };
}

export interface ComplaintEvaluation {
  /** Share of complaints labelled "negative". */
  negativeRecall: number;
  /** Share of "negative" labels that were complaints (not praise or neutral probes). */
  negativePrecision: number;
  /** Share of "positive" labels that were praise; absent when nothing was labelled positive. */
  positivePrecision?: number;
  /** Share of probes given exactly their expected label (negative, positive or neutral). */
  accuracy: number;
  n: number;
}

/**
 * Labels on hand-written CX probes, per language: by default the main set (`COMPLAINT_PROBES`, in-sample: seen while
 * the lexicons were written); pass `TEST_COMPLAINT_PROBES` for the held-out figures or `DEV_COMPLAINT_PROBES`.
 */
export function evaluateComplaints(
  probeSets: Readonly<Record<ProbeLanguage, ComplaintProbeSet>> = COMPLAINT_PROBES,
): Record<ProbeLanguage, ComplaintEvaluation> {
  const result = {} as Record<ProbeLanguage, ComplaintEvaluation>;
  for (const [language, probes] of Object.entries(probeSets) as [ProbeLanguage, ComplaintProbeSet][]) {
    const labelled = (["negative", "positive", "neutral"] as const).flatMap((expected) =>
      probes[expected].map((text) => ({ expected, label: scoreSentiment(text, language).label })),
    );
    const count = (predicate: (probe: (typeof labelled)[number]) => boolean) => labelled.filter(predicate).length;
    const labelledPositive = count((p) => p.label === "positive");
    result[language] = {
      negativeRecall: ratio(
        count((p) => p.expected === "negative" && p.label === "negative"),
        probes.negative.length,
      ),
      negativePrecision: ratio(
        count((p) => p.expected === "negative" && p.label === "negative"),
        count((p) => p.label === "negative"),
      ),
      ...(labelledPositive > 0 && {
        positivePrecision: ratio(
          count((p) => p.expected === "positive" && p.label === "positive"),
          labelledPositive,
        ),
      }),
      accuracy: ratio(
        count((p) => p.expected === p.label),
        labelled.length,
      ),
      n: labelled.length,
    };
  }
  return result;
}

interface RecallAndFalsePositives {
  recall: number;
  falsePositiveRate: number;
}

/**
 * Escalation probes (`escalation-probes.ts`): recall is the share of positive probes whose category is detected; the
 * false positive rate is the share of negative probes (near misses) for which their category is detected anyway.
 */
export function evaluateEscalations(): RecallAndFalsePositives & {
  byLanguage: Record<string, RecallAndFalsePositives>;
  byCategory: Record<string, RecallAndFalsePositives>;
} {
  const tally = () => ({ hits: 0, positives: 0, falseAlarms: 0, negatives: 0 });
  const total = tally();
  const byLanguage: Record<string, ReturnType<typeof tally>> = {};
  const byCategory: Record<string, ReturnType<typeof tally>> = {};
  for (const [language, set] of Object.entries(ESCALATION_PROBES)) {
    for (const category of ESCALATION_CATEGORIES) {
      byLanguage[language] ??= tally();
      byCategory[category] ??= tally();
      const tallies = [total, byLanguage[language], byCategory[category]];
      const raises = (text: string) => escalationCategories(detectEscalations(text, language)).includes(category);
      for (const text of set[category].positive) {
        const hit = raises(text);
        for (const t of tallies) {
          t.positives++;
          if (hit) t.hits++;
        }
      }
      for (const text of set[category].negative) {
        const falseAlarm = raises(text);
        for (const t of tallies) {
          t.negatives++;
          if (falseAlarm) t.falseAlarms++;
        }
      }
    }
  }
  const summarize = (t: ReturnType<typeof tally>) => ({
    recall: ratio(t.hits, t.positives),
    falsePositiveRate: ratio(t.falseAlarms, t.negatives),
  });
  const map = (tallies: Record<string, ReturnType<typeof tally>>) =>
    Object.fromEntries(Object.entries(tallies).map(([key, t]) => [key, summarize(t)]));
  return { ...summarize(total), byLanguage: map(byLanguage), byCategory: map(byCategory) };
}
