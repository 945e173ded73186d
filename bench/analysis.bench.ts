// Analysis throughput on one core, over the demo corpus:
// - the whole per-item ingest pipeline (redact → language → sentiment → escalation → placement with rules and
//   learned profiles → theme assignment against the demo's re-clustered themes → friction), against a baseline of
//   redaction alone in the same run;
// - the scheduled re-clustering of a workspace's 90-day window (rebuildThemes), items per second.

import { generateDemoWorkspace } from "../db/src/seed/demo.ts";
import { redact } from "../functions/core/src/analysis/redact.ts";
import { analyzeItem, createAnalysisContext, rebuildThemes, type WindowItem } from "../functions/core/src/index.ts";

const now = Date.parse("2026-11-20T00:00:00Z");
const demo = generateDemoWorkspace({ now });
const touchpoints = demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints));
const bare = createAnalysisContext({
  languages: demo.workspace.languages,
  country: demo.workspace.country,
  touchpoints,
});
const items = demo.items.map((i) => i.feedback);

// The demo's last 90 days, analysed, as the re-clustering reads them.
const window: WindowItem[] = items
  .filter((f) => f.occurredAt > now - 90 * 86_400_000)
  .map((feedback, i) => {
    const analyzed = analyzeItem(feedback, bare);
    return {
      id: `i${i}`,
      text: analyzed.title ? `${analyzed.title}. ${analyzed.text}` : analyzed.text,
      language: analyzed.language,
      themeId: null,
      customerId: feedback.customerId ?? null,
      occurredAt: feedback.occurredAt,
      touchpointId: analyzed.placement.touchpointId,
      touchpointMethod: analyzed.placement.method,
    };
  });
let themeNumber = 0;
const rebuild = () => rebuildThemes({ items: window, themes: [], newThemeId: () => `thm_${++themeNumber}` });
const rebuilt = rebuild();
const context = createAnalysisContext({
  languages: demo.workspace.languages,
  country: demo.workspace.country,
  touchpoints,
  rules: [
    { id: "r1", touchpointId: touchpoints[0]?.id ?? "", priority: 1, kind: "tag", language: null, match: ["vip"] },
    {
      id: "r2",
      touchpointId: touchpoints[1]?.id ?? "",
      priority: 2,
      kind: "keyword",
      language: "en",
      match: ["gift card"],
    },
  ],
  profiles: rebuilt.profiles,
  themeModel: rebuilt.model,
});

function measure(count: number, fn: () => void, rounds = 3): number {
  fn(); // warm-up: JIT, eld's tables, stem caches
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(count / (best / 1000));
}

const baseline = measure(items.length, () => {
  for (const item of items) redact(item.text);
});
const pipeline = measure(items.length, () => {
  for (const item of items) analyzeItem(item, context);
});
const recluster = measure(window.length, rebuild, 2);
const row = (name: string, value: number, extra: object = {}) =>
  console.log(JSON.stringify({ name, value, unit: "items/s/core", ...extra }));
row("redaction only (baseline)", baseline);
row(`analysis pipeline (${rebuilt.themes.length} themes, ${rebuilt.profiles.length} profiles)`, pipeline, {
  baseline,
  ratio: Math.round((pipeline / baseline) * 100) / 100,
  target: "≥ 10000",
  pass: pipeline >= 10_000,
});
row(`re-clustering a 90-day window (${window.length} items)`, recluster);
