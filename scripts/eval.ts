// `npm run eval`: the offline evaluation of Firebreak's NLP. Themes on the planted-theme corpus (held-out templates,
// and the tuning half for comparison) through the real pipeline (redact → detect language → clusterDocuments), next to
// a naive baseline; sentiment on UCI and the CX probes; redaction on the planted-PII corpus; escalation probes.
// A section that throws fails the run (exit code 1).
//
//   node scripts/eval.ts [--json] [--seed N] [--size N] [--only themes,sentiment,pii,escalation]

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { dan, deu, eng, spa } from "stopword";
import { detectLanguage } from "../functions/core/src/analysis/language.ts";
import { redact } from "../functions/core/src/analysis/redact.ts";
import { type SentimentResult, scoreSentiment, withThemePrior } from "../functions/core/src/analysis/sentiment.ts";
import { TEST_COMPLAINT_PROBES } from "../functions/core/src/eval/complaint-probes.ts";
import { adjustedRandIndex, type Label, pairF1, topRecovery } from "../functions/core/src/eval/metrics.ts";
import { evaluateRedaction, type PiiEvaluation } from "../functions/core/src/eval/pii-corpus.ts";
import {
  generatePlantedCorpus,
  PLANTED_LANGUAGES,
  PLANTED_THEMES,
  type PlantedItem,
  type PlantedLanguage,
  type PlantedSplit,
} from "../functions/core/src/eval/planted-themes.ts";
import {
  type ComplaintEvaluation,
  evaluateComplaints,
  evaluateEscalations,
  evaluateSentimentUci,
} from "../functions/core/src/eval/sentiment-eval.ts";
import {
  type Cluster,
  type Clustering,
  clusterDocuments,
  type ThemeDocument,
} from "../functions/core/src/themes/cluster.ts";

// ── command line ─────────────────────────────────────────────────────────────────────────────────────────────────

const SECTIONS = ["themes", "sentiment", "pii", "escalation"] as const;
type SectionName = (typeof SECTIONS)[number];

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    size: { type: "string", default: "4000" },
    only: { type: "string", default: SECTIONS.join(",") },
  },
});
const seed = Number(args.seed);
const size = Number(args.size);
const only = new Set(args.only.split(",").map((s) => s.trim()));
for (const name of only) {
  if (!SECTIONS.includes(name as SectionName))
    throw new Error(`--only: unknown section ${name} (${SECTIONS.join(", ")})`);
}
if (!Number.isInteger(seed) || !Number.isInteger(size) || size < 1) throw new Error("--seed and --size take integers");

// ── sections ─────────────────────────────────────────────────────────────────────────────────────────────────────

type Section<T> = { status: "ok"; seconds: number; result: T } | { status: "failed"; error: string };

