// Backfill on loopback: `npm run import` streams a generated Zendesk CSV export (BENCH_IMPORT_ROWS rows, 100,000 by
// default; 1,000,000 for the figure) into the running ingest Worker, where every row is mapped, redacted,
// analysed and written like a webhook item. Baseline, same run: parsing the same file with papaparse alone, the
// ceiling the CLI could reach if the server cost nothing. Serves the ingest Worker's deploy bundle in workerd
// (bench/workerd.mjs) on its own port and state.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT } from "../scripts/lib.mjs";
import { sqliteFigures, startNativeProfile, startProfile, workerdCpuMeter } from "./cpu-profile.mjs";
import { startWorker } from "./workerd.mjs";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
/** A file to write the importing Worker's CPU profile to (see cpu-profile.mjs). */
const PROFILE = process.env.BENCH_CPU_PROFILE;
/** A file to write Linux perf's samples of workerd to, for the share of SQLite in its thread (see cpu-profile.mjs). */
const PERF = process.env.BENCH_PERF;
const INSPECTOR_PORT = 18899;
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-import-state") });
const file = join(tmpdir(), `firebreak-bench-zendesk-${ROWS}.csv`);

const TEXTS = [
  "My parcel arrived three days late and nobody answered my emails",
  "Refund still not received after two weeks, please call me on +45 20 12 34 56",
  "Great service, thanks for the quick reply",
  "The app crashes when I try to pay with my card",
  "Pakken kom aldrig frem, og ingen svarer i telefonen",
  "Die Rechnung wurde doppelt belastet",
  "Changed my delivery address but the driver went to the old one",
  "Checkout keeps failing with an error at the payment step",
];
const SCORES = ["Good", "Bad", "Offered", "Unoffered", "Good, I'm satisfied"];

await writeExport(ROWS);
const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
const { mf, url } = await startWorker({
  state: config.state,
  port: 18889,
  inspectorPort: PROFILE ? INSPECTOR_PORT : undefined,
});

try {
  const parseSeconds = await parseOnly();
  const profiler = PROFILE ? await startProfile(INSPECTOR_PORT) : undefined;
  const nativeProfiler = PERF ? await startNativeProfile(PERF) : undefined;
  const cpu = workerdCpuMeter();
  const started = performance.now();
  const output = await runImport();
  const seconds = (performance.now() - started) / 1000;
  const { seconds: cpuSeconds, busiestThreadSeconds } = cpu.read();
  await profiler?.stop(PROFILE);
  const native = await nativeProfiler?.stop();
  const inserted = Number(/(\d[\d,]*) new/.exec(output.split("\r").at(-1) ?? "")?.[1]?.replaceAll(",", "") ?? 0);
  if (inserted !== ROWS) throw new Error(`expected ${ROWS} new items, the import reported ${inserted}:\n${output}`);

  const rate = ROWS / seconds;
  const row = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));
  row("CSV parse alone (baseline)", Math.round(ROWS / parseSeconds), "rows/s");
  row(`import ${ROWS.toLocaleString("en")} Zendesk rows`, Math.round(rate), "rows/s", {
    baseline: Math.round(ROWS / parseSeconds),
    ratio: Math.round((rate / (ROWS / parseSeconds)) * 1000) / 1000,
    seconds: Math.round(seconds * 10) / 10,
    // workerd's CPU (Worker and local D1) per row: steadier than the rate when the machine is shared.
    workerdCpuMsPerRow: Math.round(((cpuSeconds * 1000) / ROWS) * 1000) / 1000,
    // The share of the import's wall time that workerd's busiest thread (Worker and D1) was on a core.
    workerdThreadBusy: Math.round((busiestThreadSeconds / seconds) * 100) / 100,
    ...sqliteFigures(native, (cpuSeconds * 1000) / ROWS, "Row"),
    target: "1M rows ≤ 120 s",
  });
  row("1,000,000 rows at that rate", Math.round(1_000_000 / rate), "s", {
    target: "≤ 120",
    pass: 1_000_000 / rate <= 120,
  });
} finally {
  await mf.dispose();
  rmSync(file, { force: true });
}

/** A Zendesk "all tickets" CSV export: unique ids, ~40,000 requesters, a phone number or email in some texts. */
function writeExport(count) {
  const out = createWriteStream(file);
  out.write(
    "Id,Subject,Description,Satisfaction Score,Created at,Updated at,Requester id,Requester email,Via,Tags,Status\n",
  );
  const base = Date.parse("2026-05-01T00:00:00Z");
  let i = 0;
  return new Promise((resolve, reject) => {
    out.on("error", reject);
    const write = () => {
      let ok = true;
      while (i < count && ok) {
        const at = new Date(base + i * 13_000).toISOString();
        const text = `${TEXTS[i % TEXTS.length]} (ticket ${i})`;
        ok = out.write(
          `${i + 1},"Ticket ${i + 1}","${text}","${SCORES[i % SCORES.length]}",${at},${at},${100_000 + (i % 40_000)},customer${i % 40_000}@example.com,email,delivery refund,solved\n`,
        );
        i++;
      }
      if (i < count) out.once("drain", write);
      else out.end(resolve);
    };
    write();
  });
}

function parseOnly() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      step: () => {},
      complete: () => resolve((performance.now() - started) / 1000),
      error: reject,
    });
  });
}

function runImport() {
  return new Promise((resolve, reject) => {
    const args = ["scripts/import.mjs", file, "--source", "src_demo_zendesk", "--url", url];
    const child = spawn(process.execPath, [...args, "--token", credentials.apiToken], { cwd: ROOT });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`import failed (${code}):\n${output}`)),
    );
  });
}
