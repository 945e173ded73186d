// `npm run bench`: runs every bench/*.bench.ts in its own Node process (so one cannot warm or slow another),
// prints one table, and writes bench/results.json with the machine it ran on.
import "../scripts/require-node24.mjs";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/lib.mjs";

const only = process.argv[2];
const files = readdirSync(join(ROOT, "bench"))
  .filter((f) => /\.bench\.m?[jt]s$/.test(f) && (!only || f.includes(only)))
  .sort();
const rows = [];
const failed = [];
for (const file of files) {
  process.stdout.write(`running ${file}…\n`);
  const bench = file.replace(/\.bench\.m?[jt]s$/, "");
  let out;
  try {
    // Progress on stderr shows as it happens; the result rows come back on stdout.
    out = execFileSync(process.execPath, [join(ROOT, "bench", file)], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch (error) {
    // One broken benchmark must not cost the others' figures; the run still fails at the end.
    failed.push(bench);
    out = error.stdout ?? "";
  }
  for (const line of out.split("\n")) if (line.startsWith("{")) rows.push({ bench, ...JSON.parse(line) });
}

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
console.log(`\nmachine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
console.table(
  rows.map(({ bench, name, value, unit, baseline, ratio, p50, p95, p99, target, pass }) => ({
    bench,
    name,
    value,
    unit,
    baseline: baseline ?? "",
    ratio: ratio ?? "",
    "p50 ms": p50 ?? "",
    "p95 ms": p95 ?? "",
    "p99 ms": p99 ?? "",
    target: target ?? "",
    pass: pass === undefined ? "" : pass ? "yes" : "NO",
  })),
);
// `npm run bench -- map` replaces only the map's rows: the file keeps the latest figure of every benchmark, each
// with the time it was measured.
const resultsFile = join(ROOT, "bench", "results.json");
const ran = new Set(files.map((f) => f.replace(/\.bench\.m?[jt]s$/, "")));
const at = new Date().toISOString();
const kept = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")).rows : [];
const merged = [...kept.filter((r) => !ran.has(r.bench)), ...rows.map((r) => ({ ...r, at }))];
merged.sort((a, b) => a.bench.localeCompare(b.bench));
writeFileSync(resultsFile, `${JSON.stringify({ at, machine, rows: merged }, null, 2)}\n`);
if (failed.length) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exitCode = 1;
}