function section<T>(run: () => T): Section<T> {
  const start = performance.now();
  try {
    const result = run();
    return { status: "ok", seconds: (performance.now() - start) / 1000, result };
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

// ── themes ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** What the evaluation reads of a clustering: clusterDocuments' result, or the first-word baseline's. */
type EvaluatedClustering = Pick<Clustering, "assignments"> & { clusters: ReadonlyArray<Pick<Cluster, "id" | "label">> };

const COUNTRY: Record<PlantedLanguage, string> = { en: "GB", da: "DK", de: "DE", es: "ES" };
const TOP = 10;

interface Scores {
  items: number;
  precision: number;
  recall: number;
  f1: number;
  ari: number;
  recovered: number;
  of: number;
}

interface TopTheme {
  theme: string;
  label: string;
  size: number;
  clusterLabel: string | null;
  precision: number;
  recall: number;
  recovered: boolean;
  /** The cluster label contains one of the theme's label terms (a rough automatic check; read the labels too). */
  labelFits: boolean;
}

interface ClusteringReport {
  clusters: number;
  seconds: number;
  /** Share of themed items that landed in some cluster, and of noise items. */
  themedAssigned: number;
  noiseAssigned: number;
  byLanguage: Record<PlantedLanguage, Scores>;
  themeByLanguage: Scores;
  acrossLanguages: Scores;
  topThemes: TopTheme[];
}

interface SplitReport {
  split: PlantedSplit;
  items: number;
  noise: number;
  prepareSeconds: number;
  /** Share of themed items whose detected language is the planted one. */
  languageAccuracy: number;
  /** Share of noise items detected as "und" (mostly one-word answers, below detection's 3-word minimum). */
  noiseUndetermined: number;
  clustering: ClusteringReport;
  baseline: ClusteringReport;
}

function prepare(corpus: readonly PlantedItem[]): ThemeDocument[] {
  return corpus.map((item) => {
    const text = redact(item.text, { country: COUNTRY[item.language] }).text;
    return { id: item.id, text, language: detectLanguage(text, PLANTED_LANGUAGES) };
  });
}

function scores(gold: readonly Label[], predicted: readonly Label[]): Scores {
  const pair = pairF1(gold, predicted);
  const top = topRecovery(gold, predicted, { top: TOP });
  return {
    items: gold.length,
    ...pair,
    ari: adjustedRandIndex(gold, predicted),
    recovered: top.recovered,
    of: top.of,
  };
}

function evaluateClustering(corpus: readonly PlantedItem[], clustering: EvaluatedClustering, seconds: number) {
  const predicted = corpus.map((item) => clustering.assignments.get(item.id) ?? null);
  const theme = corpus.map((item) => item.theme);
  const byLanguage = Object.fromEntries(
    PLANTED_LANGUAGES.map((language) => {
      const keep = corpus.flatMap((item, i) => (item.language === language ? [i] : []));
      return [
        language,
        scores(
          keep.map((i) => theme[i]!),
          keep.map((i) => predicted[i]!),
        ),
      ];
    }),
  ) as Record<PlantedLanguage, Scores>;
  const themeByLanguage = scores(
    corpus.map((item) => (item.theme === null ? null : `${item.theme}/${item.language}`)),
    predicted,
  );
  const labels = new Map(clustering.clusters.map((c) => [c.id, c.label]));
  const topThemes = topRecovery(theme, predicted, { top: TOP }).groups.map((group): TopTheme => {
    const spec = PLANTED_THEMES.find((t) => t.id === group.group)!;
    const clusterLabel = group.bestCluster === null ? null : (labels.get(group.bestCluster) ?? group.bestCluster);
    const lower = clusterLabel?.toLowerCase() ?? "";
    const terms = Object.values<readonly string[]>(spec.labelTerms).flat();
    return {
      theme: group.group,
      label: spec.label,
      size: group.size,
      clusterLabel,
      precision: group.precision,
      recall: group.recall,
      recovered: group.recovered,
      labelFits: clusterLabel !== null && terms.some((term) => lower.includes(term)),
    };
  });
  const themed = corpus.filter((item) => item.theme !== null);
  const assignedShare = (items: readonly PlantedItem[]) =>
    items.length === 0 ? 0 : items.filter((item) => clustering.assignments.has(item.id)).length / items.length;
  return {
    clusters: clustering.clusters.length,
    seconds,
    themedAssigned: assignedShare(themed),
    noiseAssigned: assignedShare(corpus.filter((item) => item.theme === null)),
    byLanguage,
    themeByLanguage,
    acrossLanguages: scores(theme, predicted),
    topThemes,
  } satisfies ClusteringReport;
}

const STOPWORDS = new Set([...eng, ...dan, ...deu, ...spa].map((w) => w.toLowerCase()));

/** The naive reference: every item goes to the cluster named by its first content word (none → unassigned). */
function firstWordClustering(docs: readonly ThemeDocument[]): EvaluatedClustering {
  const assignments = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const doc of docs) {
    const word = doc.text
      .toLowerCase()
      .match(/\p{L}+/gu)
      ?.find((w) => w.length >= 3 && !STOPWORDS.has(w));
    if (word === undefined) continue;
    assignments.set(doc.id, word);
    members.set(word, [...(members.get(word) ?? []), doc.id]);
  }
  const clusters = [...members].map(([word, memberIds]) => ({ id: word, label: word, memberIds }));
  return { clusters, assignments };
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

function themesSection(): SplitReport[] {
  const splits: PlantedSplit[] = ["heldout", "tuning"];
  return splits.map((split): SplitReport => {
    const corpus = generatePlantedCorpus({ seed, size, split });
    const [docs, prepareSeconds] = timed(() => prepare(corpus));
    const themed = corpus.flatMap((item, i) => (item.theme === null ? [] : [i]));
    const noise = corpus.flatMap((item, i) => (item.theme === null ? [i] : []));
    const correct = themed.filter((i) => docs[i]!.language === corpus[i]!.language).length;
    const undetermined = noise.filter((i) => docs[i]!.language === "und").length;
    const [baseline, baselineSeconds] = timed(() => firstWordClustering(docs));
    const [clustering, seconds] = timed(() => clusterDocuments(docs));
    return {
      split,
      items: corpus.length,
      noise: noise.length,
      prepareSeconds,
      languageAccuracy: correct / Math.max(themed.length, 1),
      noiseUndetermined: undetermined / Math.max(noise.length, 1),
      clustering: evaluateClustering(corpus, clustering, seconds),
      baseline: evaluateClustering(corpus, baseline, baselineSeconds),
    };
  });
}

// ── sentiment, PII, escalation (other engineers' modules) ───────────────────────────────────────────────────────

interface UciSentence {
  text: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}
const UCI_SOURCES = ["amazon", "imdb", "yelp"] as const;

/** The UCI "Sentiment Labelled Sentences" set (3 × 1,000 English review sentences) as the sentiment package ships it:
 * a JSON array of `{ text, class }` per source. */
function readUciSentences(source: (typeof UCI_SOURCES)[number]): UciSentence[] {
  const url = new URL(`../node_modules/sentiment/test/fixtures/${source}.json`, import.meta.url);
  const rows = JSON.parse(readFileSync(url, "utf8")) as Array<{ text: string; class: 0 | 1 }>;
  return rows.map((row) => ({ text: row.text, label: row.class }));
}

function sentimentSection() {
  const bySource = UCI_SOURCES.map((source) => [source, readUciSentences(source)] as const);
  const uci: Record<string, ReturnType<typeof evaluateSentimentUci>> = {
    all: evaluateSentimentUci(bySource.flatMap(([, sentences]) => sentences)),
  };
  for (const [source, sentences] of bySource) uci[source] = evaluateSentimentUci(sentences);
  return {
    uci,
    complaints: evaluateComplaints(),
    heldOutComplaints: evaluateComplaints(TEST_COMPLAINT_PROBES),
    planted: plantedSentiment(),
  };
}

interface PlantedSentiment {
  complaints: number;
  /** Shares of the planted complaints labelled negative / neutral / positive, from the text alone (no rating). */
  negative: number;
  neutral: number;
  positive: number;
  /** Share of theme-free items (praise, thanks, questions, short answers) labelled negative: false alarms. */
  noiseNegative: number;
  /** The same two shares once each item's theme informs it (`withThemePrior`, themes clustered from the corpus). */
  negativeWithThemes: number;
  noiseNegativeWithThemes: number;
}

/**
 * Sentiment on the held-out planted corpus, which the lexicon authors never saw: complaints should read negative
 * from their words alone, and theme-free items should not.
 */
function plantedSentiment(): Record<PlantedLanguage, PlantedSentiment> {
  const corpus = generatePlantedCorpus({ seed, size, split: "heldout" });
  const docs = prepare(corpus);
  const results = docs.map((doc) => scoreSentiment(doc.text, doc.language));
  const labels = results.map((r) => r.label);
  // As the re-clustering does: a theme's negative share over its opinionated items, then the prior per item.
  const { assignments } = clusterDocuments(docs);
  const opinions = new Map<string, { negative: number; opinionated: number }>();
  docs.forEach((doc, i) => {
    const theme = assignments.get(doc.id);
    if (!theme || labels[i] === "neutral") return;
    const entry = opinions.get(theme) ?? { negative: 0, opinionated: 0 };
    entry.opinionated++;
    if (labels[i] === "negative") entry.negative++;
    opinions.set(theme, entry);
  });
  const withThemes = docs.map((doc, i) => {
    const opinion = opinions.get(assignments.get(doc.id) ?? "");
    return withThemePrior(results[i] as SentimentResult, opinion && opinion.negative / opinion.opinionated).label;
  });
  const share = (indices: readonly number[], label: string, from: readonly string[] = labels) =>
    indices.filter((i) => from[i] === label).length / Math.max(indices.length, 1);
  return Object.fromEntries(
    PLANTED_LANGUAGES.map((language) => {
      const complaints = corpus.flatMap((item, i) => (item.language === language && item.theme !== null ? [i] : []));
      const noise = corpus.flatMap((item, i) => (item.language === language && item.theme === null ? [i] : []));
      const result: PlantedSentiment = {
        complaints: complaints.length,
        negative: share(complaints, "negative"),
        neutral: share(complaints, "neutral"),
        positive: share(complaints, "positive"),
        noiseNegative: share(noise, "negative"),
        negativeWithThemes: share(complaints, "negative", withThemes),
        noiseNegativeWithThemes: share(noise, "negative", withThemes),
      };
      return [language, result];
    }),
  ) as Record<PlantedLanguage, PlantedSentiment>;
}

// ── report ───────────────────────────────────────────────────────────────────────────────────────────────────────

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const pad = (text: string, width: number) => (text.length >= width ? text : text + " ".repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : " ".repeat(width - text.length) + text);

function scoreRows(report: ClusteringReport): string[] {
  const row = (name: string, s: Scores) =>
    `    ${pad(name, 20)}${padLeft(String(s.items), 6)}  ${fixed(s.precision)}   ${fixed(s.recall)}   ${fixed(s.f1)}   ${padLeft(fixed(s.ari), 6)}   ${s.recovered}/${s.of}`;
  return [
    `    ${pad("gold", 20)} items  pair P  pair R  pair F1     ARI   top-${TOP}`,
    ...PLANTED_LANGUAGES.map((language) => row(`${language} (theme)`, report.byLanguage[language])),
    row("theme × language", report.themeByLanguage),
    row("theme, across langs", report.acrossLanguages),
  ];
}

function clusteringLines(name: string, report: ClusteringReport, withTopThemes: boolean): string[] {
  const lines = [
    `  ${name}: ${report.clusters} clusters, ${percent(report.themedAssigned)} of themed items and ${percent(report.noiseAssigned)} of noise assigned, ${fixed(report.seconds, 2)} s`,
    ...scoreRows(report),
  ];
  if (withTopThemes) {
    lines.push(`    top-${TOP} planted themes (across languages) and the label of the cluster holding most of each:`);
    for (const t of report.topThemes) {
      const verdict = t.recovered ? "recovered" : "missed   ";
      const fits = t.clusterLabel === null ? "" : t.labelFits ? "  label fits" : "  label off";
      lines.push(
        `      ${pad(t.label, 40)}${padLeft(String(t.size), 5)}  P ${fixed(t.precision, 2)} R ${fixed(t.recall, 2)}  ${verdict}  "${t.clusterLabel ?? "—"}"${fits}`,
      );
    }
  }
  return lines;
}

function themeLines(reports: readonly SplitReport[]): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    const heldout = report.split === "heldout";
    lines.push(
      "",
      `${heldout ? "held-out templates (the score)" : "tuning templates (for comparison; tune here)"}: ${report.items} items, ${report.noise} noise; redact + detect ${fixed(report.prepareSeconds, 2)} s, language right for ${percent(report.languageAccuracy)} of themed items ("und" for ${percent(report.noiseUndetermined)} of noise)`,
    );
    const ratio = report.clustering.themeByLanguage.f1 / Math.max(report.baseline.themeByLanguage.f1, 1e-9);
    lines.push(
      ...clusteringLines("clusterDocuments", report.clustering, heldout),
      ...clusteringLines("baseline, first content word", report.baseline, false),
      `  theme × language pair F1: ${fixed(ratio, 1)}× the baseline`,
    );
  }
  return lines;
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `    ${cells.map((cell, c) => (c === 0 ? pad(cell, widths[c]!) : padLeft(cell, widths[c]!))).join("  ")}`;
  return [line(head), ...rows.map(line)];
}

