// Analysis pipeline throughput on one core: the whole per-item pipeline (redact → language → sentiment →
// escalation → placement → friction) over the demo corpus, against a baseline of redaction alone in the same run.

import { generateDemoWorkspace } from "../db/src/seed/demo.ts";
import { redact } from "../functions/core/src/analysis/redact.ts";
import { analyzeItem, createAnalysisContext } from "../functions/core/src/index.ts";

const demo = generateDemoWorkspace({ now: Date.parse("2026-11-20T00:00:00Z") });
const context = createAnalysisContext({
  languages: demo.workspace.languages,
  country: demo.workspace.country,
  touchpoints: demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)),
});
const items = demo.items.map((i) => i.feedback);

function measure(fn: () => void, rounds = 3): number {
  fn(); // warm-up: JIT and eld's tables
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(items.length / (best / 1000));
}

const baseline = measure(() => {
  for (const item of items) redact(item.text);
});
const pipeline = measure(() => {
  for (const item of items) analyzeItem(item, context);
});
const row = (name: string, value: number, extra: object = {}) =>
  console.log(JSON.stringify({ name, value, unit: "items/s/core", ...extra }));
row("redaction only (baseline)", baseline);
row("analysis pipeline", pipeline, {
  baseline,
  ratio: Math.round((pipeline / baseline) * 100) / 100,
  target: "≥ 10000",
});
