// Ingest on loopback: signed Standard Webhooks deliveries against the ingest Worker vs its no-op route (GET /health)
// in the same run, 50 connections each (autocannon): first flat out (throughput, and the latency that queueing at
// saturation adds), then at a fixed offered rate below saturation (the latency a provider sees on a busy but not
// overloaded Worker). The Worker is the deploy bundle served by workerd (bench/workerd.mjs), over its own state, with
// its queue consumer off: on Cloudflare the consumer runs in its own invocations, not on the webhook's CPU, and here
// it would share the same two cores (bench/drain.bench.mjs measures it).

import { join } from "node:path";
import autocannon from "autocannon";
import { Webhook } from "standardwebhooks";
import { prepareDatabase } from "../scripts/database.mjs";
import { localConfig, ROOT } from "../scripts/lib.mjs";
import { signedDelivery } from "./signed-webhook.mjs";
import { startWorker } from "./workerd.mjs";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
// Enough for the warm-up and both signed runs at well over the throughput this machine reaches.
const PRESIGNED = 6_000 * (SECONDS + 2);
const config = localConfig({ FIREBREAK_STATE: join(ROOT, ".wrangler", "bench-state") });

const credentials = await prepareDatabase(config, { reset: true, log: () => {} });
// Hundreds of req/s to one source is a flood by the per-source webhook limit (600 per 10 s), so it is off here: this
// measures the pipeline, not 429s.
const { mf, url } = await startWorker({
  state: config.state,
  port: 18887,
  consume: false,
  vars: { WEBHOOK_RATE_LIMIT: "off" },
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
  const signed = (request) => {
    const delivery = deliveries[sent++];
    if (!delivery) throw new Error(`more than ${PRESIGNED} deliveries: raise PRESIGNED`);
    return { ...request, ...delivery };
  };
  const noop = (request) => ({ ...request, method: "GET", path: "/health" });

  // Warm both paths (JIT, D1 pages).
  await load(noop, 2);
  await load(signed, 2);
  const baseline = await load(noop, SECONDS);
  const flatOut = await load(signed, SECONDS);
  // Half of what the signed path sustains, offered evenly over the same 50 connections.
  const rate = Math.max(10, Math.round(flatOut.rps / 2 / 10) * 10);
  const steadyBaseline = await load(noop, SECONDS, rate);
  const steady = await load(signed, SECONDS, rate);

  const row = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  row("no-op GET /health, 50 connections flat out (baseline)", baseline.rps, "req/s", {
    p50: baseline.p50,
    p99: baseline.p99,
  });
  row("signed webhook → 202, 50 connections flat out", flatOut.rps, "req/s", {
    baseline: baseline.rps,
    ratio: ratio(flatOut.rps, baseline.rps),
    p50: flatOut.p50,
    p99: flatOut.p99,
    errors: flatOut.errors,
    target: "ratio ≥ 0.6",
    pass: flatOut.rps / baseline.rps >= 0.6 && flatOut.errors === 0,
  });
  row(`no-op at ${rate} req/s over 50 connections (baseline)`, steadyBaseline.rps, "req/s", {
    p50: steadyBaseline.p50,
    p99: steadyBaseline.p99,
  });
  row(`signed webhook at ${rate} req/s over 50 connections`, steady.rps, "req/s", {
    baseline: steadyBaseline.rps,
    ratio: ratio(steady.p99, steadyBaseline.p99),
    p50: steady.p50,
    p99: steady.p99,
    errors: steady.errors,
    target: "p99 ≤ 50 ms",
    pass: steady.p99 <= 50 && steady.errors === 0,
  });
} finally {
  await mf.dispose();
}

/**
 * 50 connections for `seconds`, flat out or at `rate` req/s in all; returns req/s, latency percentiles (ms, corrected
 * for coordinated omission when a rate is set) and the count of non-2xx answers or socket errors.
 */
async function load(setupRequest, seconds, rate) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ setupRequest }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}
