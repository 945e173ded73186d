// `npm run analyze -- [--themes] [--languages en,da,de,es] [--country DK] < items.jsonl > out.jsonl`
// Offline analysis of an export with the very pipeline the Workers run: redaction, language, sentiment, escalation
// cues, then recurring issues clustered over the whole file. Each input line is one JSON object; bad lines are
// reported on stderr with their line number and skipped. `--themes` prints the themes instead of the items.
import "./require-node24.mjs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAnalysisContext, type PreparedItem, prepareItem } from "../functions/core/src/analysis/analyze.ts";
import { escalationCategories } from "../functions/core/src/analysis/escalation.ts";
import { type NormalizedFeedback, ZScale } from "../functions/core/src/model.ts";
import { rebuildThemes } from "../functions/core/src/themes/rebuild.ts";

const { values: args } = parseArgs({
  options: {
    themes: { type: "boolean", default: false },
    languages: { type: "string", default: "en,da,de,es" },
    country: { type: "string", default: "DK" },
  },
});

// `npm run analyze | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const ZLine = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string().min(1),
  score: z.number().optional(),
  scale: ZScale.optional(),
  occurredAt: z.union([z.string(), z.number()]).optional(),
  customer: z.string().optional(),
  source: z.string().optional(),
  tags: z.array(z.string()).optional(),
  touchpoint: z.string().optional(),
});

const context = createAnalysisContext({
  languages: (args.languages ?? "").split(",").filter(Boolean),
  country: args.country,
  touchpoints: [],
});
// Customer identifiers are only hashed, never printed; the key lives for this run only.
const runKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");

const items: Array<{ id: string; line: z.infer<typeof ZLine>; prepared: PreparedItem }> = [];
let lineNumber = 0;
let rejected = 0;
for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  lineNumber++;
  if (!raw.trim()) continue;
  let parsed: z.infer<typeof ZLine>;
  try {
    parsed = ZLine.parse(JSON.parse(raw));
  } catch (error) {
    rejected++;
    const reason = error instanceof z.ZodError ? (error.issues[0]?.message ?? "invalid") : "not JSON";
    process.stderr.write(`line ${lineNumber}: skipped (${reason})\n`);
    continue;
  }
  const occurredAt = parsed.occurredAt === undefined ? Date.now() : new Date(parsed.occurredAt).getTime();
  const feedback: NormalizedFeedback = {
    externalId: String(parsed.id ?? lineNumber),
    kind: "survey",
    channel: "import",
    text: parsed.text,
    score: parsed.score,
    scale: parsed.scale ?? (parsed.score === undefined ? "none" : "custom"),
    customerId: parsed.customer,
    tags: parsed.tags ?? [],
    occurredAt: Number.isFinite(occurredAt) ? occurredAt : Date.now(),
  };
  const prepared = prepareItem(feedback, { ...context, sourceId: parsed.source }, runKey, "analyze-cli");
  items.push({ id: feedback.externalId, line: parsed, prepared });
}

const rebuilt = rebuildThemes({
  items: items.map(({ id, prepared: { analyzed, customerKeyHash } }) => ({
    id,
    text: analyzed.title ? `${analyzed.title}. ${analyzed.text}` : analyzed.text,
    language: analyzed.language,
    themeId: null,
    customerId: customerKeyHash ?? null,
    occurredAt: analyzed.feedback.occurredAt,
    touchpointId: null,
    touchpointMethod: "unassigned",
  })),
  themes: [],
  newThemeId: (() => {
    let n = 0;
    return () => `t${++n}`;
  })(),
});
const labels = new Map(rebuilt.themes.map((t) => [t.id, t]));

if (args.themes) {
  const sizes = new Map<string, number>();
  for (const themeId of rebuilt.itemThemes.values()) if (themeId) sizes.set(themeId, (sizes.get(themeId) ?? 0) + 1);
  const themes = rebuilt.themes
    .map((t) => ({ id: t.id, label: t.label, size: sizes.get(t.id) ?? 0, phrases: t.phrases, languages: t.languages }))
    .sort((a, b) => b.size - a.size);
  for (const theme of themes) process.stdout.write(`${JSON.stringify(theme)}\n`);
} else {
  for (const { id, line, prepared } of items) {
    const { analyzed } = prepared;
    const themeId = rebuilt.itemThemes.get(id) ?? null;
    const out = {
      id,
      language: analyzed.language,
      sentiment: analyzed.sentiment,
      redactedText: analyzed.text,
      pii: {
        email: analyzed.redactions.email ?? 0,
        phone: analyzed.redactions.phone ?? 0,
        card: analyzed.redactions.card ?? 0,
        iban: analyzed.redactions.iban ?? 0,
        cpr: analyzed.redactions.cpr ?? 0,
        nationalId: analyzed.redactions.national_id ?? 0,
      },
      themeId,
      themeLabel: themeId ? (labels.get(themeId)?.label ?? null) : null,
      ...(line.touchpoint ? { touchpointId: line.touchpoint } : {}),
      repeatOf: rebuilt.repeatOf.get(id) ?? null,
      escalation: { flags: escalationCategories(analyzed.escalations), rules: analyzed.escalations },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}
process.stderr.write(
  `analyzed ${items.length} items (${rejected} lines skipped) into ${rebuilt.themes.length} recurring issues\n`,
);
