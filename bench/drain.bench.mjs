// The queue consumer draining a backlog into the local D1, against the floor of that work: a raw batched insert of
// the very rows it stored, with node:sqlite, into a copy of the same database (same indexes and rollup triggers)
// taken before the drain. The backlog comes in through the signed webhook route with the consumer off; then the
// consumer's queue handler is given batches of 100 (wrangler.toml's max_batch_size), two at a time as Cloudflare
// would run two consumer invocations, so the figure is the consumer's, not the local queue broker's pacing.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import autocannon from "autocannon";
import { Webhook } from "standardwebhooks";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT } from "../scripts/lib.mjs";
import { sqliteFigures, startNativeProfile, startProfile, workerdCpuMeter } from "./cpu-profile.mjs";
import { signedDelivery } from "./signed-webhook.mjs";
import { bundleWorker, startWorker } from "./workerd.mjs";

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5000);
/** A file to write the drain's CPU profile to (the Worker's V8 profile; see cpu-profile.mjs). */
const PROFILE = process.env.BENCH_CPU_PROFILE;
/** A file to write Linux perf's samples of workerd to, for the share of SQLite in its thread (see cpu-profile.mjs). */
const PERF = process.env.BENCH_PERF;
const INSPECTOR_PORT = 18896;
const BATCH = 100;
const CONCURRENCY = 2;
const COMMENTS = [
  "Parcel arrived three days late and still no refund",
  "Great service, the driver was friendly and on time",
  "I was charged twice and nobody answers the chat",
  "Pakken kom for sent og ingen svarede på min mail",
  "Lieferung war schnell, aber die Rechnung war falsch",
  "Easy to book, but the tracking page never updated",
];
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-drain-state") });
const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
const bundle = bundleWorker();

// 1. The backlog: signed deliveries through the real route, stored and queued, nobody consuming.
const receiving = await startWorker({
  state: config.state,
  port: 18886,
  consume: false,
  bundle,
  vars: { WEBHOOK_RATE_LIMIT: "off" },
});
try {
  await sendBacklog(receiving.url);
} finally {
  await receiving.mf.dispose();
}
const snapshot = snapshotDatabase();

// 2. The drain.
const { mf } = await startWorker({
  state: config.state,
  port: 18886,
  bundle,
  vars: { WEBHOOK_RATE_LIMIT: "off" },
  inspectorPort: PROFILE ? INSPECTOR_PORT : undefined,
});
let drain;
let rows;
try {
  const d1 = await mf.getD1Database("DB");
  const { results: queued } = await d1
    .prepare("SELECT id FROM deliveries WHERE source_id = ? AND status = 'queued' ORDER BY received_at")
    .bind(credentials.webhook.sourceId)
    .all();
  if (queued.length !== BACKLOG) throw new Error(`expected ${BACKLOG} queued deliveries, found ${queued.length}`);
  const worker = await mf.getWorker();
  const batches = [];
  for (let i = 0; i < queued.length; i += BATCH) batches.push(queued.slice(i, i + BATCH));
  const batchMs = [];
  const profiler = PROFILE ? await startProfile(INSPECTOR_PORT) : undefined;
  const nativeProfiler = PERF ? await startNativeProfile(PERF) : undefined;
  const cpu = workerdCpuMeter();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const t = performance.now();
        const result = await worker.queue(
          "firebreak-deliveries",
          batch.map(({ id }, i) => ({
            id: `${id}-${i}`,
            timestamp: new Date(),
            attempts: 1,
            body: { deliveryId: id },
          })),
        );
        if (result.outcome !== "ok" || result.retryBatch?.retry || result.explicitRetries?.length)
          throw new Error(`a consumer batch asked for a retry: ${JSON.stringify(result)}`);
        batchMs.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { seconds: cpuSeconds, busiestThreadSeconds } = cpu.read();
  await profiler?.stop(PROFILE);
  const native = await nativeProfiler?.stop();
  const { n: processed } = await d1
    .prepare("SELECT count(*) AS n FROM deliveries WHERE source_id = ? AND status = 'processed'")
    .bind(credentials.webhook.sourceId)
    .first();
  ({ results: rows } = await d1
    .prepare("SELECT * FROM feedback_items WHERE source_id = ? AND external_id LIKE 'backlog-%'")
    .bind(credentials.webhook.sourceId)
    .all());
  if (processed !== BACKLOG || rows.length !== BACKLOG)
    throw new Error(`drained ${processed} deliveries into ${rows.length} items, expected ${BACKLOG}`);
  batchMs.sort((a, b) => a - b);
  drain = {
    rate: rows.length / seconds,
    seconds,
    p50: batchMs[batchMs.length >> 1],
    p95: batchMs[Math.floor(batchMs.length * 0.95)],
    cpuMsPerItem: (cpuSeconds * 1000) / rows.length,
    threadBusy: busiestThreadSeconds / seconds,
    native,
  };
} finally {
  await mf.dispose();
}

