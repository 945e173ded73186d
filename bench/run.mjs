// `npm run bench`: runs every bench/*.bench.ts in its own Node process (so one cannot warm or slow another),
// prints one table, and writes bench/results.json with the machine it ran on.
import "../scripts/require-node24.mjs";
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/lib.mjs";

const only = process.argv[2];
const files = readdirSync(join(ROOT, "bench"))
  .filter((f) => /\.bench\.m?[jt]s$/.test(f) && (!only || f.includes(only)))
  .sort();
const rows = [];
for (const file of files) {
  process.stdout.write(`running ${file}…\n`);
  // Progress on stderr shows as it happens; the result rows come back on stdout.
  const out = execFileSync(process.execPath, [join(ROOT, "bench", file)], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of out.split("\n"))
    if (line.startsWith("{")) rows.push({ bench: file.replace(/\.bench\.m?[jt]s$/, ""), ...JSON.parse(line) });
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
writeFileSync(
  join(ROOT, "bench", "results.json"),
  `${JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2)}\n`,
);
