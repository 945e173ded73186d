// The journey map query (the map page's one D1 batch: 90 days, friction with its hotspots and spikes, repeat chains,
// the top recurring issues) at 10k, 100k and 1M items on a 10 × 80 journey, inside workerd against the local D1:
// a bench Worker (bench/map-query/) runs getJourneyMap per request, timed from Node (so a loopback round trip of
// ~1 ms is included). Each size is its own prepared database (bench/map-data.mjs; the 1M one is the map bench's).
import { join } from "node:path";
import { ROOT } from "../scripts/lib.mjs";
import { prepareScaleState, SCALE_JOURNEY_ID } from "./map-data.mjs";
import { bundleWorker, startWorker } from "./workerd.mjs";

const RUNS = Number(process.env.BENCH_MAP_QUERY_RUNS ?? 40);
const SIZES = [10_000, 100_000, 1_000_000];
const log = (line) => process.stderr.write(`${line}\n`);
const configPath = join(ROOT, "bench", "map-query", "wrangler.toml");
const bundle = bundleWorker("map-query", configPath);

// All three sizes are served at once and timed in turns, so a slow spell of this shared machine falls on each size
// alike rather than on whichever was being measured, and the ratio compares like with like.
const servers = [];
try {
  for (const [i, items] of SIZES.entries()) {
    const state = join(ROOT, ".wrangler", items === 1_000_000 ? "bench-map-state" : `bench-map-state-${items}`);
    await prepareScaleState({ state, credentialsFile: join(state, "firebreak-demo.json") }, { items, log });
    const { mf, url } = await startWorker({ state, port: 18885 + i, configPath, bundle });
    servers.push({ items, mf, query: `${url}/?journey=${SCALE_JOURNEY_ID}`, samples: [], answer: null });
  }
  // The first turn warms each page cache and isolate; the rest are the figure.
  for (let i = 0; i <= RUNS; i++) {
    for (const server of servers) {
      const started = performance.now();
      const res = await fetch(server.query);
      server.answer = await res.json();
      if (!res.ok) throw new Error(`map query failed: ${JSON.stringify(server.answer)}`);
      if (i > 0) server.samples.push(performance.now() - started);
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.mf.dispose()));
}

const results = servers.map(({ items, samples, answer }) => {
  samples.sort((a, b) => a - b);
  const at = (p) => Math.round(samples[Math.min(samples.length - 1, Math.ceil(samples.length * p) - 1)] * 10) / 10;
  log(`  ${items.toLocaleString("en")} items: ${at(0.5)} ms median (${JSON.stringify(answer)})`);
  return { items, p50: at(0.5), p95: at(0.95), answer };
});

const [smallest] = results;
for (const r of results) {
  const ratio = Math.round((r.p50 / smallest.p50) * 100) / 100;
  const last = r === results.at(-1);
  console.log(
    JSON.stringify({
      name: `journey map query, 10 × 80 touchpoints, 90 days, ${r.items.toLocaleString("en")} items (${r.answer.items.toLocaleString("en")} in range)`,
      value: r.p50,
      unit: "ms",
      ...(r !== smallest && { baseline: smallest.p50, ratio }),
      p50: r.p50,
      p95: r.p95,
      ...(last && { target: "≤ 50 ms, t(1M)/t(10k) ≤ 2", pass: r.p50 <= 50 && ratio <= 2 }),
    }),
  );
}