function sentimentLines(result: ReturnType<typeof sentimentSection>) {
  const complaintRows = (results: Record<string, ComplaintEvaluation>) =>
    Object.entries(results).map(([language, r]) => [
      language,
      String(r.n),
      fixed(r.accuracy),
      fixed(r.negativePrecision),
      fixed(r.negativeRecall),
      r.positivePrecision === undefined ? "–" : fixed(r.positivePrecision),
    ]);
  return [
    "  UCI labelled sentences (English reviews; a score ≥ 0 counts as positive, as in the package's validate.js):",
    ...table(
      ["source", "n", "accuracy", "neg P", "neg R", "score 0"],
      Object.entries(result.uci).map(([source, r]) => [
        source,
        String(r.n),
        fixed(r.accuracy),
        fixed(r.negativePrecision),
        fixed(r.negativeRecall),
        percent(r.zeroShare),
      ]),
    ),
    "  CX probes (hand-written complaints, praise and neutral requests; three labels), the set the lexicons were written with:",
    ...table(["language", "n", "accuracy", "neg P", "neg R", "pos P"], complaintRows(result.complaints)),
    "  CX probes, held-out test set (written before the last lexicon changes, measured, never fitted):",
    ...table(["language", "n", "accuracy", "neg P", "neg R", "pos P"], complaintRows(result.heldOutComplaints)),
    "  planted corpus, held-out half (complaints the lexicon authors never saw; no rating), text alone → with the theme prior:",
    ...table(
      [
        "language",
        "complaints",
        "negative",
        "neutral",
        "positive",
        "noise negative",
        "negative + theme",
        "noise + theme",
      ],
      Object.entries(result.planted).map(([language, r]) => [
        language,
        String(r.complaints),
        percent(r.negative),
        percent(r.neutral),
        percent(r.positive),
        percent(r.noiseNegative),
        percent(r.negativeWithThemes),
        percent(r.noiseNegativeWithThemes),
      ]),
    ),
  ];
}

