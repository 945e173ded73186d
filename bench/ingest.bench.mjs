// Ingest on loopback: signed Standard Webhooks deliveries against the ingest Worker vs its no-op route (GET /health)
// in the same run, 50 connections each: first flat out with autocannon (throughput, and the latency that queueing at
// saturation adds), then at fixed rates below saturation, evenly paced (paced-load.mjs: the latency a provider sees
// on a busy but not overloaded Worker). The Worker is the deploy bundle served by workerd (bench/workerd.mjs), over
// its own state, with its queue consumer off: on Cloudflare the consumer runs in its own invocations, not on the
// webhook's CPU, and here it would share the same two cores (bench/drain.bench.mjs measures it).

import { join } from "node:path";
import autocannon from "autocannon";
import { Webhook } from "standardwebhooks";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT } from "../scripts/lib.mjs";
import { sqliteFigures, startNativeProfile, startProfile, workerdCpuMeter } from "./cpu-profile.mjs";
import { pacedLoad } from "./paced-load.mjs";
import { signedDelivery } from "./signed-webhook.mjs";
import { startWorker } from "./workerd.mjs";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const QUIET_MS = 3000;
/** A file to write the CPU profile of the signed flat-out run to (the Worker's V8 profile; see cpu-profile.mjs). */
const PROFILE = process.env.BENCH_CPU_PROFILE;
/** The same run's Linux perf samples of workerd, for the shares of SQLite and GC in its thread (see cpu-profile.mjs). */
const PERF = process.env.BENCH_PERF;
const INSPECTOR_PORT = 18897;
// Enough for the warm-up and every signed run at well over the throughput this machine reaches.
const PRESIGNED = 6_000 * (SECONDS + 3);
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-state") });

const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
// Hundreds of req/s to one source is a flood by the per-source webhook limit (600 per 10 s), so it is off here: this
// measures the pipeline, not 429s.
const { mf, url } = await startWorker({
  state: config.state,
  port: 18887,
  consume: false,
  vars: { WEBHOOK_RATE_LIMIT: "off" },
  inspectorPort: PROFILE ? INSPECTOR_PORT : undefined,
});

try {
  const webhook = new Webhook(credentials.webhook.secret);
  const path = `/webhooks/standard-webhooks/${credentials.webhook.sourceId}`;
  // Every delivery is signed before the clock starts: the load generator shares the two cores with the Worker, and
  // its own HMAC and JSON per request would otherwise be counted against the signed route but not the no-op one.
  // Each has a fresh id (a replayed one would be answered from the dedupe path) and a timestamp well within the
  // 5-minute tolerance for the few seconds of the run.
  const deliveries = Array.from({ length: PRESIGNED }, (_, n) =>
    signedDelivery(
      {},
      {
        webhook,
        path,
        id: `bench-${process.pid}-${n}`,
        data: {
          score: n % 11,
          scale: "nps",
          comment: "Parcel arrived three days late and still no refund",
          touchpoint: "delivery-tracking",
          customer: { id: `c${n % 500}` },
        },
      },
    ),
  );
  let sent = 0;
  const signed = (request = {}) => {
    const delivery = deliveries[sent++];
    if (!delivery) throw new Error(`more than ${PRESIGNED} deliveries: raise PRESIGNED`);
    return { ...request, ...delivery };
  };
  const noop = (request = {}) => ({ ...request, method: "GET", path: "/health" });

  // Warm both paths (JIT, D1 pages).
  await load(noop, 2);
  await load(signed, 2);
  const baseline = await load(noop, SECONDS);
  const profiler = PROFILE ? await startProfile(INSPECTOR_PORT) : undefined;
  const nativeProfiler = PERF ? await startNativeProfile(PERF) : undefined;
  const flatOut = await load(signed, SECONDS);
  await profiler?.stop(PROFILE);
  const native = await nativeProfiler?.stop();
  // Evenly paced at half and at a quarter of what the signed path sustains flat out. Paced arrivals find fewer
  // receipts waiting for each group commit than 50 connections flat out do, so the same rate loads the Worker more.
  // The latency target is judged at half the flat-out rate; a quarter shows the latency further below it.
  const shares = [
    { share: "half", divisor: 2, judged: true },
    { share: "a quarter", divisor: 4, judged: false },
  ];
  // Each paced run starts after a few quiet seconds, so none begins while the run before it may still be settling
  // (its last writes and queue sends). A precaution: the stalls that set the paced p99 were there with it too.
  const paced = async (next, rate) => {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    return pacedLoad({ url, connections: CONNECTIONS, rate, seconds: SECONDS, request: () => next() });
  };
  const steady = [];
  for (const { share, divisor, judged } of shares) {
    const rate = Math.max(10, Math.round(flatOut.rps / divisor / 10) * 10);
    steady.push({ share, judged, rate, noop: await paced(noop, rate), signed: await paced(signed, rate) });
  }

  const row = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  row("no-op GET /health, 50 connections flat out (baseline)", baseline.rps, "req/s", {
    p50: baseline.p50,
    p99: baseline.p99,
    ...baseline.cpu,
  });
  row("signed webhook → 202, 50 connections flat out", flatOut.rps, "req/s", {
    baseline: baseline.rps,
    ratio: ratio(flatOut.rps, baseline.rps),
    p50: flatOut.p50,
    p99: flatOut.p99,
    errors: flatOut.errors,
    ...flatOut.cpu,
    ...sqliteFigures(native, flatOut.cpu.workerdCpuMsPerRequest, "Request"),
    target: "ratio ≥ 0.6",
    pass: flatOut.rps / baseline.rps >= 0.6 && flatOut.errors === 0,
  });
  for (const { share, judged, rate, noop: base, signed: measured } of steady) {
    row(`no-op at ${rate} req/s (${share} of flat out), evenly paced (baseline)`, base.rps, "req/s", {
      p50: base.p50,
      p99: base.p99,
      max: base.max,
    });
    row(`signed webhook at ${rate} req/s (${share} of flat out), evenly paced`, measured.rps, "req/s", {
      baseline: base.rps,
      ratio: ratio(measured.p99, base.p99),
      p50: measured.p50,
      p99: measured.p99,
      max: measured.max,
      errors: measured.errors,
      ...(judged ? { target: "p99 ≤ 50 ms", pass: measured.p99 <= 50 && measured.errors === 0 } : {}),
    });
  }
} finally {
  await mf.dispose();
}

/**
 * 50 connections flat out for `seconds` (each sends its next request when the last is answered); returns req/s,
 * latency percentiles (ms) and the count of non-2xx answers or socket errors.
 */
async function load(setupRequest, seconds) {
  const cpu = workerdCpuMeter();
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    cpu: cpuFigures(cpu.read(), result.requests.total, (performance.now() - started) / 1000),
  };
}

/**
 * workerd's CPU per request (Worker, D1 and queue together), and the share of the run's wall time its busiest thread
 * (the one that runs them all) was on a core: near 1, the rate is bound by that thread's work per request.
 */
function cpuFigures({ seconds, busiestThreadSeconds }, requests, wallSeconds) {
  return {
    workerdCpuMsPerRequest: Math.round(((seconds * 1000) / requests) * 1000) / 1000,
    workerdThreadBusy: Math.round((busiestThreadSeconds / wallSeconds) * 100) / 100,
  };
}