// 3. The floor: the same rows, 100 to a statement and a transaction, into the snapshot.
const baseline = rawInsert(snapshot, rows);
rmSync(snapshot.dir, { recursive: true, force: true });

const round = (v) => Math.round(v);
console.log(
  JSON.stringify({
    name: `raw batched insert of the same ${BACKLOG.toLocaleString("en")} rows, node:sqlite (baseline)`,
    value: round(baseline),
    unit: "items/s",
  }),
);
console.log(
  JSON.stringify({
    name: `consumer drain of ${BACKLOG.toLocaleString("en")} deliveries into local D1 (${CONCURRENCY} batches of ${BATCH} at a time)`,
    value: round(drain.rate),
    unit: "items/s",
    baseline: round(baseline),
    ratio: Math.round((drain.rate / baseline) * 100) / 100,
    p50: round(drain.p50),
    p95: round(drain.p95),
    seconds: Math.round(drain.seconds * 10) / 10,
    // workerd's CPU (Worker and local D1) per item: steadier than the rate when the machine is shared.
    workerdCpuMsPerItem: Math.round(drain.cpuMsPerItem * 100) / 100,
    // The share of the drain's wall time that workerd's busiest thread (the one running the Worker and D1) was on a
    // core: near 1, the drain is bound by that thread's work per item, not by waiting.
    workerdThreadBusy: Math.round(drain.threadBusy * 100) / 100,
    ...sqliteFigures(drain.native, drain.cpuMsPerItem, "Item"),
    target: "≥ 10000 items/s",
    pass: drain.rate >= 10_000,
  }),
);

/** Sends BACKLOG signed Standard Webhooks deliveries, 20 connections, each with its own id; all must be 202. */
async function sendBacklog(url) {
  const webhook = new Webhook(credentials.webhook.secret);
  const path = `/webhooks/standard-webhooks/${credentials.webhook.sourceId}`;
  let n = 0;
  const result = await autocannon({
    url,
    connections: 20,
    amount: BACKLOG,
    requests: [
      {
        setupRequest: (request) => {
          const i = n++;
          return signedDelivery(request, {
            webhook,
            path,
            id: `backlog-${i}`,
            occurredAt: new Date(Date.now() - (BACKLOG - i) * 1000),
            data: {
              score: i % 11,
              scale: "nps",
              comment: COMMENTS[i % COMMENTS.length],
              touchpoint: "delivery-tracking",
              customer: { id: `c${i % 700}` },
            },
          });
        },
      },
    ],
  });
  if (result.non2xx || result.errors) throw new Error(`the backlog was not all accepted: ${JSON.stringify(result)}`);
}

/** A copy of the D1 file (and its write-ahead log) while no Worker has it open. */
function snapshotDatabase() {
  const from = join(config.state, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(from).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  const dir = mkdtempSync(join(tmpdir(), "firebreak-drain-"));
  copyFileSync(join(from, file), join(dir, "db.sqlite"));
  if (existsSync(join(from, `${file}-wal`))) copyFileSync(join(from, `${file}-wal`), join(dir, "db.sqlite-wal"));
  return { dir, file: join(dir, "db.sqlite") };
}

/** Items/s for inserting `items` into the snapshot, 100 rows to a statement, one transaction per statement. */
function rawInsert(target, items) {
  const db = new DatabaseSync(target.file);
  // The rows name customers and themes the consumer created beside them, which the snapshot predates.
  db.exec("PRAGMA foreign_keys = OFF");
  const columns = Object.keys(items[0]);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const insert = db.prepare(
    `INSERT INTO feedback_items (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(BATCH).fill(tuple).join(", ")}`,
  );
  const started = performance.now();
  for (let i = 0; i < items.length; i += BATCH) {
    const slice = items.slice(i, i + BATCH);
    db.exec("BEGIN");
    if (slice.length === BATCH) insert.run(...slice.flatMap((row) => columns.map((c) => row[c])));
    else
      db.prepare(
        `INSERT INTO feedback_items (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(slice.length).fill(tuple).join(", ")}`,
      ).run(...slice.flatMap((row) => columns.map((c) => row[c])));
    db.exec("COMMIT");
  }
  const seconds = (performance.now() - started) / 1000;
  const { n } = db
    .prepare("SELECT count(*) AS n FROM feedback_items WHERE source_id = ? AND external_id LIKE 'backlog-%'")
    .get(credentials.webhook.sourceId);
  db.close();
  if (n !== items.length) throw new Error(`the raw insert stored ${n} of ${items.length} rows`);
  return items.length / seconds;
}