function escalationLines(result: ReturnType<typeof evaluateEscalations>) {
  const rows = (entries: typeof result.byLanguage) =>
    Object.entries(entries).map(([key, r]) => [key, fixed(r.recall), fixed(r.falsePositiveRate)]);
  return [
    `  all probes: recall ${fixed(result.recall)}, false positive rate ${fixed(result.falsePositiveRate)} (on near misses)`,
    ...table(["language", "recall", "false pos."], rows(result.byLanguage)),
    ...table(["category", "recall", "false pos."], rows(result.byCategory)),
  ];
}

function piiLines(result: PiiEvaluation) {
  const examples = (title: string, list: readonly string[]) =>
    list.length === 0 ? [] : [`  ${title}:`, ...list.slice(0, 5).map((e) => `    ${e}`)];
  return [
    `  planted values: ${result.planted}, leaked: ${result.leaks} (${percent(result.leaks / Math.max(result.planted, 1))})`,
    `  look-alikes that must survive: ${result.probes}, redacted anyway: ${result.falsePositives} (${percent(result.falsePositives / Math.max(result.probes, 1))})`,
    ...table(
      ["kind", "planted", "leaked"],
      Object.entries(result.byKind).map(([kind, k]) => [kind, String(k.planted), String(k.leaks)]),
    ),
    ...examples("leaks", result.leakExamples),
    ...examples("false positives", result.falsePositiveExamples),
  ];
}

