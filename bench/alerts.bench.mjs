// Alert evaluation at scale: every rule of the demo workspace evaluated as the cron does (`scope: "full"`: volume and
// repeat tests per touchpoint and issue, friction of every current journey over 30 days, new issues, recent items),
// and as the queue hook does after a batch (`scope: "items"`), through the real D1 (miniflare, via wrangler's
// platform proxy). Baseline: the demo workspace alone (20k items); scale: the same workspace with the map bench's
// "Scale test" journey of a million items (bench/map-data.mjs, cached in .wrangler/bench-map-state). The first
// evaluation of each writes the alerts it opens; the timed ones after it find them open, as a cron tick usually does.
// Progress goes to stderr; result rows are the JSON lines on stdout that bench/run.mjs collects.
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT } from "../scripts/lib.mjs";
import { prepareScaleState } from "./map-data.mjs";

const RUNS = Number(process.env.BENCH_ALERTS_RUNS ?? 7);
const ITEMS = Number(process.env.BENCH_MAP_ITEMS ?? 1_000_000);
const WORKSPACE_ID = "ws_demo";
/** What the cron can spend on one workspace without holding up the other nine of its tick. */
const FULL_TARGET_MS = 2_000;
const log = (line) => process.stderr.write(`${line}\n`);

const demo = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-alerts-demo") });
const scale = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-map-state") });

await prepareDatabase(demo, { log });
await prepareScaleState(scale, { touchpoints: 80, items: ITEMS, log });
const baseline = await timeEvaluations(demo, "demo (20k items)");
const atScale = await timeEvaluations(scale, `demo + ${ITEMS.toLocaleString("en")} items`);

for (const scope of ["full", "items"]) {
  const base = stats(baseline[scope]);
  const big = stats(atScale[scope]);
  emit({
    name: `evaluate ${scope} (${ITEMS.toLocaleString("en")} items)`,
    value: big.p50,
    unit: "ms",
    baseline: base.p50,
    ratio: Math.round((big.p50 / base.p50) * 100) / 100,
    p50: big.p50,
    p95: big.p95,
    ...(scope === "full" ? { target: `≤ ${FULL_TARGET_MS} ms`, pass: big.p95 <= FULL_TARGET_MS } : {}),
  });
}
emit({ name: "alerts open after evaluation (scale)", value: atScale.open, unit: "alerts" });

async function timeEvaluations(config, label) {
  const { createDb } = await import("../db/src/client.ts");
  const { evaluate } = await import("../db/src/pipelines/alerts.ts");
  const { ensureDefaults } = await import("../db/src/queries/alert-rules.ts");
  const { openCounts } = await import("../db/src/queries/alerts.ts");
  const proxy = await getPlatformProxy({
    configPath: join(ROOT, "wrangler.toml"),
    persist: { path: join(config.state, "v3") },
  });
  try {
    const db = createDb(proxy.env.DB);
    const now = Date.now();
    await ensureDefaults(db, WORKSPACE_ID, now);
    const options = (scope) => ({ now, scope, appUrl: "http://127.0.0.1:8788" });
    const first = performance.now();
    const opened = await evaluate(db, WORKSPACE_ID, options("full"));
    log(
      `  ${label}: first full evaluation ${Math.round(performance.now() - first)} ms, ${opened.notified.length} notified`,
    );
    const samples = { full: [], items: [] };
    for (let i = 0; i < RUNS; i++)
      for (const scope of ["full", "items"]) {
        const started = performance.now();
        await evaluate(db, WORKSPACE_ID, options(scope));
        samples[scope].push(performance.now() - started);
      }
    const counts = await openCounts(db, WORKSPACE_ID);
    log(`  ${label}: full ${stats(samples.full).p50} ms, items ${stats(samples.items).p50} ms median`);
    return { ...samples, open: counts.total };
  } finally {
    await proxy.dispose();
  }
}

function emit(row) {
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

/** Median and 95th percentile (nearest rank), rounded to whole ms. */
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]);
  return { p50: at(0.5), p95: at(0.95) };
}
