// Export build times in Node, for a journey map of 10 stages × 8 touchpoints (80): the SVG, the map's PDF (A4,
// paged) and the review pack around the same map. Each is built WARMUP times first, then timed RUNS times.
import "../scripts/require-node24.mjs";
import { makeMapInput, makeReviewPack } from "../functions/core/src/exports/fixtures.ts";
import { mapPdf } from "../functions/core/src/exports/map-pdf.ts";
import { mapSvg } from "../functions/core/src/exports/map-svg.ts";
import { reviewPackPdf } from "../functions/core/src/exports/review-pack.ts";

const WARMUP = 5;
const RUNS = 40;
const input = makeMapInput(10, 8);
const options = { paper: "a4", generatedOn: "2026-11-24" };
const row = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function time(name, build) {
  let size = 0;
  for (let i = 0; i < WARMUP; i++) await build();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const out = await build();
    times.push(performance.now() - start);
    size = out.length;
  }
  times.sort((a, b) => a - b);
  const round = (n) => Math.round(n * 10) / 10;
  process.stderr.write(`${name}: p50 ${round(quantile(times, 0.5))} ms, ${size} bytes\n`);
  row(name, round(quantile(times, 0.5)), "ms", {
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    p99: round(quantile(times, 0.99)),
  });
  row(`${name} size`, Math.round(size / 102.4) / 10, "KiB");
}

await time("map SVG, 80 touchpoints", () => mapSvg(input));
await time("map PDF A4, 80 touchpoints", () => mapPdf(input, options));
await time("review pack PDF, 80-touchpoint map", () => reviewPackPdf(makeReviewPack({ maps: [input] }), options));