function sectionLines<T>(title: string, result: Section<T>, body: (value: T) => string[]): string[] {
  const head = `\n${title}`;
  if (result.status === "failed") return [head, `  FAILED: ${result.error}`];
  return [`${head} (${fixed(result.seconds, 2)} s)`, ...body(result.result)];
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const started = performance.now();
const themes = only.has("themes") ? section(themesSection) : undefined;
const sentiment = only.has("sentiment") ? section(sentimentSection) : undefined;
const pii = only.has("pii") ? section(evaluateRedaction) : undefined;
const escalation = only.has("escalation") ? section(evaluateEscalations) : undefined;
const results = { themes, sentiment, pii, escalation };
const totalSeconds = (performance.now() - started) / 1000;

if (args.json) {
  console.log(JSON.stringify({ seed, size, seconds: totalSeconds, ...results }, null, 2));
} else {
  const lines = [`Firebreak evaluation: seed ${seed}, ${size} items per planted corpus`];
  if (themes) {
    lines.push(
      ...sectionLines(
        "THEMES (planted corpus, 15 themes × en/da/de/es, Zipf, 15% noise; redact → detect → cluster)",
        themes,
        themeLines,
      ),
    );
  }
  if (sentiment) lines.push(...sectionLines("SENTIMENT", sentiment, sentimentLines));
  if (pii) lines.push(...sectionLines("PII REDACTION (planted-PII corpus)", pii, piiLines));
  if (escalation) lines.push(...sectionLines("ESCALATION (per-language probes)", escalation, escalationLines));
  lines.push("", `done in ${fixed(totalSeconds, 1)} s`);
  console.log(lines.join("\n"));
}
if (Object.values(results).some((r) => r?.status === "failed")) process.exitCode = 1;
